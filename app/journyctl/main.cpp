#include "cli/journyctl.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("journy.io"));
    QCoreApplication::setApplicationName(QStringLiteral("Journy Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JOURNY_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    JournyCtl ctl(out, err);
    return ctl.run(QCoreApplication::arguments());
}
