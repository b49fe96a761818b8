#pragma once

// Shared helpers for the widget tests (no test class here).

#include "mainwindow.h"
#include "responseinspector.h"

#include <QAccessible>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPalette>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace UiTest {

// A dark theme as a desktop would give it (every role the console uses is set).
inline QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x25, 0x25, 0x28));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1b, 0x1b, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x90));
    dark.setColor(QPalette::Button, QColor(0x33, 0x33, 0x38));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x5a));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        dark.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7a, 0x80));
    return dark;
}

// Settings go to a throw-away directory, never to the tester's own.
inline void isolateSettings(const QTemporaryDir &dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("journy.io-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("Journy Console Tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings().clear();
}

// Everything the inspector shows, as one text.
inline QString inspectorText(const ResponseInspector *inspector)
{
    QStringList parts{inspector->statusText(), inspector->explanationText(),
                      inspector->requestIdText(), inspector->rawBodyText(),
                      inspector->requestText()};
    for (const QLabel *label : inspector->findChildren<QLabel *>())
        parts << label->text();
    for (const QListWidget *list : inspector->findChildren<QListWidget *>()) {
        for (int i = 0; i < list->count(); ++i)
            parts << list->item(i)->text();
    }
    return parts.join(u'\n');
}

// Sends the current form and waits for the answer.
inline ApiResult sendAndWait(MainWindow &window, bool anyway = false)
{
    QSignalSpy finished(&window, &MainWindow::requestFinished);
    if (anyway)
        window.sendAnyway();
    else
        window.send();
    if (!window.isSending())
        return {};
    if (!finished.wait(10000))
        return {};
    return finished.at(0).at(0).value<ApiResult>();
}

inline QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
    return accessible ? accessible->text(QAccessible::Name) : QString();
}

} // namespace UiTest
