#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Journy Console %1").arg(QStringLiteral(JOURNY_VERSION)));
    auto *welcome = new QLabel(
        tr("<h1>Journy Console</h1><p>Version %1</p>").arg(QStringLiteral(JOURNY_VERSION)));
    welcome->setAlignment(Qt::AlignCenter);
    setCentralWidget(welcome);
    statusBar()->showMessage(tr("Ready"));
    resize(1024, 700);
}
