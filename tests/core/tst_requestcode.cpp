#include "codegen/requestcode.h"

#include "api/journyclient.h"
#include "api/operation.h"
#include "httpfixture.h"
#include "sandboxserver.h"
#include "sandboxstate.h"
#include "secrets/redaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using RequestCode::Format;

static const QString Key = u"codegen-test-key-0123456789"_s;

// Copy as code: the generated commands are run for real (sh, journyctl, interpreters) and
// must send what the original request sent.
class TestRequestCode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shellQuote_data();
    void shellQuote();
    void curlSendsTheSameRequest_data();
    void curlSendsTheSameRequest();
    void curlWithIncludedKey();
    void journyctlSendsTheSameRequest_data();
    void journyctlSendsTheSameRequest();
    void curlGivesTheSameSandboxState_data();
    void curlGivesTheSameSandboxState();
    void keyNeverInCode();
    void registeredSecretsRedacted();
    void sdkAvailability_data();
    void sdkAvailability();
    void sdkCodeCompiles_data();
    void sdkCodeCompiles();
    void nodeSdkSendsTheRequest_data();
    void nodeSdkSendsTheRequest();

private:
    struct Case {
        QString operationId;
        QByteArray body;
        QueryItems query;
    };
    static QList<std::pair<const char *, Case>> cases();
    static ApiResult send(const QUrl &baseUrl, const QString &key, const Case &c);
    static QString tool(const QString &name) { return QStandardPaths::findExecutable(name); }
};

Q_DECLARE_METATYPE(QueryItems)

QList<std::pair<const char *, TestRequestCode::Case>> TestRequestCode::cases()
{
    return {
        {"upsertUser tricky strings",
         {u"upsertUser"_s,
          QByteArray(
              R"({"identification":{"userId":"it's \"42\" $HOME `id` \\ \u00fc","email":"a@b.io"},)"
              R"("properties":{"name":"Ünïcödé 用户 🎉","plan":"it's","n":3.5,"ok":true,"gone":null,)"
              R"("tags":["a","b'c"],"line":"x\ny"}})"),
          {}}},
        {"upsertAccount pretty body",
         {u"upsertAccount"_s,
          QByteArray(
              "{\n  \"identification\": {\"accountId\": \"acc-1\", \"domain\": \"acme.io\"},\n"
              "  \"properties\": {\"mrr\": 399}\n}"),
          {}}},
        {"deleteUser (DELETE with body)",
         {u"deleteUser"_s, QByteArray(R"({"identification":{"userId":"u-1"}})"), {}}},
        {"trackEvent",
         {u"trackEvent"_s,
          QByteArray(R"({"identification":{"user":{"userId":"u-1"},"account":{"accountId":"a-1"}},)"
                     R"("name":"created_invoice","metadata":{"amount":100,"note":"'quoted'"},)"
                     R"("triggeredAt":"2024-05-01T10:00:00.000Z"})"),
          {}}},
        {"addUserToAccount",
         {u"addUserToAccount"_s,
          QByteArray(
              R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}},)"
              R"({"identification":{"email":"x@y.io"}}]})"),
          {}}},
        {"getTrackingSnippet query",
         {u"getTrackingSnippet"_s, {}, {{u"domain"_s, u"www.acme-inc.com"_s}}}},
        {"getValidity", {u"getValidity"_s, {}, {}}},
    };
}

ApiResult TestRequestCode::send(const QUrl &baseUrl, const QString &key, const Case &c)
{
    JournyClient client;
    client.setBaseUrl(baseUrl);
    client.setApiKey(key);
    ApiReply *reply = client.sendBytes(c.operationId, c.body, c.query);
    QSignalSpy finished(reply, &ApiReply::finished);
    if (!finished.wait(10000))
        return {};
    return finished.at(0).at(0).value<ApiResult>();
}

void TestRequestCode::shellQuote_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"abc"_s;
    QTest::newRow("quote") << u"it's"_s;
    QTest::newRow("specials") << u"$HOME `id` \"x\" \\ ! * ~ ;&|<>"_s;
    QTest::newRow("newline") << u"a\nb"_s;
    QTest::newRow("unicode") << u"Ünïcödé 🎉"_s;
    QTest::newRow("empty") << QString();
}

void TestRequestCode::shellQuote()
{
    QFETCH(QString, text);
    const ProcessResult result =
        runProcess(u"/bin/sh"_s, {u"-c"_s, u"printf %s "_s + RequestCode::shellQuote(text)});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QString::fromUtf8(result.out), text);
}

