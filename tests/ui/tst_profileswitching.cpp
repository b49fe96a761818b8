#include "hmacpanel.h"
#include "httpfixture.h"
#include "jsoneditor.h"
#include "messagebox.h"
#include "operationform.h"
#include "productionbanner.h"
#include "profiledialog.h"
#include "profilesession.h"
#include "profileswitcher.h"
#include "secretstorenotice.h"
#include "uitest.h"

#include "api/journyclient.h"
#include "profiles/profilestore.h"
#include "secrets/secretstore.h"

#include <QAction>
#include <QDirIterator>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTextStream>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray AllPermissions =
    R"({"meta":{"requestId":"v","status":200},"data":{"permissions":)"
    R"(["TrackData","ReadEvents","ReadProperties","ReadSegments","GetTrackingSnippet"]}})";
const QByteArray ReadEventsOnly =
    R"({"meta":{"requestId":"v","status":200},"data":{"permissions":["ReadEvents"]}})";

QString uniqueSecret(const char *prefix)
{
    return QString::fromLatin1(prefix) +
           QString::number(QRandomGenerator::global()->generate64(), 36);
}
} // namespace

// The console's profiles against two loopback servers and the real keychain: switching
// reconnects to the right server with the right key, production shows its banner and
// asks before writes, the key's permissions mark the forms, and without a keychain the
// window says so and keeps the key in memory only.
class TestProfileSwitching : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void startsOnSandboxWithoutKeyedProfiles();
    void switchingReconnectsWithTheRightKey();
    void productionBannerAndConfirmation();
    void confirmationCanBeTurnedOff();
    void missingPermissionIsMarked();
    void bannerReadsOnDarkPalette();
    void profileDialogFromShortcut();
    void hmacCalculatorTakesTheProfilesSecret();
    void screenshots();
    void noSecretStore();

private:
    QString addProfile(const QString &name, const QUrl &url, const QString &key,
                       bool production = false, bool confirmWrites = true);
    // Chooses a profile in the toolbar's menu and waits for its /validate.
    bool switchTo(MainWindow &window, const QString &id, HttpFixture &server);

    QTemporaryDir m_settingsDir;
    QStringList m_created;
};

void TestProfileSwitching::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
    SecretStore probe;
    const SecretResult written = probe.writeNow(u"probe"_s, SecretKind::ApiKey, u"probe"_s);
    QVERIFY2(written.ok(), qPrintable(u"No working secret store: "_s + written.detail +
                                      u" (run under packaging/run-tests.sh)"_s));
    QVERIFY(probe.removeNow(u"probe"_s, SecretKind::ApiKey).ok());
}

void TestProfileSwitching::init()
{
    QSettings().clear();
    QSettings().sync();
}

void TestProfileSwitching::cleanup()
{
    SecretStore secrets;
    for (const QString &id : std::as_const(m_created))
        secrets.removeAllNow(id);
    m_created.clear();
}

QString TestProfileSwitching::addProfile(const QString &name, const QUrl &url, const QString &key,
                                         bool production, bool confirmWrites)
{
    ProfileStore profiles;
    SecretStore secrets;
    profiles.trackSecrets(&secrets);
    Profile profile;
    profile.name = name;
    profile.baseUrl = url;
    profile.production = production;
    profile.confirmWrites = confirmWrites;
    const std::optional<Profile> saved = profiles.save(profile);
    if (!saved)
        return {};
    m_created << saved->id;
    if (!key.isEmpty() && !secrets.writeNow(saved->id, SecretKind::ApiKey, key).ok())
        return {};
    return saved->id;
}

bool TestProfileSwitching::switchTo(MainWindow &window, const QString &id, HttpFixture &server)
{
    const qsizetype before = server.requests().size();
    QAction *action = window.profileSwitcher()->actionFor(id);
    if (!action)
        return false;
    action->trigger();
    // The key is read without blocking; the window connects, then asks GET /validate.
    if (!QTest::qWaitFor([&] { return server.requests().size() > before; }, 10000))
        return false;
    return QTest::qWaitFor([&] { return window.profileSession()->permissionsKnown(); }, 5000) &&
           window.profileSwitcher()->shownProfileId() == id;
}

