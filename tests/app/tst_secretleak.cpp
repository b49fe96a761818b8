#include "httpfixture.h"
#include "jsoneditor.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "operationform.h"
#include "profiledialog.h"
#include "profilesession.h"
#include "profileswitcher.h"
#include "snippetform.h"

#include "api/journyclient.h"
#include "api/operation.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;

// After a whole journyctl session with recognisable secrets (profiles, keys, every kind of
// request with answers that echo the key, --verbose, errors, switching profiles), the key
// and the HMAC secret appear in no file under the test's HOME and XDG directories and in
// no output. The console's half does the same through the GUI in a child process (the
// profile dialog, every operation, copy as curl, switching profiles, quitting) in the same
// HOME. Needs the real keychain (packaging/run-tests.sh).
class TestSecretLeak : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scannerFindsPlantedSecret();
    void journyctlSession();
    void consoleSession();
    void cleanupTestCase();

private:
    ProcessResult ctl(const QStringList &arguments, const QByteArray &input = {},
                      const QStringList &environment = {});
    // HOME, XDG dirs and TMPDIR inside the test's directories; no key in the environment.
    QStringList sessionEnvironment() const;
    // Every file under root that contains one of the needles.
    static QStringList filesContaining(const QString &root, const QList<QByteArray> &needles);

    HttpFixture m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_runtime;
    QByteArray m_key;
    QByteArray m_hmacSecret;
    QByteArray m_output; // everything journyctl and the console printed
};

static QByteArray recognisable(const char *prefix)
{
    return QByteArray(prefix) +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36).rightJustified(13, 'x');
}

// A valid body for every operation that has one.
static QHash<QString, QByteArray> requestBodies()
{
    return {
        {u"upsertUser"_s, R"({"identification":{"userId":"u-1"},"properties":{"plan":"Pro"}})"},
        {u"deleteUser"_s, R"({"identification":{"userId":"u-1"}})"},
        {u"link"_s, R"({"deviceId":"d-1","identification":{"userId":"u-1"}})"},
        {u"upsertAccount"_s, R"({"identification":{"accountId":"a-1"}})"},
        {u"deleteAccount"_s, R"({"identification":{"accountId":"a-1"}})"},
        {u"addUserToAccount"_s,
         R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})"},
        {u"removeUserFromAccount"_s,
         R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})"},
        {u"trackEvent"_s, R"({"identification":{"user":{"userId":"u-1"}},"name":"signed_in"})"},
        {u"trackJourneyEvent"_s,
         R"({"identification":{"user":{"userId":"u-1"}},"name":"signed_in"})"},
    };
}

void TestSecretLeak::initTestCase()
{
    QVERIFY(m_home.isValid() && m_runtime.isValid());
    m_key = recognisable("sk-LEAKCANARY-");
    m_hmacSecret = recognisable("hmac-LEAKCANARY-");
}

QStringList TestSecretLeak::sessionEnvironment() const
{
    const QString home = m_home.path();
    return {u"JOURNY_API_KEY"_s,
            u"JOURNY_HMAC_SECRET"_s,
            u"HOME="_s + home,
            u"XDG_CONFIG_HOME="_s + home + u"/config"_s,
            u"XDG_DATA_HOME="_s + home + u"/data"_s,
            u"XDG_CACHE_HOME="_s + home + u"/cache"_s,
            u"XDG_STATE_HOME="_s + home + u"/state"_s,
            u"XDG_RUNTIME_DIR="_s + m_runtime.path(),
            u"TMPDIR="_s + home + u"/tmp"_s};
}

ProcessResult TestSecretLeak::ctl(const QStringList &arguments, const QByteArray &input,
                                  const QStringList &environment)
{
    const QStringList env = sessionEnvironment() + environment;
    const ProcessResult result = runProcess(QStringLiteral(JOURNYCTL_PATH), arguments, input, env);
    m_output += result.out + result.err;
    return result;
}

QStringList TestSecretLeak::filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            hits << file.fileName() + u" (unreadable)"_s;
            continue;
        }
        const QByteArray content = file.readAll();
        for (const QByteArray &needle : needles) {
            if (content.contains(needle))
                hits << file.fileName();
        }
    }
    return hits;
}

void TestSecretLeak::scannerFindsPlantedSecret()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"a/.b"_s));
    QFile planted(dir.filePath(u"a/.b/planted"_s));
    QVERIFY(planted.open(QIODevice::WriteOnly));
    planted.write("prefix " + m_key + " suffix");
    planted.close();
    QCOMPARE(filesContaining(dir.path(), {m_key}).size(), 1);
    QCOMPARE(filesContaining(dir.path(), {m_hmacSecret}).size(), 0);
}

