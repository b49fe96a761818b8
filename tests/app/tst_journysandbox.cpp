#include "api/journyclient.h"
#include "httpfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {
const QString Program = QStringLiteral(JOURNY_SANDBOX_PATH);

// One running journy-sandbox.
class Sandbox {
public:
    explicit Sandbox(const QStringList &arguments)
    {
        m_process.start(Program, QStringList{u"--port"_s, u"0"_s} + arguments);
    }
    ~Sandbox()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // Waits for the start-up lines; false when the program exited or stayed silent.
    bool started()
    {
        QSignalSpy output(&m_process, &QProcess::readyReadStandardOutput);
        for (int i = 0; i < 100 && !m_out.contains("listening on"); ++i) {
            if (m_process.state() == QProcess::NotRunning)
                break;
            output.wait(100);
            m_out += m_process.readAllStandardOutput();
        }
        const QRegularExpression line(
            u"journy-sandbox listening on (http://127\\.0\\.0\\.1:\\d+)\n"_s);
        const auto match = line.match(QString::fromUtf8(m_out));
        if (!match.hasMatch())
            return false;
        m_url = QUrl(match.captured(1));
        QTest::qWait(50); // the key line follows in the same write
        m_out += m_process.readAllStandardOutput();
        return true;
    }
    // Sends a signal and waits for a clean exit.
    int stop(int signal = SIGTERM)
    {
        ::kill(pid_t(m_process.processId()), signal);
        if (!m_process.waitForFinished(10000))
            return -1;
        m_out += m_process.readAllStandardOutput();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }
    QUrl url() const { return m_url; }
    QByteArray output() const { return m_out; }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QByteArray m_out;
    QUrl m_url;
};

struct Reply {
    int status = 0;
    QJsonObject json;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
};
} // namespace

// The journy-sandbox program: its command line, its output and its state file.
class TestJournySandbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void help();
    void usageErrors_data();
    void usageErrors();
    void generatedKeyIsPrinted();
    void stateSurvivesRestart();
    void sigintStopsCleanly();
    void keysFile();
    void rateLimitOption();
    void faultsRepeatWithSeed();

private:
    Reply call(const QUrl &base, const QByteArray &method, const QString &path,
               const QByteArray &key, const QByteArray &body = {});
    ApiResult send(const QUrl &base, const QString &key,
                   const std::function<ApiReply *(JournyClient &)> &call);
    QNetworkAccessManager m_network;
};

Reply TestJournySandbox::call(const QUrl &base, const QByteArray &method, const QString &path,
                              const QByteArray &key, const QByteArray &body)
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest request(url);
    if (!key.isEmpty())
        request.setRawHeader("X-Api-Key", key);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *networkReply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(networkReply, &QNetworkReply::finished);
    finished.wait(15000);
    Reply reply;
    reply.status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply.json = QJsonDocument::fromJson(networkReply->readAll()).object();
    for (const auto &[name, value] : networkReply->rawHeaderPairs())
        reply.headers.insert(name.toLower(), value);
    networkReply->deleteLater();
    return reply;
}

ApiResult TestJournySandbox::send(const QUrl &base, const QString &key,
                                  const std::function<ApiReply *(JournyClient &)> &call)
{
    JournyClient client;
    client.setBaseUrl(base);
    client.setApiKey(key);
    ApiReply *reply = call(client);
    QSignalSpy finished(reply, &ApiReply::finished);
    if (!finished.wait(15000))
        return {};
    return finished.first().first().value<ApiResult>();
}