void TestProfileSwitching::startsOnSandboxWithoutKeyedProfiles()
{
    HttpFixture server;
    addProfile(u"keyless"_s, server.baseUrl(), {});
    MainWindow window;
    window.show();
    window.activateStoredProfile();
    QTRY_VERIFY(window.isConnected());
    QCOMPARE(window.profileSwitcher()->shownProfileId(), Profile::SandboxId.toString());
    QCOMPARE(window.profileSwitcher()->text(), u"Sandbox"_s);
    QVERIFY(window.profileSwitcher()->accessibleDescription().contains(u"Sandbox"_s));
    QVERIFY(!window.productionBanner()->isVisible());
    QCOMPARE(server.requests().size(), 0);
    // The sandbox's own key has every permission: no form is marked.
    QTRY_VERIFY(window.profileSession()->permissionsKnown());
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    QVERIFY(!window.currentForm()->isPermissionMissing());
}

void TestProfileSwitching::switchingReconnectsWithTheRightKey()
{
    HttpFixture alpha;
    HttpFixture beta;
    alpha.answerJson(200, AllPermissions);
    beta.answerJson(200, AllPermissions);
    const QString alphaKey = uniqueSecret("sk-alpha-");
    const QString betaKey = uniqueSecret("sk-beta-");
    const QString alphaId = addProfile(u"alpha"_s, alpha.baseUrl(), alphaKey);
    const QString betaId = addProfile(u"beta"_s, beta.baseUrl(), betaKey);
    QVERIFY(!alphaId.isEmpty() && !betaId.isEmpty());

    MainWindow window;
    window.show();
    // A profile with a key is the default now.
    window.activateStoredProfile();
    QTRY_COMPARE_WITH_TIMEOUT(alpha.requests().size(), 1, 10000);
    QCOMPARE(alpha.lastRequest().path, u"/validate"_s);
    QCOMPARE(alpha.lastRequest().header("X-Api-Key"), alphaKey.toUtf8());
    QCOMPARE(window.profileSwitcher()->text(), u"alpha"_s);

    QVERIFY(switchTo(window, betaId, beta));
    QCOMPARE(window.client()->baseUrl(), beta.baseUrl());
    QCOMPARE(beta.lastRequest().header("X-Api-Key"), betaKey.toUtf8());
    QVERIFY(window.selectOperation(u"getEvents"_s));
    UiTest::sendAndWait(window);
    QCOMPARE(beta.lastRequest().path, u"/events"_s);
    QCOMPARE(beta.lastRequest().header("X-Api-Key"), betaKey.toUtf8());
    QCOMPARE(alpha.requests().size(), 1);

    QVERIFY(switchTo(window, alphaId, alpha));
    UiTest::sendAndWait(window);
    QCOMPARE(alpha.lastRequest().path, u"/events"_s);
    QCOMPARE(alpha.lastRequest().header("X-Api-Key"), alphaKey.toUtf8());
    QVERIFY(window.profileSwitcher()->actionFor(alphaId)->isChecked());
    QVERIFY(!window.profileSwitcher()->actionFor(betaId)->isChecked());

    // The choice is remembered for the next start.
    QCOMPARE(ProfileStore().activeProfileId(), alphaId);

    // Back to the sandbox: no request leaves for the fixtures.
    const qsizetype before = alpha.requests().size() + beta.requests().size();
    window.profileSwitcher()->actionFor(Profile::SandboxId.toString())->trigger();
    QTRY_COMPARE(window.profileSwitcher()->shownProfileId(), Profile::SandboxId.toString());
    QVERIFY(window.client()->baseUrl().host() == u"127.0.0.1"_s);
    QVERIFY(window.client()->baseUrl() != alpha.baseUrl());
    UiTest::sendAndWait(window);
    QCOMPARE(alpha.requests().size() + beta.requests().size(), before);
}