void TestSecretLeak::journyctlSession()
{
    const QString url = m_server.baseUrl().toString();
    QCOMPARE(
        ctl({u"profile"_s, u"add"_s, u"leaky"_s, u"--base-url"_s, url, u"--production"_s}).exitCode,
        0);
    QCOMPARE(ctl({u"profile"_s, u"add"_s, u"other"_s, u"--base-url"_s, url}).exitCode, 0);
    QCOMPARE(
        ctl({u"profile"_s, u"add"_s, u"dead"_s, u"--base-url"_s, u"http://127.0.0.1:1"_s}).exitCode,
        0);
    ProcessResult result = ctl({u"profile"_s, u"set-key"_s, u"leaky"_s}, m_key + '\n');
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(
        ctl({u"profile"_s, u"set-key"_s, u"leaky"_s, u"--hmac-secret"_s}, m_hmacSecret).exitCode,
        0);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"other"_s}, "sk-other-profile-key\n").exitCode, 0);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"dead"_s}, m_key + '\n').exitCode, 0);

    // Every operation, each with a success, a 400 and a 401, all echoing the key.
    result = ctl({u"operations"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray operations = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(operations.size(), 16);
    const QHash<QString, QByteArray> bodies = requestBodies();
    const QByteArray echoed = "\"Key " + m_key + " seen\"";
    int sent = 0;
    for (const QJsonValue &value : operations) {
        const QJsonObject operation = value.toObject();
        const QString id = operation[u"operationId"_s].toString();
        const int success = operation[u"successStatus"_s].toInt();
        QStringList arguments{u"--profile"_s, u"leaky"_s, u"send"_s, id, u"--verbose"_s};
        QByteArray input;
        if (bodies.contains(id)) {
            arguments << u"--data"_s << u"-"_s;
            input = bodies.value(id);
        }
        if (id == u"getTrackingSnippet"_s)
            arguments << u"--query"_s << u"domain=acme.com"_s;
        const QList<std::pair<int, QByteArray>> answers = {
            {success, R"({"meta":{"requestId":"r","status":0},"message":)" + echoed +
                          R"(,"data":{"permissions":[)" + echoed + "]}}"},
            {400, R"({"meta":{"requestId":"r","status":400},"message":)" + echoed +
                      R"(,"errors":{"fields":{"identification.userId":)" + echoed + "}}}"},
            {401, R"({"meta":{"requestId":"r","status":401},"message":)" + echoed + "}"},
        };
        for (const auto &[status, body] : answers) {
            m_server.answer(status, body,
                            {{"Content-Type", "application/json"}, {"X-Echo", m_key}});
            result = ctl(arguments, input);
            QVERIFY2(result.exitCode == (status < 300 ? 0 : 1),
                     qPrintable(id + u": "_s + QString::fromUtf8(result.err)));
            QCOMPARE(m_server.lastRequest().header("X-Api-Key"), m_key);
            ++sent;
        }
    }
    QCOMPARE(sent, 48);

    // The key check, the other profile, the CI override, a transport error.
    m_server.answerJson(200,
                        R"({"meta":{"requestId":"r","status":200},"data":{"permissions":[]}})");
    QCOMPARE(ctl({u"profile"_s, u"test"_s, u"leaky"_s, u"--verbose"_s}).exitCode, 0);
    QCOMPARE(ctl({u"profile"_s, u"test"_s, u"other"_s}).exitCode, 0);
    QCOMPARE(m_server.lastRequest().header("X-Api-Key"), QByteArray("sk-other-profile-key"));
    QCOMPARE(ctl({u"--profile"_s, u"other"_s, u"send"_s, u"getEvents"_s, u"--verbose"_s}).exitCode,
             0);
    QCOMPARE(ctl({u"send"_s, u"getEvents"_s, u"--base-url"_s, url, u"--verbose"_s}, {},
                 {u"JOURNY_API_KEY="_s + QString::fromUtf8(m_key)})
                 .exitCode,
             0);
    QCOMPARE(m_server.lastRequest().header("X-Api-Key"), m_key);
    QCOMPARE(ctl({u"--profile"_s, u"dead"_s, u"send"_s, u"getEvents"_s, u"--verbose"_s}).exitCode,
             3);
    QCOMPARE(
        ctl({u"hmac"_s, u"u-1"_s}, {}, {u"JOURNY_HMAC_SECRET="_s + QString::fromUtf8(m_hmacSecret)})
            .exitCode,
        0);
    QCOMPARE(ctl({u"profile"_s, u"list"_s}).exitCode, 0);
    QCOMPARE(ctl({u"profile"_s, u"list"_s, u"--json"_s}).exitCode, 0);
    QCOMPARE(ctl({u"profile"_s, u"remove"_s, u"other"_s}).exitCode, 0);

    const QList<QByteArray> secrets{m_key, m_hmacSecret};
    for (const QByteArray &secret : secrets)
        QVERIFY2(!m_output.contains(secret), "a secret was printed");
    QVERIFY(m_output.contains("••••••••")); // the redacted places are there
    for (const QString &root : {m_home.path(), m_runtime.path()}) {
        const QStringList hits = filesContaining(root, secrets);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
    }
    QVERIFY(QFile::exists(m_home.filePath(u"config/journy.io/Journy Console.conf"_s)));
}

// The console's half, in a child process (consoleChild() below) with the same HOME: it adds
// a profile with the key and the HMAC secret through the profile dialog, tests the key,
// sends every operation with answers that echo the key, copies as curl, switches profiles
// and quits. Afterwards no file and no output holds either secret.
void TestSecretLeak::consoleSession()
{
    QVERIFY(QDir().mkpath(m_home.filePath(u"tmp"_s)));
    const ProcessResult child =
        runProcess(QCoreApplication::applicationFilePath(), {}, m_key + '\n' + m_hmacSecret + '\n',
                   sessionEnvironment() + QStringList{u"JOURNY_SECRETLEAK_CHILD=console"_s,
                                                      u"QT_QPA_PLATFORM=offscreen"_s},
                   90000);
    m_output += child.out + child.err;
    const QString out = QString::fromUtf8(child.out);
    QVERIFY2(child.exitCode == 0, qPrintable(u"exit code %1: "_s.arg(child.exitCode) + out +
                                             QString::fromUtf8(child.err)));
    QVERIFY2(out.contains(u"stored=2 memoryOnly=0"_s), qPrintable(out));
    QVERIFY2(out.contains(u"keyTested=200"_s), qPrintable(out));
    QVERIFY2(out.contains(u"sent=48 keyArrived=48"_s), qPrintable(out));
    QVERIFY2(out.contains(u"curlHasKey=0"_s) || out.contains(u"curl=none"_s), qPrintable(out));
    QVERIFY2(out.contains(u"switched=1"_s), qPrintable(out));

    const QList<QByteArray> secrets{m_key, m_hmacSecret};
    for (const QByteArray &secret : secrets)
        QVERIFY2(!m_output.contains(secret), "a secret was printed");
    for (const QString &root : {m_home.path(), m_runtime.path()}) {
        const QStringList hits = filesContaining(root, secrets);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
    }
    // The console saved its profile and layout in the same settings file as journyctl.
    QFile settings(m_home.filePath(u"config/journy.io/Journy Console.conf"_s));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray saved = settings.readAll();
    QVERIFY(saved.contains("console-leaky"));
    QVERIFY(saved.contains("mainWindow"));
}

void TestSecretLeak::cleanupTestCase()
{
    // Leave nothing in the shared keychain.
    for (const QString &name : {u"leaky"_s, u"other"_s, u"dead"_s, u"console-leaky"_s})
        ctl({u"profile"_s, u"remove"_s, name});
}

namespace {
// The console session of consoleSession(); the key and the HMAC secret come on standard
// input. Prints counts and yes/no answers, never a secret.
int consoleChild()
{
    QCoreApplication::setOrganizationName(u"journy.io"_s);
    QCoreApplication::setApplicationName(u"Journy Console"_s);
    QTextStream out(stdout);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    const QList<QByteArray> lines = in.readAll().split('\n');
    if (lines.size() < 2)
        return 2;
    const QString key = QString::fromUtf8(lines.at(0));
    const QString hmac = QString::fromUtf8(lines.at(1));
    const QByteArray echoed = "\"Key " + key.toUtf8() + " seen\"";

    HttpFixture server;
    server.answerJson(200, R"({"meta":{"requestId":"v","status":200},"data":{"permissions":)"
                           R"(["TrackData","ReadEvents","ReadProperties","ReadSegments",)"
                           R"("GetTrackingSnippet"]}})");
    MainWindow window;
    window.show();
    window.activateStoredProfile(); // journyctl's "leaky" has a key: it is the default
    if (!QTest::qWaitFor([&] { return window.isConnected(); }, 15000))
        return 3;

    // A production profile with both secrets, through the dialog.
    window.openProfileDialog();
    ProfileDialog *dialog = window.profileDialog();
    QSignalSpy stored(dialog, &ProfileDialog::secretStored);
    dialog->addProfile();
    const QString id = dialog->currentProfileId();
    dialog->nameEdit()->selectAll();
    QTest::keyClicks(dialog->nameEdit(), u"console-leaky"_s);
    dialog->baseUrlEdit()->selectAll();
    QTest::keyClicks(dialog->baseUrlEdit(), server.baseUrl().toString());
    dialog->productionCheck()->click();
    dialog->confirmWritesCheck()->click(); // 48 sends without 48 questions
    QTest::keyClicks(dialog->apiKeyEdit(), key);
    QTest::keyClicks(dialog->hmacSecretEdit(), hmac);
    QTest::mouseClick(dialog->showApiKeyButton(), Qt::LeftButton); // shown on screen only
    if (!dialog->save() || !QTest::qWaitFor([&] { return stored.size() == 2; }, 15000))
        return 4;
    int memoryOnly = 0;
    for (const QList<QVariant> &signal : std::as_const(stored))
        memoryOnly += signal.at(0).value<SecretResult>().memoryOnly;
    out << "stored=" << stored.size() << " memoryOnly=" << memoryOnly << '\n';
    QSignalSpy tested(dialog, &ProfileDialog::keyTested);
    dialog->testKey();
    if (!tested.wait(15000))
        return 5;
    out << "keyTested=" << tested.at(0).at(0).value<ApiResult>().status << '\n';
    dialog->close();

    // Switch to it and send every operation: a success, a 400 and a 401, each echoing the key.
    window.profileSwitcher()->actionFor(id)->trigger();
    if (!QTest::qWaitFor([&] { return window.client()->baseUrl() == server.baseUrl(); }, 15000))
        return 6;
    const QHash<QString, QByteArray> bodies = requestBodies();
    window.showDeprecatedAction()->setChecked(true); // POST /events too
    int sent = 0;
    int keyArrived = 0;
    for (const Operation &operation : OperationCatalogue::all()) {
        if (!window.selectOperation(operation.id))
            return 7;
        OperationForm *form = window.currentForm();
        if (bodies.contains(operation.id))
            form->jsonEditor()->textEdit()->setPlainText(QString::fromUtf8(bodies[operation.id]));
        if (auto *snippet = qobject_cast<SnippetForm *>(form))
            snippet->domain()->setText(u"acme.com"_s);
        const QList<std::pair<int, QByteArray>> answers = {
            {operation.successStatus, R"({"meta":{"requestId":"r","status":0},"message":)" +
                                          echoed + R"(,"data":{"permissions":[)" + echoed + "]}}"},
            {400, R"({"meta":{"requestId":"r","status":400},"message":)" + echoed +
                      R"(,"errors":{"fields":{"identification.userId":)" + echoed + "}}}"},
            {401, R"({"meta":{"requestId":"r","status":401},"message":)" + echoed + "}"},
        };
        for (const auto &[status, body] : answers) {
            server.answer(status, body,
                          {{"Content-Type", "application/json"}, {"X-Echo", key.toUtf8()}});
            const bool anyway = form->problemCount() > 0;
            if (anyway || !form->confirmation().isEmpty())
                MessageBox::setNextAnswer(true);
            QSignalSpy finished(&window, &MainWindow::requestFinished);
            if (anyway)
                window.sendAnyway();
            else
                window.send();
            if (!window.isSending() || !finished.wait(15000))
                return 8;
            ++sent;
            keyArrived += server.lastRequest().header("X-Api-Key") == key.toUtf8();
        }
    }
    out << "sent=" << sent << " keyArrived=" << keyArrived << '\n';

    // Copy as curl, when the console has it.
    QAction *copyCurl = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().contains(u"curl"_s, Qt::CaseInsensitive))
            copyCurl = action;
    }
    if (copyCurl && copyCurl->isEnabled()) {
        QGuiApplication::clipboard()->clear();
        copyCurl->trigger();
        const QString copied = QGuiApplication::clipboard()->text();
        out << "curl=" << int(copied.contains(u"curl"_s))
            << " curlHasKey=" << int(copied.contains(key) || copied.contains(hmac)) << '\n';
    } else {
        out << "curl=none\n";
    }

    // Switch away and back, then quit.
    window.profileSwitcher()->actionFor(u"sandbox"_s)->trigger();
    const bool onSandbox = QTest::qWaitFor(
        [&] { return window.profileSwitcher()->shownProfileId() == u"sandbox"_s; }, 15000);
    window.profileSwitcher()->actionFor(id)->trigger();
    const bool back =
        QTest::qWaitFor([&] { return window.client()->baseUrl() == server.baseUrl(); }, 15000);
    out << "switched=" << int(onSandbox && back) << '\n';
    window.close();
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    if (qgetenv("JOURNY_SECRETLEAK_CHILD") == "console") {
        QApplication app(argc, argv);
        return consoleChild();
    }
    QCoreApplication app(argc, argv);
    TestSecretLeak test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_secretleak.moc"