void TestJournySandbox::help()
{
    const ProcessResult result = runProcess(Program, {u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const char *expected :
         {"--api-key KEY", "--keys FILE", "--state FILE", "--seed N", "--rate-limit N",
          "--drop-rate P", "\"snippetDomains\"", "\"permissions\"", "/__sandbox/reset"})
        QVERIFY2(result.out.contains(expected), expected);
    QCOMPARE(runProcess(Program, {u"--version"_s}).exitCode, 0);
}

void TestJournySandbox::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("port") << QStringList{u"--port"_s, u"http"_s};
    QTest::newRow("port range") << QStringList{u"--port"_s, u"70000"_s};
    QTest::newRow("fail rate") << QStringList{u"--fail-rate"_s, u"1.5"_s};
    QTest::newRow("drop rate") << QStringList{u"--drop-rate"_s, u"lots"_s};
    QTest::newRow("rate limit") << QStringList{u"--rate-limit"_s, u"0"_s};
    QTest::newRow("latency") << QStringList{u"--latency-ms"_s, u"-1"_s};
    QTest::newRow("seed") << QStringList{u"--seed"_s, u"x"_s};
    QTest::newRow("bind") << QStringList{u"--bind"_s, u"localhost.example"_s};
    QTest::newRow("keys file") << QStringList{u"--keys"_s, u"/nonexistent/keys.json"_s};
    QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s};
    QTest::newRow("positional") << QStringList{u"extra"_s};
}

void TestJournySandbox::usageErrors()
{
    QFETCH(QStringList, arguments);
    const ProcessResult result = runProcess(Program, arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.startsWith("journy-sandbox: "));
    QVERIFY(result.out.isEmpty());
}

void TestJournySandbox::generatedKeyIsPrinted()
{
    Sandbox sandbox({});
    QVERIFY2(sandbox.started(), sandbox.errors().constData());
    const QRegularExpression keyLine(u"\nAPI key: (sbx_[A-Za-z0-9]{32})\n"_s);
    const auto match = keyLine.match(QString::fromUtf8(sandbox.output()));
    QVERIFY2(match.hasMatch(), sandbox.output().constData());
    const ApiResult result = send(sandbox.url(), match.captured(1),
                                  [](JournyClient &client) { return client.getValidity(); });
    QCOMPARE(result.status, 200);
    QCOMPARE(result.data[u"permissions"_s].toArray().size(), 5);
    QCOMPARE(call(sandbox.url(), "GET", u"/validate"_s, "wrong").status, 401);
    QCOMPARE(sandbox.stop(), 0);
}

void TestJournySandbox::stateSurvivesRestart()
{
    QTemporaryDir dir;
    const QString stateFile = dir.filePath(u"sandbox.sqlite"_s);
    const QStringList arguments = {u"--state"_s, stateFile, u"--api-key"_s, u"restart-key"_s};
    {
        Sandbox sandbox(arguments);
        QVERIFY2(sandbox.started(), sandbox.errors().constData());
        QVERIFY(!sandbox.output().contains("API key:")); // nothing generated, nothing printed
        QVERIFY(sandbox.output().contains("State file: "));
        UpsertUserRequest upsert;
        upsert.identification.userId = u"u-42"_s;
        upsert.properties.set(u"plan"_s, PropertyValue::string(u"pro"_s));
        upsert.properties.set(u"seats"_s, PropertyValue::number(5));
        const ApiResult result = send(sandbox.url(), u"restart-key"_s, [&](JournyClient &client) {
            return client.upsertUser(upsert);
        });
        QCOMPARE(result.status, 201);
        EventRequest event;
        event.name = u"signed_in"_s;
        event.user.userId = u"u-42"_s;
        QCOMPARE(send(sandbox.url(), u"restart-key"_s,
                      [&](JournyClient &client) { return client.trackEvent(event); })
                     .status,
                 201);
        QCOMPARE(sandbox.stop(), 0);
        QVERIFY(sandbox.output().contains("stopped"));
    }
    Sandbox sandbox(arguments);
    QVERIFY2(sandbox.started(), sandbox.errors().constData());
    const QJsonArray users =
        call(sandbox.url(), "GET", u"/__sandbox/users"_s, {}).json[u"data"_s].toArray();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.first()[u"userId"_s].toString(), u"u-42"_s);
    QCOMPARE(users.first()[u"properties"_s][u"seats"_s].toInt(), 5);
    const Reply events = call(sandbox.url(), "GET", u"/events"_s, "restart-key");
    QCOMPARE(events.json[u"data"_s][0][u"name"_s].toString(), u"signed_in"_s);
    // The property's type survived too.
    const Reply upsert = call(sandbox.url(), "POST", u"/users/upsert"_s, "restart-key",
                              R"({"identification":{"userId":"u-42"},"properties":{"seats":"x"}})");
    QCOMPARE(upsert.json[u"rejected"_s][u"seats"_s].toString(),
             u"Expected a number but found a string."_s);
    QCOMPARE(
        call(sandbox.url(), "GET", u"/__sandbox/requests"_s, {}).json[u"data"_s].toArray().size(),
        4); // two before the restart, two after
    QCOMPARE(sandbox.stop(), 0);
}