void TestProfileSwitching::productionBannerAndConfirmation()
{
    HttpFixture prod;
    HttpFixture test;
    prod.answerJson(200, AllPermissions);
    test.answerJson(200, AllPermissions);
    const QString prodId = addProfile(u"acme"_s, prod.baseUrl(), uniqueSecret("sk-prod-"), true);
    const QString testId = addProfile(u"acme test"_s, test.baseUrl(), uniqueSecret("sk-test-"));
    MainWindow window;
    window.show();
    QVERIFY(switchTo(window, prodId, prod));

    ProductionBanner *banner = window.productionBanner();
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->text(), u"PRODUCTION — acme (127.0.0.1): writes change real customer data"_s);
    // Nothing in it closes it.
    QVERIFY(banner->findChildren<QAbstractButton *>().isEmpty());
    QVERIFY(window.profileSwitcher()->accessibleDescription().contains(u"production"_s));

    // A write asks first; declined, nothing is sent.
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    OperationForm *form = window.currentForm();
    form->jsonEditor()->textEdit()->setPlainText(
        uR"({"identification":{"userId":"u-1"},"properties":{"plan":"Pro"}})"_s);
    QTRY_COMPARE(form->problemCount(), 0);
    const qsizetype before = prod.requests().size();
    int questions = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    window.send();
    QCOMPARE(MessageBox::questionCount(), questions + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"PRODUCTION"_s));
    QVERIFY(MessageBox::lastQuestion().contains(u"acme"_s));
    QVERIFY(!window.isSending());
    QCOMPARE(prod.requests().size(), before);
    // Accepted, it goes.
    MessageBox::setNextAnswer(true);
    prod.answerJson(201, R"({"meta":{"requestId":"w","status":201},"message":"ok"})");
    QVERIFY(UiTest::sendAndWait(window).hasResponse());
    QCOMPARE(prod.lastRequest().path, u"/users/upsert"_s);

    // A delete asks once, naming both the target and production.
    QVERIFY(window.selectOperation(u"deleteUser"_s));
    window.currentForm()->jsonEditor()->textEdit()->setPlainText(
        uR"({"identification":{"userId":"u-1"}})"_s);
    QTRY_COMPARE(window.currentForm()->problemCount(), 0);
    questions = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    window.send();
    QCOMPARE(MessageBox::questionCount(), questions + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"PRODUCTION"_s));
    QVERIFY(MessageBox::lastQuestion().contains(u"u-1"_s));

    // Reads do not ask.
    QVERIFY(window.selectOperation(u"getEvents"_s));
    questions = MessageBox::questionCount();
    QVERIFY(UiTest::sendAndWait(window).hasResponse());
    QCOMPARE(MessageBox::questionCount(), questions);

    // Another profile: the banner goes, writes do not ask.
    QVERIFY(switchTo(window, testId, test));
    QVERIFY(!banner->isVisible());
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    questions = MessageBox::questionCount();
    test.answerJson(201, R"({"meta":{"requestId":"w","status":201},"message":"ok"})");
    QVERIFY(UiTest::sendAndWait(window).hasResponse());
    QCOMPARE(MessageBox::questionCount(), questions);

    // Marking a profile as production through the store shows the banner at once.
    ProfileStore &store = *window.profiles();
    Profile edited = *store.profile(testId);
    edited.production = true;
    QVERIFY(store.save(edited));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(u"acme test"_s));
}

void TestProfileSwitching::confirmationCanBeTurnedOff()
{
    HttpFixture prod;
    prod.answerJson(200, AllPermissions);
    const QString id = addProfile(u"bulk"_s, prod.baseUrl(), uniqueSecret("sk-bulk-"), true, false);
    MainWindow window;
    window.show();
    QVERIFY(switchTo(window, id, prod));
    QVERIFY(window.productionBanner()->isVisible()); // the banner stays
    QVERIFY(window.productionBanner()->toolTip().contains(u"without asking"_s));
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    window.currentForm()->jsonEditor()->textEdit()->setPlainText(
        uR"({"identification":{"userId":"u-2"}})"_s);
    QTRY_COMPARE(window.currentForm()->problemCount(), 0);
    const int questions = MessageBox::questionCount();
    prod.answerJson(201, R"({"meta":{"requestId":"w","status":201},"message":"ok"})");
    QVERIFY(UiTest::sendAndWait(window).hasResponse());
    QCOMPARE(MessageBox::questionCount(), questions);
    QCOMPARE(prod.lastRequest().path, u"/users/upsert"_s);
}

