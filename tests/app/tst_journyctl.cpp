#include "httpfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

// journyctl as a user runs it: the real binary, talking HTTP to a loopback server.
class TestJournyCtl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help();
    void operationsTable();
    void operationsJson();
    void sendPrintsBodyAndFacts();
    void sendReadsStdinAndQuery();
    void exitCodes_data();
    void exitCodes();
    void invalidJsonSaysWhere();
    void unreadableFile();
    void unknownOperation();
    void connectionRefused();
    void timeout();
    void plainHttpToRemoteHostRefused();
    void keyNeverPrinted();

private:
    ProcessResult ctl(const QStringList &arguments, const QByteArray &input = {});
    QStringList sendArgs(const QString &operation) const;
    std::unique_ptr<HttpFixture> m_server;
    QTemporaryDir m_dir;
};

static const QString Key = u"ctl-secret-key-42"_s;

void TestJournyCtl::init() {
    m_server = std::make_unique<HttpFixture>();
    m_server->answerJson(
        201,
        R"({"meta":{"requestId":"req-77","status":201},"message":"User will be created or updated"})",
        1800, 1234);
}

ProcessResult TestJournyCtl::ctl(const QStringList &arguments, const QByteArray &input) {
    return runProcess(QStringLiteral(JOURNYCTL_PATH), arguments, input,
                      {u"JOURNY_API_KEY="_s + Key});
}

QStringList TestJournyCtl::sendArgs(const QString &operation) const {
    return {u"send"_s, operation, u"--base-url"_s, m_server->baseUrl().toString()};
}

void TestJournyCtl::help() {
    const ProcessResult result = ctl({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const char *needle : {"operations", "send OPERATION_ID", "--data", "--query", "--base-url",
                               "JOURNY_API_KEY", "Exit codes", "3  transport"})
        QVERIFY2(result.out.contains(needle), needle);
    QCOMPARE(ctl({}).exitCode, 2);
}

void TestJournyCtl::operationsTable() {
    const ProcessResult result = ctl({u"operations"_s});
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 16);
    QVERIFY(result.out.contains("trackJourneyEvent"));
    QVERIFY(result.out.contains("deprecated"));
    QVERIFY(result.out.contains("/tracking/snippet"));
}

void TestJournyCtl::operationsJson() {
    const ProcessResult result = ctl({u"operations"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray operations = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(operations.size(), 16);
    bool found = false;
    for (const QJsonValue &value : operations) {
        const QJsonObject operation = value.toObject();
        if (operation.value(u"operationId"_s).toString() == u"removeUserFromAccount"_s) {
            found = true;
            QCOMPARE(operation.value(u"method"_s).toString(), u"POST"_s);
            QCOMPARE(operation.value(u"successStatus"_s).toInt(), 204);
            QCOMPARE(operation.value(u"permission"_s).toString(), u"TrackData"_s);
        }
    }
    QVERIFY(found);
}

void TestJournyCtl::sendPrintsBodyAndFacts() {
    const QString file = m_dir.filePath(u"body.json"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"identification":{"userId":"u-1"},"properties":{"plan":"Pro"}})");
    out.close();

    const ProcessResult result = ctl(sendArgs(u"upsertUser"_s) << u"--data"_s << file);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(result.out).object().value(u"message"_s).toString(),
             u"User will be created or updated"_s);
    QVERIFY(result.out.contains("\n    ")); // pretty printed
    QVERIFY2(result.err.contains("201 Created"), result.err.constData());
    QVERIFY(result.err.contains("req-77"));
    QVERIFY(result.err.contains(" ms"));
    QVERIFY(result.err.contains("1234/1800"));

    const HttpFixture::Recorded sent = m_server->lastRequest();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, u"/users/upsert"_s);
    QCOMPARE(sent.header("X-Api-Key"), Key.toUtf8());
    QCOMPARE(QJsonDocument::fromJson(sent.body)
                 .object()
                 .value(u"properties"_s)
                 .toObject()
                 .value(u"plan"_s)
                 .toString(),
             u"Pro"_s);
}

void TestJournyCtl::sendReadsStdinAndQuery() {
    m_server->answerJson(
        200,
        R"({"meta":{"requestId":"s","status":200},"data":{"domain":"www.journy.io","snippet":"<script>"}})");
    ProcessResult result =
        ctl(sendArgs(u"getTrackingSnippet"_s) << u"--query"_s << u"domain=www.journy.io"_s);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(m_server->lastRequest().query, u"domain=www.journy.io"_s);
    QVERIFY(result.out.contains("<script>"));

    result = ctl(sendArgs(u"deleteUser"_s) << u"--data"_s << u"-"_s,
                 R"({"identification":{"email":"a@b.co"}})");
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(m_server->lastRequest().method, QByteArray("DELETE"));
    QCOMPARE(m_server->lastRequest().body, QByteArray(R"({"identification":{"email":"a@b.co"}})"));
}

