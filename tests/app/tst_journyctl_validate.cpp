#include "httpfixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

// journyctl validate, and send refusing an invalid payload: the real binary, with a
// loopback server that records whether anything was sent.
class TestJournyCtlValidate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void helpMentionsValidation();
    void validPayload_data();
    void validPayload();
    void invalidPayloadListsEveryProblem_data();
    void invalidPayloadListsEveryProblem();
    void readsStandardInput();
    void needsNoServerAndNoKey();
    void usageErrors();
    void sendRefusesInvalidPayload_data();
    void sendRefusesInvalidPayload();
    void sendWithNoValidateSendsItAnyway();
    void sendValidPayloadIsSent();

private:
    ProcessResult ctl(const QStringList &arguments, const QByteArray &input = {},
                      const QStringList &environment = {});
    QString writeFile(const QByteArray &json);
    QStringList sendArgs(const QString &operation) const;

    std::unique_ptr<HttpFixture> m_server;
    QTemporaryDir m_dir;
    int m_files = 0;
};

static const QString Key = u"validate-test-key-7"_s;

void TestJournyCtlValidate::init()
{
    m_server = std::make_unique<HttpFixture>();
    m_server->answerJson(
        201, R"({"meta":{"requestId":"req-9","status":201},"message":"Object was created"})");
}

ProcessResult TestJournyCtlValidate::ctl(const QStringList &arguments, const QByteArray &input,
                                         const QStringList &environment)
{
    // A throw-away home: journyctl must not read or write the user's profiles here.
    return runProcess(QStringLiteral(JOURNYCTL_PATH), arguments, input,
                      QStringList{u"HOME="_s + m_dir.path(),
                                  u"XDG_CONFIG_HOME="_s + m_dir.filePath(u"config"_s),
                                  u"JOURNY_API_KEY="_s + Key}
                          << environment);
}

QString TestJournyCtlValidate::writeFile(const QByteArray &json)
{
    const QString path = m_dir.filePath(u"payload-%1.json"_s.arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(json);
    return path;
}

QStringList TestJournyCtlValidate::sendArgs(const QString &operation) const
{
    return {u"send"_s, operation, u"--base-url"_s, m_server->baseUrl().toString()};
}

void TestJournyCtlValidate::helpMentionsValidation()
{
    const ProcessResult result = ctl({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("validate OPERATION_ID [--data FILE|-] [--query NAME=VALUE]"));
    QVERIFY(result.out.contains("--no-validate"));
    QVERIFY(result.out.contains("fails validation"));
}

void TestJournyCtlValidate::validPayload_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("body"); // empty: no --data
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("upsertUser") << u"upsertUser"_s
                                << QByteArray(R"({"identification":{"userId":"u-1"},
                                    "properties":{"plan":"Pro","seats":3,"tags":["a"],"x":null}})")
                                << QStringList();
    QTest::newRow("trackEvent datetime metadata")
        << u"trackEvent"_s
        << QByteArray(R"({"identification":{"user":{"email":"a@b.co"}},"name":"signed_in",
                          "metadata":{"at":"2026-03-01T12:00:00Z"}})")
        << QStringList();
    QTest::newRow("getEvents") << u"getEvents"_s << QByteArray() << QStringList();
    QTest::newRow("getTrackingSnippet") << u"getTrackingSnippet"_s << QByteArray()
                                        << QStringList{u"--query"_s, u"domain=www.journy.io"_s};
}

void TestJournyCtlValidate::validPayload()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, extra);
    QStringList arguments{u"validate"_s, operation};
    if (!body.isEmpty())
        arguments << u"--data"_s << writeFile(body);
    const ProcessResult result = ctl(arguments + extra);
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QCOMPARE(result.out, QByteArray("valid\n"));
    QVERIFY(m_server->requests().isEmpty());
}

void TestJournyCtlValidate::invalidPayloadListsEveryProblem_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("expected"); // standard output, exactly

    QTest::newRow("three problems")
        << u"upsertUser"_s
        << QByteArray(R"({"identification":{"email":"jane"},"properties":{"plan":{},"tags":[""]}})")
        << QStringList()
        << QByteArray("identification.email: must be a valid email address\n"
                      "properties.plan: must be a string, a boolean, a number, a list of strings "
                      "or null\n"
                      "properties.tags.0: must not be empty\n");
    QTest::newRow("nested user") << u"addUserToAccount"_s
                                 << QByteArray(R"({"account":{"domain":"https://acme.com"},
                                     "users":[{"identification":{"userId":"a"}},{}]})")
                                 << QStringList()
                                 << QByteArray("account.domain: must be a domain name without a "
                                               "scheme: acme-inc.com, not https://acme-inc.com\n"
                                               "users.1.identification: required\n");
    QTest::newRow("missing body") << u"link"_s << QByteArray() << QStringList()
                                  << QByteArray("request body: a JSON request body is required\n");
    QTest::newRow("missing query") << u"getTrackingSnippet"_s << QByteArray() << QStringList()
                                   << QByteArray("query parameter domain: required\n");
    QTest::newRow("bad query") << u"getTrackingSnippet"_s << QByteArray()
                               << QStringList{u"--query"_s, u"domain=www.journy.io:8080"_s}
                               << QByteArray("query parameter domain: must be a domain name "
                                             "without a port\n");
}