void TestProfileSwitching::missingPermissionIsMarked()
{
    HttpFixture limited;
    HttpFixture full;
    limited.answerJson(200, ReadEventsOnly);
    full.answerJson(200, AllPermissions);
    const QString limitedId =
        addProfile(u"readonly"_s, limited.baseUrl(), uniqueSecret("sk-readonly-"));
    const QString fullId = addProfile(u"full"_s, full.baseUrl(), uniqueSecret("sk-full-"));
    MainWindow window;
    window.show();
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    OperationForm *upsert = window.currentForm();
    QVERIFY(!upsert->isPermissionMissing()); // nothing known yet

    QVERIFY(switchTo(window, limitedId, limited));
    QCOMPARE(window.profileSession()->permissions(), QStringList{u"ReadEvents"_s});
    QVERIFY(upsert->isPermissionMissing());
    QVERIFY(upsert->endpointLabel()->text().contains(u"needs TrackData — missing"_s));
    QVERIFY(upsert->endpointLabel()->toolTip().contains(u"TrackData"_s));
    QVERIFY(upsert->endpointLabel()->accessibleDescription().contains(u"missing"_s));
    // Forms made later are marked too; one the key may use is not.
    QVERIFY(window.selectOperation(u"trackEvent"_s));
    QVERIFY(window.currentForm()->isPermissionMissing());
    QVERIFY(window.selectOperation(u"getEvents"_s));
    QVERIFY(!window.currentForm()->isPermissionMissing());
    QVERIFY(window.selectOperation(u"getValidity"_s)); // needs nothing
    QVERIFY(!window.currentForm()->isPermissionMissing());

    QVERIFY(switchTo(window, fullId, full));
    QVERIFY(!upsert->isPermissionMissing());
    QVERIFY(!upsert->endpointLabel()->text().contains(u"missing"_s));

    // A refused key (401 on /validate) can do nothing.
    limited.answerJson(401, R"({"meta":{"requestId":"v","status":401},"message":"no"})");
    QVERIFY(switchTo(window, limitedId, limited));
    QVERIFY(upsert->isPermissionMissing());
    QVERIFY(window.selectOperation(u"getEvents"_s));
    QVERIFY(window.currentForm()->isPermissionMissing());
}

void TestProfileSwitching::bannerReadsOnDarkPalette()
{
    ProductionBanner banner;
    Profile profile;
    profile.name = u"acme"_s;
    profile.baseUrl = QUrl(u"https://api.journy.io"_s);
    profile.production = true;
    for (const bool dark : {false, true}) {
        QPalette palette;
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
            palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        }
        banner.setPalette(palette);
        banner.showProfile(profile);
        const QPalette shown = banner.palette();
        const int contrast = qAbs(shown.color(QPalette::Window).lightness() -
                                  shown.color(QPalette::WindowText).lightness());
        QVERIFY2(contrast > 120, qPrintable(QString::number(contrast)));
        QVERIFY(banner.text().startsWith(u"PRODUCTION"_s)); // a word, not only a colour
    }
}

static void saveShot(QWidget *widget, const QString &name);

void TestProfileSwitching::profileDialogFromShortcut()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.profileSwitcher()->manageAction()->shortcut(),
             QKeySequence(Qt::CTRL | Qt::Key_Comma));
    window.profileSwitcher()->manageAction()->trigger();
    QTRY_VERIFY(window.profileDialog() && window.profileDialog()->isVisible());
    QCOMPARE(window.profileDialog()->currentProfileId(), Profile::SandboxId.toString());
    // Adding a profile in the dialog puts it into the switcher's menu.
    window.profileDialog()->addProfile();
    const QString id = window.profileDialog()->currentProfileId();
    m_created << id;
    QVERIFY(window.profileSwitcher()->actionFor(id));
    window.profileDialog()->close();

    // A 401 in the inspector links to the same dialog.
    HttpFixture server;
    server.answerJson(401, R"({"meta":{"requestId":"r","status":401},"message":"no key"})");
    window.connectTo(server.baseUrl(), u"k"_s, u"fixture"_s);
    QVERIFY(window.selectOperation(u"getEvents"_s));
    QCOMPARE(UiTest::sendAndWait(window).status, 401);
    QLabel *link = window.findChild<ResponseInspector *>()->profilesLink();
    QVERIFY(link);
    QTRY_VERIFY(link->isVisible());
    saveShot(&window, u"inspector-401"_s);
    QTRY_VERIFY(!window.profileDialog()->isVisible());
    Q_EMIT link->linkActivated(u"profiles"_s);
    QTRY_VERIFY(window.profileDialog()->isVisible());
    window.profileDialog()->close();
}