void TestJournyCtl::exitCodes_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrNeedle");
    QTest::newRow("200")
        << 200
        << QByteArray(
               R"({"meta":{"requestId":"a","status":200},"data":{"permissions":["TrackData"]}})")
        << 0 << QByteArray("200 OK");
    QTest::newRow("202") << 202
                         << QByteArray(R"({"meta":{"requestId":"a","status":202},"message":"ok"})")
                         << 0 << QByteArray("202");
    QTest::newRow("204") << 204 << QByteArray() << 0 << QByteArray("204 No Content");
    QTest::newRow("400")
        << 400
        << QByteArray(
               R"({"meta":{"requestId":"a","status":400},"message":"Bad request","errors":{"fields":{"identification.userId":"is required"}}})")
        << 1 << QByteArray("identification.userId: is required");
    QTest::newRow("401")
        << 401 << QByteArray(R"({"meta":{"requestId":"a","status":401},"message":"no permission"})")
        << 1 << QByteArray("no permission");
    QTest::newRow("403") << 403
                         << QByteArray(
                                R"({"meta":{"requestId":"a","status":403},"message":"disabled"})")
                         << 1 << QByteArray("403 Forbidden");
    QTest::newRow("404") << 404
                         << QByteArray(
                                R"({"meta":{"requestId":"a","status":404},"message":"Not found"})")
                         << 1 << QByteArray("404");
    QTest::newRow("429") << 429
                         << QByteArray(
                                R"({"meta":{"requestId":"a","status":429},"message":"Too many"})")
                         << 1 << QByteArray("429 Too Many Requests");
    QTest::newRow("500") << 500
                         << QByteArray(
                                R"({"meta":{"requestId":"a","status":500},"message":"boom"})")
                         << 1 << QByteArray("500");
    QTest::newRow("non-JSON") << 502 << QByteArray("upstream down") << 1 << QByteArray("502");
}

void TestJournyCtl::exitCodes() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrNeedle);
    m_server->answerJson(status, body);
    const ProcessResult result = ctl(sendArgs(u"getValidity"_s));
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(stderrNeedle), result.err.constData());
    if (!body.isEmpty())
        QVERIFY2(result.out.contains(body.startsWith('{') ? QByteArray("\"meta\"") : body),
                 result.out.constData());
}

void TestJournyCtl::invalidJsonSaysWhere() {
    const ProcessResult result =
        ctl(sendArgs(u"upsertUser"_s) << u"--data"_s << u"-"_s,
            "{\n  \"identification\": {\"userId\": \"u\"},\n  \"properties\": {plan: 1}\n}");
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("line 3, column"), result.err.constData());
    QVERIFY(result.err.contains("not valid JSON"));
    QVERIFY(m_server->requests().isEmpty());

    const ProcessResult array = ctl(sendArgs(u"upsertUser"_s) << u"--data"_s << u"-"_s, "[1,2]");
    QCOMPARE(array.exitCode, 2);
    QVERIFY(array.err.contains("JSON object"));
}

void TestJournyCtl::unreadableFile() {
    const ProcessResult result =
        ctl(sendArgs(u"upsertUser"_s) << u"--data"_s << m_dir.filePath(u"missing.json"_s));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("missing.json"));
    QVERIFY(m_server->requests().isEmpty());
}

void TestJournyCtl::unknownOperation() {
    const ProcessResult result = ctl(sendArgs(u"upsertUsers"_s));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("unknown operation"));
    QCOMPARE(ctl({u"frobnicate"_s}).exitCode, 2);
    QCOMPARE(ctl({u"send"_s, u"getEvents"_s}).exitCode, 2); // no --base-url
}

void TestJournyCtl::connectionRefused() {
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const ProcessResult result =
        ctl({u"send"_s, u"getEvents"_s, u"--base-url"_s, u"http://127.0.0.1:%1"_s.arg(port)});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("refused"), result.err.constData());
}

void TestJournyCtl::timeout() {
    HttpFixture::Answer silent;
    silent.silent = true;
    m_server->setAnswer(silent);
    const ProcessResult result = ctl(sendArgs(u"getEvents"_s) << u"--timeout"_s << u"0.3"_s);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("did not answer"), result.err.constData());
}

void TestJournyCtl::plainHttpToRemoteHostRefused() {
    const ProcessResult result =
        ctl({u"send"_s, u"getEvents"_s, u"--base-url"_s, u"http://api.journy.io"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("http://"));
}

void TestJournyCtl::keyNeverPrinted() {
    for (int status : {201, 401, 500}) {
        m_server->answerJson(status, R"({"meta":{"requestId":"a","status":1},"message":"m"})");
        const ProcessResult result = ctl(sendArgs(u"getValidity"_s));
        QVERIFY(!result.out.contains(Key.toUtf8()));
        QVERIFY(!result.err.contains(Key.toUtf8()));
    }
}

QTEST_GUILESS_MAIN(TestJournyCtl)
#include "tst_journyctl.moc"