void TestJournySandbox::sigintStopsCleanly()
{
    Sandbox sandbox({u"--api-key"_s, u"k"_s});
    QVERIFY(sandbox.started());
    QCOMPARE(sandbox.stop(SIGINT), 0);
}

void TestJournySandbox::keysFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"keys.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"keys": [{"key": "writer", "permissions": ["TrackData"]},
                            {"key": "retired", "enabled": false}],
                  "segments": {"users": [{"id": "s-1", "name": "Power users"}]},
                  "snippetDomains": ["www.acme-inc.com"]})");
    file.close();
    Sandbox sandbox({u"--keys"_s, file.fileName(), u"--api-key"_s, u"admin"_s});
    QVERIFY2(sandbox.started(), sandbox.errors().constData());
    QVERIFY(!sandbox.output().contains("API key:"));
    QCOMPARE(call(sandbox.url(), "GET", u"/validate"_s, "retired").status, 403);
    const Reply denied = call(sandbox.url(), "GET", u"/segments/users"_s, "writer");
    QCOMPARE(denied.status, 401);
    QCOMPARE(denied.json[u"message"_s].toString(),
             u"This API key lacks the ReadSegments permission."_s);
    const Reply segments = call(sandbox.url(), "GET", u"/segments/users"_s, "admin");
    QCOMPARE(segments.json[u"data"_s][0][u"name"_s].toString(), u"Power users"_s);
    QUrl snippet = sandbox.url();
    QCOMPARE(call(sandbox.url(), "GET", u"/tracking/snippet"_s, "admin").status, 400);
    QCOMPARE(sandbox.stop(), 0);

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{not json");
    file.close();
    const ProcessResult broken = runProcess(Program, {u"--keys"_s, file.fileName()});
    QCOMPARE(broken.exitCode, 2);
    QVERIFY(broken.err.contains("not valid JSON"));
}

void TestJournySandbox::rateLimitOption()
{
    Sandbox sandbox({u"--rate-limit"_s, u"2/min"_s, u"--api-key"_s, u"k"_s});
    QVERIFY(sandbox.started());
    QCOMPARE(call(sandbox.url(), "GET", u"/validate"_s, "k").header("X-RateLimit-Remaining"),
             QByteArray("1"));
    QCOMPARE(call(sandbox.url(), "GET", u"/validate"_s, "k").status, 200);
    const Reply limited = call(sandbox.url(), "GET", u"/validate"_s, "k");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("X-RateLimit-Limit"), QByteArray("2"));
    QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArray("0"));
    QCOMPARE(sandbox.stop(), 0);
}

void TestJournySandbox::faultsRepeatWithSeed()
{
    auto statuses = [this](const QString &seed) {
        Sandbox sandbox({u"--fail-rate"_s, u"0.4"_s, u"--drop-rate"_s, u"0.2"_s, u"--seed"_s, seed,
                         u"--api-key"_s, u"k"_s, u"--latency-ms"_s, u"1"_s});
        QList<int> result;
        if (!sandbox.started())
            return result;
        for (int i = 0; i < 20; ++i)
            call(sandbox.url(), "GET", u"/validate"_s, "k");
        // The sandbox's own log: QNetworkAccessManager silently retries a GET whose
        // connection was closed, so the client alone does not see every drop.
        const QJsonArray log =
            call(sandbox.url(), "GET", u"/__sandbox/requests"_s, {}).json[u"data"_s].toArray();
        for (const QJsonValue &request : log)
            result.append(request[u"status"_s].toInt());
        sandbox.stop();
        return result;
    };
    const QList<int> first = statuses(u"99"_s);
    QVERIFY(first.size() >= 20);
    QCOMPARE(statuses(u"99"_s), first);
    QVERIFY(first.contains(500));
    QVERIFY(first.contains(0));
    QVERIFY(first.contains(200));
}

QTEST_GUILESS_MAIN(TestJournySandbox)
#include "tst_journysandbox.moc"