// Pictures of the banner, the missing-permission mark (light and dark palettes) and the
// dialog, written to JOURNY_SCREENSHOT_DIR (default: screenshots/ in the build tree).
static void saveShot(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    const QString dir =
        qEnvironmentVariable("JOURNY_SCREENSHOT_DIR", QDir::current().filePath(u"screenshots"_s));
    QDir().mkpath(dir);
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(QDir(dir).filePath(name + u".png"_s)));
}

void TestProfileSwitching::hmacCalculatorTakesTheProfilesSecret()
{
    HttpFixture alpha;
    HttpFixture beta;
    alpha.answerJson(200, AllPermissions);
    beta.answerJson(200, AllPermissions);
    const QString alphaId = addProfile(u"alpha"_s, alpha.baseUrl(), uniqueSecret("sk-alpha-"));
    const QString betaId = addProfile(u"beta"_s, beta.baseUrl(), uniqueSecret("sk-beta-"));
    QVERIFY(!alphaId.isEmpty() && !betaId.isEmpty());
    const QString hmac = uniqueSecret("hmac-alpha-");
    {
        ProfileStore profiles;
        SecretStore secrets;
        profiles.trackSecrets(&secrets);
        QVERIFY(secrets.writeNow(alphaId, SecretKind::HmacSecret, hmac).ok());
    }
    QVERIFY(ProfileStore().profile(alphaId)->hasHmacSecret);

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(switchTo(window, alphaId, alpha));
    window.hmacDock()->toggleViewAction()->trigger();
    HmacPanel *panel = window.hmacPanel();
    QPushButton *button = panel->profileSecretButton();
    QTRY_VERIFY(button->isVisible());
    QVERIFY(button->toolTip().contains(u"alpha"_s));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(panel->secretEdit()->text(), hmac); // read from the keychain
    QTest::keyClicks(panel->idEdit(), u"20"_s);
    QCOMPARE(panel->digest().size(), 64);

    // A profile without an HMAC secret offers none.
    QVERIFY(switchTo(window, betaId, beta));
    QTRY_VERIFY(!button->isVisible());
}

void TestProfileSwitching::screenshots()
{
    HttpFixture limited;
    limited.answerJson(200, ReadEventsOnly);
    const QString id = addProfile(u"acme"_s, limited.baseUrl(), uniqueSecret("sk-shot-"), true);
    addProfile(u"staging"_s, QUrl(u"https://staging.example.com"_s), {});
    for (const bool dark : {false, true}) {
        MainWindow window;
        if (dark)
            window.setPalette(UiTest::darkPalette());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectOperation(u"upsertUser"_s));
        QVERIFY(switchTo(window, id, limited));
        QVERIFY(window.productionBanner()->isVisible());
        QVERIFY(window.currentForm()->isPermissionMissing());
        saveShot(&window, dark ? u"profiles-production-dark"_s : u"profiles-production"_s);
        if (!dark) {
            window.openProfileDialog();
            QVERIFY(window.profileDialog()->isVisible());
            QCOMPARE(window.profileDialog()->currentProfileId(), id);
            saveShot(window.profileDialog(), u"profiles-dialog"_s);
            window.profileDialog()->close();
        }
    }
}

