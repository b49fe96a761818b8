#pragma once

// Shared helpers for the widget tests (no test class here).

#include "mainwindow.h"
#include "responseinspector.h"

#include <QAccessible>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace UiTest {

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