void TestRequestCode::curlSendsTheSameRequest_data()
{
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QueryItems>("query");
    for (const auto &[name, c] : cases())
        QTest::newRow(name) << c.operationId << c.body << c.query;
}

void TestRequestCode::curlSendsTheSameRequest()
{
    QFETCH(QString, operationId);
    QFETCH(QByteArray, body);
    QFETCH(QueryItems, query);
    if (tool(u"curl"_s).isEmpty())
        QSKIP("curl is not installed");
    HttpFixture server;
    server.answerJson(201, R"({"meta":{"requestId":"r","status":201},"message":"ok"})");
    const ApiResult original = send(server.baseUrl(), Key, {operationId, body, query});
    QCOMPARE(server.requests().size(), 1);
    const HttpFixture::Recorded sent = server.lastRequest();
    server.clear();

    const RequestCode::Code code = RequestCode::generate(Format::Curl, original);
    QVERIFY(code.available);
    QVERIFY(!code.code.contains(Key));
    QVERIFY(code.code.contains(u"$JOURNY_API_KEY"_s));
    const ProcessResult run =
        runProcess(u"/bin/sh"_s, {u"-c"_s, code.code}, {}, {u"JOURNY_API_KEY="_s + Key});
    QVERIFY2(run.exitCode == 0, (code.code + QString::fromUtf8(run.err)).toUtf8().constData());
    QCOMPARE(server.requests().size(), 1);
    const HttpFixture::Recorded replayed = server.lastRequest();
    QCOMPARE(replayed.method, sent.method);
    QCOMPARE(replayed.path, sent.path);
    QCOMPARE(replayed.query, sent.query);
    QCOMPARE(replayed.body, sent.body);
    QCOMPARE(replayed.body, original.request.body);
    for (const QByteArray header : {"content-type", "x-api-key", "accept"})
        QCOMPARE(replayed.header(header), sent.header(header));
    QCOMPARE(replayed.header("x-api-key"), Key.toUtf8());
}

