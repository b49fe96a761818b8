#include "cli/journyctl.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    // The plain Unix event dispatcher: a command-line program needs no GLib main loop, and
    // per request it costs far less (see README, Performance).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("journy.io"));
    QCoreApplication::setApplicationName(QStringLiteral("Journy Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JOURNY_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    JournyCtl ctl(out, err);
    return ctl.run(QCoreApplication::arguments());
}