void TestJournyCtlValidate::invalidPayloadListsEveryProblem()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, expected);
    QStringList arguments{u"validate"_s, operation};
    if (!body.isEmpty())
        arguments << u"--data"_s << writeFile(body);
    const ProcessResult result = ctl(arguments + extra);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, expected);
    QVERIFY2(result.err.contains("problem"), result.err.constData());
}

void TestJournyCtlValidate::readsStandardInput()
{
    ProcessResult result = ctl({u"validate"_s, u"deleteUser"_s, u"--data"_s, u"-"_s},
                               R"({"identification":{"userId":"u-1"}})");
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QByteArray("valid\n"));

    result = ctl({u"validate"_s, u"deleteUser"_s, u"--data"_s, u"-"_s}, R"({"identification":{}})");
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.out, QByteArray("identification: must contain email, userId or both\n"));
}

void TestJournyCtlValidate::needsNoServerAndNoKey()
{
    // No key, no profile and a --base-url nobody listens on: validate never connects.
    const QString body = writeFile(R"({"identification":{"user":{"userId":"u"}},"name":"n"})");
    const ProcessResult result = ctl({u"--base-url"_s, u"http://127.0.0.1:9"_s, u"validate"_s,
                                      u"trackEvent"_s, u"--data"_s, body},
                                     {}, {u"JOURNY_API_KEY"_s});
    QVERIFY2(result.exitCode == 0, QByteArray(result.out + result.err).constData());
    QCOMPARE(result.out, QByteArray("valid\n"));
}

void TestJournyCtlValidate::usageErrors()
{
    ProcessResult result = ctl({u"validate"_s, u"upsertUsers"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("unknown operation"));

    result = ctl({u"validate"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("OPERATION_ID"));

    result = ctl({u"validate"_s, u"getEvents"_s, u"--data"_s, writeFile("{}")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("takes no request body"));

    result = ctl({u"validate"_s, u"upsertUser"_s, u"--data"_s, u"-"_s}, "{\"identification\":");
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("not valid JSON"));
    QVERIFY(result.out.isEmpty());
}

void TestJournyCtlValidate::sendRefusesInvalidPayload_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("problem");

    QTest::newRow("bad email") << u"upsertUser"_s
                               << QByteArray(R"({"identification":{"email":"jane@"}})")
                               << QStringList()
                               << QByteArray("  identification.email: must be a valid email "
                                             "address\n");
    QByteArray users = R"({"account":{"accountId":"a"},"users":[)";
    for (int i = 0; i < 101; ++i) {
        if (i)
            users += ',';
        users += R"({"identification":{"userId":"u-)" + QByteArray::number(i) + "\"}}";
    }
    users += "]}";
    QTest::newRow("101 users") << u"addUserToAccount"_s << users << QStringList()
                               << QByteArray("  users: must contain at most 100 items\n");
    QTest::newRow("empty body") << u"trackEvent"_s << QByteArray() << QStringList()
                                << QByteArray("  identification: required\n  name: required\n");
    QTest::newRow("no domain") << u"getTrackingSnippet"_s << QByteArray() << QStringList()
                               << QByteArray("  query parameter domain: required\n");
}

void TestJournyCtlValidate::sendRefusesInvalidPayload()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, problem);
    QStringList arguments = sendArgs(operation);
    if (!body.isEmpty())
        arguments << u"--data"_s << writeFile(body);
    const ProcessResult result = ctl(arguments + extra);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("not sent"), result.err.constData());
    QVERIFY2(result.err.contains(problem), result.err.constData());
    QVERIFY(result.err.contains("--no-validate"));
    QVERIFY(result.out.isEmpty());
    QVERIFY(m_server->requests().isEmpty());
    QVERIFY(!result.err.contains(Key.toUtf8()));
}

void TestJournyCtlValidate::sendWithNoValidateSendsItAnyway()
{
    const QByteArray invalid = R"({"identification":{"email":"jane@"}})";
    const ProcessResult result =
        ctl(sendArgs(u"upsertUser"_s) << u"--no-validate"_s << u"--data"_s << writeFile(invalid));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->lastRequest().path, u"/users/upsert"_s);
    QCOMPARE(QJsonDocument::fromJson(m_server->lastRequest().body),
             QJsonDocument::fromJson(invalid));
    QVERIFY(!result.err.contains("not sent"));

    // A missing required query parameter too: QA checks what the server answers.
    m_server->answerJson(400, R"({"meta":{"requestId":"r","status":400},"message":"Bad"})");
    const ProcessResult snippet = ctl(sendArgs(u"getTrackingSnippet"_s) << u"--no-validate"_s);
    QCOMPARE(snippet.exitCode, 1);
    QCOMPARE(m_server->requests().size(), 2);
}

void TestJournyCtlValidate::sendValidPayloadIsSent()
{
    const QByteArray valid =
        R"({"identification":{"user":{"userId":"u-1"}},"name":"created_invoice",)"
        R"("triggeredAt":"2026-03-01T12:00:00+01:00","metadata":{"amount":12.5}})";
    const ProcessResult result = ctl(sendArgs(u"trackEvent"_s) << u"--data"_s << writeFile(valid));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->lastRequest().path, u"/track"_s);
}

QTEST_GUILESS_MAIN(TestJournyCtlValidate)
#include "tst_journyctl_validate.moc"