void TestRequestCode::curlWithIncludedKey()
{
    HttpFixture server;
    server.answerJson(200, R"({"meta":{"requestId":"r","status":200},"data":{}})");
    const ApiResult original = send(server.baseUrl(), Key, {u"getValidity"_s, {}, {}});
    server.clear();
    RequestCode::Options options;
    options.includeApiKey = true;
    options.apiKey = Key;
    const RequestCode::Code code = RequestCode::generate(Format::Curl, original, options);
    QVERIFY(code.code.contains(Key));
    const ProcessResult run =
        runProcess(u"/bin/sh"_s, {u"-c"_s, code.code}, {}, {u"JOURNY_API_KEY"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(server.lastRequest().header("x-api-key"), Key.toUtf8());
}

void TestRequestCode::journyctlSendsTheSameRequest_data()
{
    curlSendsTheSameRequest_data();
}

void TestRequestCode::journyctlSendsTheSameRequest()
{
    QFETCH(QString, operationId);
    QFETCH(QByteArray, body);
    QFETCH(QueryItems, query);
    HttpFixture server;
    server.answerJson(201, R"({"meta":{"requestId":"r","status":201},"message":"ok"})");
    const ApiResult original = send(server.baseUrl(), Key, {operationId, body, query});
    const HttpFixture::Recorded sent = server.lastRequest();
    server.clear();

    const RequestCode::Code code = RequestCode::generate(Format::JournyCtl, original);
    QVERIFY(code.available);
    QVERIFY(!code.code.contains(Key));
    const QString directory = QFileInfo(QStringLiteral(JOURNYCTL_PATH)).absolutePath();
    const ProcessResult run = runProcess(
        u"/bin/sh"_s, {u"-c"_s, code.code}, {},
        {u"JOURNY_API_KEY="_s + Key, u"PATH="_s + directory + u':' + qEnvironmentVariable("PATH")});
    QVERIFY2(run.exitCode == 0, (code.code + QString::fromUtf8(run.err)).toUtf8().constData());
    QCOMPARE(server.requests().size(), 1);
    const HttpFixture::Recorded replayed = server.lastRequest();
    QCOMPARE(replayed.method, sent.method);
    QCOMPARE(replayed.path, sent.path);
    QCOMPARE(replayed.query, sent.query);
    // journyctl re-serialises the body: the same JSON, not necessarily the same bytes.
    QCOMPARE(QJsonDocument::fromJson(replayed.body), QJsonDocument::fromJson(sent.body));
    QCOMPARE(replayed.header("content-type"), sent.header("content-type"));
    QCOMPARE(replayed.header("x-api-key"), Key.toUtf8());
}

void TestRequestCode::curlGivesTheSameSandboxState_data()
{
    curlSendsTheSameRequest_data();
}

namespace {
// The sandbox's state without what differs between two runs (timestamps).
QJsonValue stable(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(stable(item));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object;
    const QJsonObject in = value.toObject();
    for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
        if (!it.key().endsWith(u"At"_s) || it.key() == u"triggeredAt"_s)
            object.insert(it.key(), stable(it.value()));
    }
    return object;
}

QJsonObject sandboxState(const SandboxServer &server)
{
    const SandboxState *state = server.state();
    return QJsonObject{{u"users"_s, stable(state->usersJson())},
                       {u"accounts"_s, stable(state->accountsJson())},
                       {u"events"_s, stable(state->eventsJson())},
                       {u"links"_s, stable(state->linksJson())}};
}
} // namespace

void TestRequestCode::curlGivesTheSameSandboxState()
{
    QFETCH(QString, operationId);
    QFETCH(QByteArray, body);
    QFETCH(QueryItems, query);
    if (tool(u"curl"_s).isEmpty())
        QSKIP("curl is not installed");
    // The same preparation on two fresh sandboxes; one gets the original request, the
    // other the generated curl command.
    const Case prepare{
        u"upsertUser"_s, R"({"identification":{"userId":"u-1"},"properties":{"plan":"Pro"}})", {}};
    const Case prepareAccount{u"upsertAccount"_s, R"({"identification":{"accountId":"a-1"}})", {}};
    SandboxServer original;
    SandboxServer replay;
    QVERIFY(original.listen());
    QVERIFY(replay.listen());
    const QString originalKey = original.createDefaultKey();
    const QString replayKey = replay.createDefaultKey();
    for (const Case &c : {prepare, prepareAccount}) {
        QVERIFY(send(original.baseUrl(), originalKey, c).success);
        QVERIFY(send(replay.baseUrl(), replayKey, c).success);
    }
    QCOMPARE(sandboxState(replay), sandboxState(original));

    const ApiResult result = send(original.baseUrl(), originalKey, {operationId, body, query});
    QVERIFY2(result.hasResponse(), qPrintable(result.summary()));
    // A write the sandbox refused would leave both states alike whatever curl did.
    if (OperationCatalogue::find(operationId)->isWrite())
        QVERIFY2(result.success, result.rawBody.constData());
    const RequestCode::Code code = RequestCode::generate(Format::Curl, result);
    QString command = code.code;
    command.replace(original.baseUrl().toString(), replay.baseUrl().toString());
    QVERIFY(command != code.code);
    const ProcessResult run =
        runProcess(u"/bin/sh"_s, {u"-c"_s, command.trimmed() + u" -s -o /dev/null"_s}, {},
                   {u"JOURNY_API_KEY="_s + replayKey});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(sandboxState(replay), sandboxState(original));
}

void TestRequestCode::keyNeverInCode()
{
    HttpFixture server;
    server.answerJson(201, R"({"meta":{"requestId":"r","status":201},"message":"ok"})");
    for (const auto &[name, c] : cases()) {
        const ApiResult result = send(server.baseUrl(), Key, c);
        for (const Format format : RequestCode::formats()) {
            const RequestCode::Code code = RequestCode::generate(format, result);
            QVERIFY2(!code.code.contains(Key), name);
            QVERIFY2(!code.note.contains(Key), name);
        }
    }
}

void TestRequestCode::registeredSecretsRedacted()
{
    const QString secret = u"registered-secret-in-body-987654"_s;
    Redaction::registerSecret(secret);
    HttpFixture server;
    server.answerJson(201, R"({"meta":{"requestId":"r","status":201},"message":"ok"})");
    const ApiResult result = send(
        server.baseUrl(), Key,
        {u"upsertUser"_s,
         (u"{\"identification\":{\"userId\":\"u\"},\"properties\":{\"p\":\""_s + secret + u"\"}}"_s)
             .toUtf8(),
         {}});
    for (const Format format : RequestCode::formats()) {
        const RequestCode::Code code = RequestCode::generate(format, result);
        QVERIFY2(!code.code.contains(secret), qPrintable(RequestCode::formatName(format)));
        QVERIFY(code.code.contains(Redaction::Placeholder));
    }
    Redaction::forgetSecret(secret);
}

void TestRequestCode::sdkAvailability_data()
{
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<bool>("node");
    QTest::addColumn<bool>("python");
    QTest::addColumn<bool>("php");
    QTest::newRow("upsertUser") << u"upsertUser"_s << true << true << true;
    QTest::newRow("upsertAccount") << u"upsertAccount"_s << true << true << true;
    QTest::newRow("link") << u"link"_s << true << true << true;
    QTest::newRow("trackEvent") << u"trackEvent"_s << true << true << true;
    QTest::newRow("trackJourneyEvent") << u"trackJourneyEvent"_s << true << true << true;
    QTest::newRow("getTrackingSnippet") << u"getTrackingSnippet"_s << true << true << true;
    QTest::newRow("getValidity") << u"getValidity"_s << true << true << true;
    QTest::newRow("deleteUser") << u"deleteUser"_s << false << true << false;
    QTest::newRow("deleteAccount") << u"deleteAccount"_s << false << true << false;
    QTest::newRow("addUserToAccount") << u"addUserToAccount"_s << false << true << true;
    QTest::newRow("removeUserFromAccount") << u"removeUserFromAccount"_s << false << true << true;
    QTest::newRow("getEvents") << u"getEvents"_s << false << false << false;
    QTest::newRow("getUserProperties") << u"getUserProperties"_s << false << false << false;
    QTest::newRow("getAccountSegments") << u"getAccountSegments"_s << false << false << false;
}

void TestRequestCode::sdkAvailability()
{
    QFETCH(QString, operationId);
    QFETCH(bool, node);
    QFETCH(bool, python);
    QFETCH(bool, php);
    SentRequest request;
    request.method = OperationCatalogue::find(operationId)->method;
    request.url = QUrl(u"https://api.journy.io"_s + OperationCatalogue::find(operationId)->path);
    const std::pair<Format, bool> expected[] = {
        {Format::NodeSdk, node}, {Format::PythonSdk, python}, {Format::PhpSdk, php}};
    for (const auto &[format, available] : expected) {
        const RequestCode::Code code = RequestCode::generate(format, operationId, request);
        QCOMPARE(code.available, available);
        QCOMPARE(code.code.isEmpty(), !available);
        if (!available)
            QVERIFY(code.note.contains(u"no "_s));
    }
    // The deprecated endpoint and the SDKs that send events there are named.
    if (operationId == u"trackEvent"_s) {
        QVERIFY(RequestCode::generate(Format::NodeSdk, operationId, request)
                    .note.contains(u"/events"_s));
    }
}

void TestRequestCode::sdkCodeCompiles_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QueryItems>("query");
    for (const Format format : {Format::NodeSdk, Format::PythonSdk, Format::PhpSdk}) {
        for (const auto &[name, c] : cases()) {
            QTest::addRow("%s %s", qPrintable(RequestCode::formatName(format)), name)
                << int(format) << c.operationId << c.body << c.query;
        }
    }
}

