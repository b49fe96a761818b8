#include "mainwindow.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("journy.io"));
    QApplication::setApplicationName(QStringLiteral("Journy Console"));
    QApplication::setApplicationVersion(QStringLiteral(JOURNY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.journy.Console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/journy-console.svg")));

    MainWindow window;
    window.show();
    // The sandbox (and anything else slow) starts once the window has painted.
    window.startBuiltInSandboxAfterFirstPaint();
    return app.exec();
}
