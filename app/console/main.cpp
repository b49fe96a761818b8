#include "firstpaintprobe.h"
#include "mainwindow.h"

#include "validation/validator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <cstdio>
#include <future>

using namespace Qt::StringLiterals;

namespace {

// --screenshot: the window as the platform shows it (under xcb, read back from the X
// server), or as the widgets render it where the platform cannot read windows back.
bool saveScreenshot(MainWindow &window, const QString &file)
{
    window.repaint();
    QPixmap pixmap;
    if (QScreen *screen = window.screen())
        pixmap = screen->grabWindow(window.winId());
    if (pixmap.isNull() || pixmap.size() != window.size() * window.devicePixelRatio())
        pixmap = window.grab();
    return pixmap.save(file, "PNG");
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    // The forms validate as they appear; the spec they validate against compiles on another
    // core meanwhile (the first form waits for it only if it is not ready yet). Not before
    // the QApplication: Qt takes the first thread that makes a QObject for the main thread.
    auto validatorReady = std::async(
        std::launch::async, [] { Validator::instance().validate(u"getValidity"_s, QJsonValue()); });
    QApplication::setOrganizationName(u"journy.io"_s);
    QApplication::setApplicationName(u"Journy Console"_s);
    QApplication::setApplicationVersion(QStringLiteral(JOURNY_VERSION));
    QApplication::setDesktopFileName(u"io.journy.Console"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "A native console for the journy.io API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption select(
        u"select"_s, QCoreApplication::translate("main", "Open the form of OPERATION."),
        u"OPERATION"_s);
    const QCommandLineOption send(
        u"send"_s,
        QCoreApplication::translate("main", "Send the form once the sandbox is connected."));
    const QCommandLineOption screenshot(
        u"screenshot"_s,
        QCoreApplication::translate(
            "main", "Save the window to FILE (PNG) once it is ready, then quit (for tests)."),
        u"FILE"_s);
    parser.addOptions({select, send, screenshot});
    parser.process(app);

    MainWindow window;
    if (parser.isSet(select) && !window.selectOperation(parser.value(select))) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "Unknown operation: %1")
                                    .arg(parser.value(select))));
        return 2;
    }
    window.show();

    auto *probe = new FirstPaintProbe(&window);
    if (qEnvironmentVariableIntValue("JOURNY_FIRST_PAINT_REPORT") == 1) {
        // The start-up benchmark: main() to the first paint flushed, then quit. What the
        // console starts after its first paint is not part of it, by definition.
        QObject::connect(probe, &FirstPaintProbe::painted, &app, [&sinceMain] {
            std::printf("first_paint_ms=%.2f\n", double(sinceMain.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QCoreApplication::quit();
        });
        return app.exec();
    }

    // Everything that can wait starts once the window is on screen.
    QObject::connect(probe, &FirstPaintProbe::painted, &window, [&window] {
        QApplication::setWindowIcon(QIcon(u":/icons/journy-console.svg"_s));
        window.activateStoredProfile(); // the profile chosen last; the Sandbox by default
    });

    if (parser.isSet(send)) {
        QObject::connect(
            &window, &MainWindow::connectionChanged, &window,
            [&window] {
                if (window.isConnected() && !window.isSending())
                    window.send();
            },
            Qt::SingleShotConnection);
    }
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        // A moment after the last change, so that item views have laid out their rows
        // (they do it from a timer) before the picture is taken.
        auto finish = [&window, file] {
            QTimer::singleShot(100, &window, [&window, file] {
                QCoreApplication::exit(saveScreenshot(window, file) ? 0 : 3);
            });
        };
        QObject::connect(&window, &MainWindow::requestFinished, &window, finish);
        QObject::connect(&window, &MainWindow::connectionChanged, &window, [&window, finish] {
            if (!window.isSending())
                finish();
        });
        // Never hang a test run.
        QTimer::singleShot(30000, &app, [] { QCoreApplication::exit(4); });
    }
    return app.exec();
}