// Syntax check with the real interpreters (node --check, python3 -m py_compile, php -l).
void TestRequestCode::sdkCodeCompiles()
{
    QFETCH(int, format);
    QFETCH(QString, operationId);
    QFETCH(QByteArray, body);
    QFETCH(QueryItems, query);
    HttpFixture server;
    server.answerJson(201, R"({"meta":{"requestId":"r","status":201},"message":"ok"})");
    const ApiResult result = send(server.baseUrl(), Key, {operationId, body, query});
    const RequestCode::Code code = RequestCode::generate(Format(format), result);
    if (!code.available) { // sdkAvailability() checks which ones
        QVERIFY(!code.note.isEmpty());
        return;
    }
    QTemporaryDir dir;
    QString program;
    QStringList arguments;
    QString file;
    switch (Format(format)) {
    case Format::NodeSdk:
        program = tool(u"node"_s);
        file = dir.filePath(u"code.mjs"_s);
        arguments = {u"--check"_s, file};
        break;
    case Format::PythonSdk:
        program = tool(u"python3"_s);
        file = dir.filePath(u"code.py"_s);
        arguments = {u"-m"_s, u"py_compile"_s, file};
        break;
    case Format::PhpSdk:
        program = tool(u"php"_s);
        file = dir.filePath(u"code.php"_s);
        arguments = {u"-l"_s, file};
        break;
    default:
        QFAIL("not an SDK format");
    }
    if (program.isEmpty())
        QSKIP("the interpreter is not installed");
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(code.code.toUtf8());
    out.close();
    const ProcessResult run = runProcess(program, arguments);
    QVERIFY2(run.exitCode == 0,
             (code.code + QString::fromUtf8(run.out + run.err)).toUtf8().constData());
}