// Child: the console with no session bus. Prints what the window showed; never the key.
static int noStoreChild()
{
    QTextStream out(stdout);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    const QString key = QString::fromUtf8(in.readAll()).trimmed();
    HttpFixture server;
    server.answerJson(200, AllPermissions);
    MainWindow window;
    window.show();
    window.openProfileDialog();
    ProfileDialog *dialog = window.profileDialog();
    QSignalSpy stored(dialog, &ProfileDialog::secretStored);
    dialog->addProfile();
    const QString id = dialog->currentProfileId();
    dialog->nameEdit()->setText(u"offline"_s);
    dialog->baseUrlEdit()->setText(server.baseUrl().toString());
    QTest::keyClicks(dialog->apiKeyEdit(), key);
    dialog->save();
    if (!stored.wait(15000))
        return 3;
    const SecretResult result = stored.at(0).at(0).value<SecretResult>();
    out << "store=" << result.status << " memoryOnly=" << int(result.memoryOnly) << '\n';
    out << "noticeVisible=" << int(window.secretStoreNotice()->isVisible()) << '\n';
    out << "notice=" << window.secretStoreNotice()->text().replace(u'\n', u' ') << '\n';
    out << "keyStatus=" << dialog->keyStatusLabel()->text() << '\n';
    if (qEnvironmentVariableIsSet("JOURNY_SCREENSHOT_DIR"))
        window.grab().save(QDir(qEnvironmentVariable("JOURNY_SCREENSHOT_DIR"))
                               .filePath(u"profiles-no-keychain.png"_s));
    dialog->close();

    // The key in memory reaches the server for this run.
    window.profileSwitcher()->actionFor(id)->trigger();
    if (!QTest::qWaitFor([&] { return !server.requests().isEmpty(); }, 10000))
        return 4;
    out << "sentKey=" << int(server.lastRequest().header("X-Api-Key") == key.toUtf8()) << '\n';
    // Retry: still no store, still said so.
    QSignalSpy again(window.secrets(), &SecretStore::unavailable);
    QTest::mouseClick(window.secretStoreNotice()->retryButton(), Qt::LeftButton);
    again.wait(15000);
    out << "retryUnavailable=" << again.size()
        << " stillVisible=" << int(window.secretStoreNotice()->isVisible()) << '\n';
    window.close();
    return 0;
}

void TestProfileSwitching::noSecretStore()
{
    QTemporaryDir home;
    QTemporaryDir runtime;
    const QString key = uniqueSecret("sk-nostore-");
    const ProcessResult child = runProcess(
        QCoreApplication::applicationFilePath(), {}, key.toUtf8(),
        {u"JOURNY_PROFILESWITCHING_CHILD=nostore"_s, u"DBUS_SESSION_BUS_ADDRESS"_s, u"DISPLAY"_s,
         u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM=offscreen"_s, u"HOME="_s + home.path(),
         u"XDG_RUNTIME_DIR="_s + runtime.path(), u"XDG_CONFIG_HOME="_s + home.filePath(u"config"_s),
         u"XDG_DATA_HOME="_s + home.filePath(u"data"_s),
         u"XDG_CACHE_HOME="_s + home.filePath(u"cache"_s),
         u"XDG_STATE_HOME="_s + home.filePath(u"state"_s)},
        90000);
    const QString out = QString::fromUtf8(child.out);
    QVERIFY2(child.exitCode == 0, qPrintable(out + QString::fromUtf8(child.err)));
    QVERIFY2(out.contains(u"store=2 memoryOnly=1"_s), qPrintable(out));
    QVERIFY2(out.contains(u"noticeVisible=1"_s), qPrintable(out));
    QVERIFY2(out.contains(u"gnome-keyring"_s) && out.contains(u"unlock"_s), qPrintable(out));
    QVERIFY2(out.contains(u"memory for this run only"_s), qPrintable(out));
    QVERIFY2(out.contains(u"sentKey=1"_s), qPrintable(out));
    QVERIFY2(out.contains(u"stillVisible=1"_s), qPrintable(out));
    QVERIFY(!child.out.contains(key.toUtf8()));
    QVERIFY(!child.err.contains(key.toUtf8()));
    // Written nowhere: not the settings, not any other file.
    bool settingsWritten = false;
    for (const QTemporaryDir *dir : {&home, &runtime}) {
        QDirIterator it(dir->path(), QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(key.toUtf8()), qPrintable(file.fileName()));
            settingsWritten = settingsWritten || content.contains("offline");
        }
    }
    QVERIFY(settingsWritten); // the profile itself was saved, in the child's HOME
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (qgetenv("JOURNY_PROFILESWITCHING_CHILD") == "nostore") {
        QCoreApplication::setOrganizationName(u"journy.io"_s);
        QCoreApplication::setApplicationName(u"Journy Console"_s);
        return noStoreChild();
    }
    TestProfileSwitching test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_profileswitching.moc"
