#include "mainwindow.h"

#include <QtTest>

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsProductNameAndVersion();
};

void TestMainWindow::showsProductNameAndVersion() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.windowTitle().contains(QStringLiteral("Journy Console")));
    QVERIFY(window.windowTitle().contains(QStringLiteral(JOURNY_VERSION)));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