void TestRequestCode::nodeSdkSendsTheRequest_data()
{
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QueryItems>("query");
    QTest::addColumn<QString>("path"); // where SDK 3.1.0 sends it
    QTest::newRow("upsertUser")
        << u"upsertUser"_s
        << QByteArray(R"({"identification":{"userId":"it's \"42\" \u00fc","email":"a@b.io"},)"
                      R"("properties":{"name":"Ünïcödé 🎉","plan":"Pro"}})")
        << QueryItems{} << u"/users/upsert"_s;
    QTest::newRow("upsertAccount")
        << u"upsertAccount"_s
        << QByteArray(R"({"identification":{"accountId":"a-1","domain":"acme.io"},)"
                      R"("properties":{"plan":"Pro"}})")
        << QueryItems{} << u"/accounts/upsert"_s;
    QTest::newRow("link") << u"link"_s
                          << QByteArray(
                                 R"({"deviceId":"dev-1","identification":{"email":"a@b.io"}})")
                          << QueryItems{} << u"/link"_s;
    QTest::newRow("trackEvent goes to /events")
        << u"trackEvent"_s
        << QByteArray(
               R"({"identification":{"user":{"userId":"u-1"},"account":{"accountId":"a-1"}},)"
               R"("name":"created_invoice","metadata":{"note":"x"}})")
        << QueryItems{} << u"/events"_s;
    QTest::newRow("getTrackingSnippet")
        << u"getTrackingSnippet"_s << QByteArray()
        << QueryItems{{u"domain"_s, u"www.acme-inc.com"_s}} << u"/tracking/snippet"_s;
    QTest::newRow("getValidity") << u"getValidity"_s << QByteArray() << QueryItems{}
                                 << u"/validate"_s;
}

// Runs the Node.js code with the real @journyio/sdk when a node_modules folder holding it is
// named by JOURNY_NODE_MODULES (e.g. after `npm install @journyio/sdk@3.1.0`).
void TestRequestCode::nodeSdkSendsTheRequest()
{
    QFETCH(QString, operationId);
    QFETCH(QByteArray, body);
    QFETCH(QueryItems, query);
    QFETCH(QString, path);
    const QString modules =
        qEnvironmentVariable("JOURNY_NODE_MODULES", u"/tmp/peers/node_modules"_s);
    if (!QFileInfo::exists(modules + u"/@journyio/sdk/package.json"_s) || tool(u"node"_s).isEmpty())
        QSKIP("@journyio/sdk is not installed (set JOURNY_NODE_MODULES)");
    HttpFixture server;
    server.answerJson(201, R"({"meta":{"requestId":"r","status":201},"message":"ok","data":{}})");
    const ApiResult original = send(server.baseUrl(), Key, {operationId, body, query});
    const HttpFixture::Recorded sent = server.lastRequest();
    server.clear();
    const RequestCode::Code code = RequestCode::generate(Format::NodeSdk, original);
    QVERIFY(code.available);
    QTemporaryDir dir;
    QVERIFY(QFile::link(modules, dir.filePath(u"node_modules"_s)));
    QFile file(dir.filePath(u"code.mjs"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(code.code.toUtf8());
    file.close();
    const ProcessResult run =
        runProcess(tool(u"node"_s), {file.fileName()}, {}, {u"JOURNY_API_KEY="_s + Key});
    QVERIFY2(run.exitCode == 0, (code.code + QString::fromUtf8(run.err)).toUtf8().constData());
    QCOMPARE(server.requests().size(), 1);
    const HttpFixture::Recorded replayed = server.lastRequest();
    QCOMPARE(replayed.path, path);
    QCOMPARE(replayed.query, sent.query);
    QCOMPARE(replayed.header("x-api-key"), Key.toUtf8());
    if (!body.isEmpty()) {
        // The SDK writes identification with both keys (undefined ones vanish) and leaves
        // strings as they are: the same JSON as sent.
        QCOMPARE(QJsonDocument::fromJson(replayed.body), QJsonDocument::fromJson(sent.body));
    }
}

QTEST_GUILESS_MAIN(TestRequestCode)
#include "tst_requestcode.moc"
