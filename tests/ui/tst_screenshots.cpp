#include "eventform.h"
#include "identificationeditor.h"
#include "identityform.h"
#include "mainwindow.h"
#include "navigationpanel.h"
#include "operationform.h"
#include "propertyeditor.h"
#include "uitest.h"

#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QtTest>

using namespace Qt::StringLiterals;

// Pictures of the window for people to look at: one per navigation group and one with
// marks on the fields, written to JOURNY_SCREENSHOT_DIR (default: screenshots/ in the
// build tree). Runs offscreen in ctest; run it with QT_QPA_PLATFORM=xcb under Xvfb to see
// the real platform.
class TestScreenshots : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachGroup_data();
    void eachGroup();
    void marksOnTheFields();

private:
    void save(QWidget *window, const QString &name);

    QTemporaryDir m_settingsDir;
    QDir m_dir;
};

void TestScreenshots::initTestCase()
{
    UiTest::isolateSettings(m_settingsDir);
    const QString path =
        qEnvironmentVariable("JOURNY_SCREENSHOT_DIR", QDir::current().filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(path));
    m_dir = QDir(path);
}

void TestScreenshots::save(QWidget *window, const QString &name)
{
    QApplication::processEvents();
    const QImage image = window->grab().toImage();
    QCOMPARE(image.size(), window->size() * image.devicePixelRatio());
    // Not a blank picture: the window draws more than one colour.
    QVERIFY(image.pixel(5, 5) != image.pixel(image.width() / 2, image.height() / 3) ||
            image.pixel(20, 40) != image.pixel(image.width() / 3, image.height() / 2));
    QVERIFY(image.save(m_dir.filePath(name + u".png"_s)));
}

void TestScreenshots::eachGroup_data()
{
    QTest::addColumn<int>("group");
    QTest::addColumn<QString>("operationId");
    QTest::newRow("users") << int(NavigationPanel::Users) << u"upsertUser"_s;
    QTest::newRow("accounts") << int(NavigationPanel::Accounts) << u"addUserToAccount"_s;
    QTest::newRow("track") << int(NavigationPanel::Track) << u"trackEvent"_s;
    QTest::newRow("read") << int(NavigationPanel::Read) << u"getUserProperties"_s;
}

void TestScreenshots::eachGroup()
{
    QFETCH(int, group);
    QFETCH(QString, operationId);
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.startBuiltInSandbox());
    window.navigation()->selectGroup(NavigationPanel::Group(group));
    QVERIFY(window.selectOperation(operationId));
    if (operationId == u"getUserProperties"_s) {
        window.sandbox()->state()->upsert(
            SandboxScope::Users, QJsonObject{{u"userId"_s, u"20"_s}},
            QJsonObject{{u"plan"_s, u"Pro"_s},
                        {u"mrr"_s, 399},
                        {u"registered_at"_s, u"2024-03-01T09:30:00.000Z"_s}});
        QCOMPARE(UiTest::sendAndWait(window).status, 200);
    }
    save(&window, QString::fromLatin1(QTest::currentDataTag()));
}

void TestScreenshots::marksOnTheFields()
{
    MainWindow window;
    window.resize(1024, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.startBuiltInSandbox());
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QTest::keyClicks(form->identification()->secondEdit(), u"john@"_s);
    PropertyEditor *properties = form->properties();
    QTest::keyClicks(properties->row(0).name, u"plan"_s);
    QTest::keyClicks(properties->row(0).text, u"Pro"_s);
    properties->addRow();
    QTest::keyClicks(properties->row(1).name, u"mrr"_s);
    properties->setRowType(1, PropertyEditor::Type::Number);
    QTest::keyClicks(properties->row(1).text, u"lots"_s);
    properties->addRow();
    QTest::keyClicks(properties->row(2).name, u"registered_at"_s);
    properties->setRowType(2, PropertyEditor::Type::DateTime);
    save(&window, u"marks"_s);
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
