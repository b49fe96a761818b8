#include "httpfixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

// After a whole journyctl session with recognisable secrets (profiles, keys, every kind of
// request with answers that echo the key, --verbose, errors, switching profiles), the key
// and the HMAC secret appear in no file under the test's HOME and XDG directories and in
// no output. Needs the real keychain (packaging/run-tests.sh). The console's part of this
// session comes with the console's profile GUI.
class TestSecretLeak : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scannerFindsPlantedSecret();
    void journyctlSession();
    void cleanupTestCase();

private:
    ProcessResult ctl(const QStringList &arguments, const QByteArray &input = {},
                      const QStringList &environment = {});
    // Every file under root that contains one of the needles.
    static QStringList filesContaining(const QString &root, const QList<QByteArray> &needles);

    HttpFixture m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_runtime;
    QByteArray m_key;
    QByteArray m_hmacSecret;
    QByteArray m_output; // everything journyctl printed
};

static QByteArray recognisable(const char *prefix)
{
    return QByteArray(prefix) +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36).rightJustified(13, 'x');
}

void TestSecretLeak::initTestCase()
{
    QVERIFY(m_home.isValid() && m_runtime.isValid());
    m_key = recognisable("sk-LEAKCANARY-");
    m_hmacSecret = recognisable("hmac-LEAKCANARY-");
}

ProcessResult TestSecretLeak::ctl(const QStringList &arguments, const QByteArray &input,
                                  const QStringList &environment)
{
    const QString home = m_home.path();
    QStringList env{u"JOURNY_API_KEY"_s,
                    u"JOURNY_HMAC_SECRET"_s,
                    u"HOME="_s + home,
                    u"XDG_CONFIG_HOME="_s + home + u"/config"_s,
                    u"XDG_DATA_HOME="_s + home + u"/data"_s,
                    u"XDG_CACHE_HOME="_s + home + u"/cache"_s,
                    u"XDG_STATE_HOME="_s + home + u"/state"_s,
                    u"XDG_RUNTIME_DIR="_s + m_runtime.path(),
                    u"TMPDIR="_s + home + u"/tmp"_s};
    env << environment;
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
    const QHash<QString, QByteArray> bodies = {
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

void TestSecretLeak::cleanupTestCase()
{
    // Leave nothing in the shared keychain.
    for (const QString &name : {u"leaky"_s, u"other"_s, u"dead"_s})
        ctl({u"profile"_s, u"remove"_s, name});
}

QTEST_GUILESS_MAIN(TestSecretLeak)
#include "tst_secretleak.moc"
