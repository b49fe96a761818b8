#include "api/operation.h"
#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray AllKey = "test-all-permissions";
const QByteArray TrackKey = "test-track-only";
const QByteArray NoneKey = "test-no-permissions";
const QByteArray DisabledKey = "test-disabled";

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray raw;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonObject fields() const
    {
        return json.value(u"errors"_s).toObject().value(u"fields"_s).toObject();
    }
    QJsonArray data() const { return json.value(u"data"_s).toArray(); }
};

void configure(SandboxServer &server)
{
    server.addKey({QString::fromLatin1(AllKey), u"all"_s, SandboxKeys::allPermissions(), true});
    server.addKey({QString::fromLatin1(TrackKey), u"track"_s, {u"TrackData"_s}, true});
    server.addKey({QString::fromLatin1(NoneKey), u"none"_s, {}, true});
    server.addKey(
        {QString::fromLatin1(DisabledKey), u"off"_s, SandboxKeys::allPermissions(), false});
    SandboxFixture fixture;
    fixture.userSegments = {{u"seg-u1"_s, u"Active users"_s}};
    fixture.accountSegments = {{u"seg-a1"_s, u"Paying accounts"_s}, {u"seg-a2"_s, u"Churned"_s}};
    fixture.snippetDomains = {u"www.acme-inc.com"_s};
    server.setFixture(fixture);
}
} // namespace

// SandboxServer over real HTTP on loopback: every operation and every rule of issue 3.
class TestSandboxServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void everyOperationSucceeds_data();
    void everyOperationSucceeds();
    void requestIdsAreUnique();
    void rateLimitHeadersOnEveryResponse_data();
    void rateLimitHeadersOnEveryResponse();

    void missingKey();
    void unknownKey();
    void missingPermissionIsNamed_data();
    void missingPermissionIsNamed();
    void validityListsPermissions();
    void disabledKey();
    void slidingWindow();

    void validationErrors_data();
    void validationErrors();
    void snippetQueryErrors();
    void malformedJson_data();
    void malformedJson();
    void wrongContentType_data();
    void wrongContentType();
    void unknownPath();
    void wrongMethod();
    void bodyTooLarge();
    void tooManyMembers();

    void upsertMergesProperties();
    void nullDeletesEmptyStringStays();
    void typeConflictsAreRejected();
    void datetimeTyping();
    void accountsAndMembers();
    void deletes();
    void eventsAreStored();
    void deprecatedEventsEndpoint();
    void linkStoresDevice();
    void propertiesListEveryNameSeen();
    void segmentsComeFromTheFixture();
    void snippetForKnownDomainOnly();

    void requestsLogNeverHoldsTheKey();
    void inspectionEndpoints();
    void resetClearsState();
    void stateSignals();

    void failRateAnswers500();
    void dropRateClosesConnections();
    void faultsAreDeterministicWithASeed();
    void latencyStillAnswers();
    void noContentHasNoBody();

private:
    Reply call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
               const QByteArray &key = AllKey, const QByteArray &contentType = "application/json",
               SandboxServer *server = nullptr);
    Reply post(const QString &path, const QByteArray &body, const QByteArray &key = AllKey)
    {
        return call("POST", path, body, key);
    }
    QJsonArray inspect(const QString &what)
    {
        return call("GET", u"/__sandbox/"_s + what, {}, {}).data();
    }
    QJsonObject user(const QString &userId);

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
};

void TestSandboxServer::init()
{
    m_server = std::make_unique<SandboxServer>();
    configure(*m_server);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->baseUrl().host(), u"127.0.0.1"_s);
}

void TestSandboxServer::cleanup()
{
    m_server.reset();
}

Reply TestSandboxServer::call(const QByteArray &method, const QString &pathAndQuery,
                              const QByteArray &body, const QByteArray &key,
                              const QByteArray &contentType, SandboxServer *server)
{
    QUrl url = (server ? server : m_server.get())->baseUrl();
    const qsizetype question = pathAndQuery.indexOf(u'?');
    url.setPath(pathAndQuery.left(question));
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1));
    QNetworkRequest request(url);
    if (!key.isEmpty())
        request.setRawHeader("X-Api-Key", key);
    if (!contentType.isEmpty() && !body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    QNetworkReply *networkReply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(networkReply, &QNetworkReply::finished);
    if (!networkReply->isFinished() && !finished.wait(15000))
        qWarning("no answer from the sandbox");
    Reply reply;
    reply.status = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply.error = networkReply->error();
    reply.raw = networkReply->readAll();
    reply.json = QJsonDocument::fromJson(reply.raw).object();
    reply.headers = networkReply->rawHeaderPairs();
    networkReply->deleteLater();
    return reply;
}

QJsonObject TestSandboxServer::user(const QString &userId)
{
    for (const QJsonValue &value : inspect(u"users"_s)) {
        if (value[u"userId"_s].toString() == userId)
            return value.toObject();
    }
    return {};
}

void TestSandboxServer::everyOperationSucceeds_data()
{
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("body");

    const QList<std::tuple<QString, QString, QByteArray>> rows = {
        {u"upsertUser"_s,
         {},
         R"({"identification":{"userId":"u-1","email":"a@b.co"},"properties":{"plan":"pro"}})"},
        {u"deleteUser"_s, {}, R"({"identification":{"userId":"u-1"}})"},
        {u"link"_s, {}, R"({"deviceId":"d-1","identification":{"userId":"u-1"}})"},
        {u"upsertAccount"_s, {}, R"({"identification":{"accountId":"a-1","domain":"acme.com"}})"},
        {u"deleteAccount"_s, {}, R"({"identification":{"accountId":"a-1"}})"},
        {u"addUserToAccount"_s,
         {},
         R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})"},
        {u"removeUserFromAccount"_s,
         {},
         R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})"},
        {u"trackEvent"_s, {}, R"({"identification":{"user":{"userId":"u-1"}},"name":"signed_in"})"},
        {u"trackJourneyEvent"_s,
         {},
         R"({"identification":{"account":{"accountId":"a-1"}},"name":"paid"})"},
        {u"getEvents"_s, {}, {}},
        {u"getUserProperties"_s, {}, {}},
        {u"getAccountProperties"_s, {}, {}},
        {u"getUserSegments"_s, {}, {}},
        {u"getAccountSegments"_s, {}, {}},
        {u"getTrackingSnippet"_s, u"domain=www.acme-inc.com"_s, {}},
        {u"getValidity"_s, {}, {}},
    };
    QSet<QString> covered;
    for (const auto &[id, query, body] : rows) {
        QTest::newRow(qPrintable(id)) << id << query << body;
        covered.insert(id);
    }
    QCOMPARE(covered.size(), OperationCatalogue::all().size());
}

void TestSandboxServer::everyOperationSucceeds()
{
    QFETCH(QString, operationId);
    QFETCH(QString, query);
    QFETCH(QByteArray, body);
    const Operation *operation = OperationCatalogue::find(operationId);
    QVERIFY(operation);

    const Reply reply = call(operation->method,
                             operation->path + (query.isEmpty() ? QString() : u'?' + query), body);
    QCOMPARE(reply.status, operation->successStatus);
    if (operation->successStatus == 204) {
        QVERIFY(reply.raw.isEmpty());
        return;
    }
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject meta = reply.json.value(u"meta"_s).toObject();
    QVERIFY(!meta.value(u"requestId"_s).toString().isEmpty());
    QVERIFY(meta.value(u"status"_s).isDouble());
    QCOMPARE(meta.value(u"status"_s).toInt(), operation->successStatus);
    if (operation->isWrite()) {
        QVERIFY(!reply.json.value(u"message"_s).toString().isEmpty());
        QVERIFY(!reply.json.contains(u"data"_s));
    } else {
        QVERIFY(reply.json.contains(u"data"_s));
        QVERIFY(!reply.json.contains(u"message"_s));
    }
}

void TestSandboxServer::requestIdsAreUnique()
{
    QSet<QString> ids;
    for (int i = 0; i < 20; ++i)
        ids.insert(call("GET", u"/validate"_s).json[u"meta"_s][u"requestId"_s].toString());
    ids.insert(call("GET", u"/nowhere"_s).json[u"meta"_s][u"requestId"_s].toString());
    QCOMPARE(ids.size(), 21);
    QVERIFY(!ids.contains(QString()));
}

void TestSandboxServer::rateLimitHeadersOnEveryResponse_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");

    const QByteArray valid = R"({"identification":{"userId":"u-1"}})";
    QTest::newRow("201") << QByteArray("POST") << u"/users/upsert"_s << valid << AllKey
                         << QByteArray("application/json") << 201;
    QTest::newRow("400") << QByteArray("POST") << u"/users/upsert"_s << QByteArray("{}") << AllKey
                         << QByteArray("application/json") << 400;
    QTest::newRow("401 no key") << QByteArray("GET") << u"/validate"_s << QByteArray()
                                << QByteArray() << QByteArray() << 401;
    QTest::newRow("401 unknown") << QByteArray("GET") << u"/validate"_s << QByteArray()
                                 << QByteArray("nope") << QByteArray() << 401;
    QTest::newRow("401 permission")
        << QByteArray("GET") << u"/events"_s << QByteArray() << TrackKey << QByteArray() << 401;
    QTest::newRow("403") << QByteArray("GET") << u"/validate"_s << QByteArray() << DisabledKey
                         << QByteArray() << 403;
    QTest::newRow("404 path") << QByteArray("GET") << u"/nowhere"_s << QByteArray() << AllKey
                              << QByteArray() << 404;
    QTest::newRow("404 snippet") << QByteArray("GET") << u"/tracking/snippet?domain=x.org"_s
                                 << QByteArray() << AllKey << QByteArray() << 404;
    QTest::newRow("405") << QByteArray("PUT") << u"/users/upsert"_s << valid << AllKey
                         << QByteArray("application/json") << 405;
    QTest::newRow("413") << QByteArray("POST") << u"/users/upsert"_s
                         << QByteArray(SandboxServer::MaxBodyBytes + 1, ' ') << AllKey
                         << QByteArray("application/json") << 413;
    QTest::newRow("415") << QByteArray("POST") << u"/users/upsert"_s << valid << AllKey
                         << QByteArray("text/plain") << 415;
}

void TestSandboxServer::rateLimitHeadersOnEveryResponse()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);

    const Reply reply = call(method, path, body, key, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("X-RateLimit-Limit"), QByteArray("1800"));
    bool ok = false;
    const int remaining = reply.header("X-RateLimit-Remaining").toInt(&ok);
    QVERIFY(ok);
    QVERIFY(remaining >= 1790 && remaining <= 1800);
    // Errors have the spec's shape too.
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), status);
    QVERIFY(!reply.json[u"meta"_s][u"requestId"_s].toString().isEmpty());
    if (status != 201)
        QVERIFY(!reply.json[u"message"_s].toString().isEmpty());
}

void TestSandboxServer::missingKey()
{
    const Reply reply = call("GET", u"/validate"_s, {}, {});
    QCOMPARE(reply.status, 401);
    QVERIFY2(reply.json[u"message"_s].toString().contains(u"X-Api-Key"_s), reply.raw.constData());
}

void TestSandboxServer::unknownKey()
{
    const Reply reply = call("GET", u"/validate"_s, {}, "not-a-key");
    QCOMPARE(reply.status, 401);
    QVERIFY2(reply.json[u"message"_s].toString().contains(u"not known"_s), reply.raw.constData());
}

void TestSandboxServer::missingPermissionIsNamed_data()
{
    QTest::addColumn<QString>("operationId");
    for (const Operation &operation : OperationCatalogue::all()) {
        if (!operation.permission.isEmpty())
            QTest::newRow(qPrintable(operation.id)) << operation.id;
    }
}

void TestSandboxServer::missingPermissionIsNamed()
{
    QFETCH(QString, operationId);
    const Operation *operation = OperationCatalogue::find(operationId);
    const Reply reply = call(operation->method, operation->path, "{}", NoneKey);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.json[u"message"_s].toString(),
             u"This API key lacks the %1 permission."_s.arg(operation->permission));
}

void TestSandboxServer::validityListsPermissions()
{
    Reply reply = call("GET", u"/validate"_s, {}, NoneKey);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[u"data"_s][u"permissions"_s].toArray(), QJsonArray());
    reply = call("GET", u"/validate"_s, {}, AllKey);
    QCOMPARE(reply.json[u"data"_s][u"permissions"_s].toArray(),
             QJsonArray::fromStringList(SandboxKeys::allPermissions()));
}

void TestSandboxServer::disabledKey()
{
    const Reply reply =
        post(u"/users/upsert"_s, R"({"identification":{"userId":"u"}})", DisabledKey);
    QCOMPARE(reply.status, 403);
    QVERIFY(reply.json[u"message"_s].toString().contains(u"not enabled"_s));
    QVERIFY(inspect(u"users"_s).isEmpty());
}

void TestSandboxServer::slidingWindow()
{
    SandboxOptions options;
    options.rateLimitPerMinute = 3;
    SandboxServer server(options);
    configure(server);
    qint64 now = 1'000'000;
    server.setClock([&now] { return now; });
    QVERIFY(server.listen());
    auto validate = [&](const QByteArray &key) {
        return call("GET", u"/validate"_s, {}, key, {}, &server);
    };

    for (int expected : {2, 1, 0}) {
        const Reply reply = validate(AllKey);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("X-RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(reply.header("X-RateLimit-Remaining").toInt(), expected);
        now += 10'000; // requests at +0 s, +10 s, +20 s
    }
    Reply reply = validate(AllKey); // +30 s
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.header("X-RateLimit-Remaining"), QByteArray("0"));
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 429);
    // Every key has its own window; a refused request takes no slot.
    QCOMPARE(validate(TrackKey).status, 200);

    now = 1'000'000 + 59'999;
    QCOMPARE(validate(AllKey).status, 429);
    now = 1'000'000 + 60'000; // the first request leaves the window
    reply = validate(AllKey);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("X-RateLimit-Remaining"), QByteArray("0"));
    QCOMPARE(validate(AllKey).status, 429);
    now = 1'000'000 + 70'000;
    QCOMPARE(validate(AllKey).status, 200);
}

void TestSandboxServer::validationErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    QTest::newRow("no identification")
        << u"/users/upsert"_s << QByteArray("{}") << u"identification"_s;
    QTest::newRow("empty identification")
        << u"/users/upsert"_s << QByteArray(R"({"identification":{}})") << u"identification"_s;
    QTest::newRow("bad email") << u"/users/upsert"_s
                               << QByteArray(R"({"identification":{"email":"nope"}})")
                               << u"identification.email"_s;
    QTest::newRow("object property")
        << u"/accounts/upsert"_s
        << QByteArray(R"({"identification":{"accountId":"a"},"properties":{"plan":{"x":1}}})")
        << u"properties.plan"_s;
    QTest::newRow("member email") << u"/accounts/users/add"_s
                                  << QByteArray(R"({"account":{"accountId":"a"},"users":[)"
                                                R"({"identification":{"userId":"u"}},)"
                                                R"({"identification":{"email":"x"}}]})")
                                  << u"users.1.identification.email"_s;
    QTest::newRow("track without name")
        << u"/track"_s << QByteArray(R"({"identification":{"user":{"userId":"u"}}})") << u"name"_s;
    QTest::newRow("bad triggeredAt")
        << u"/track"_s
        << QByteArray(
               R"({"identification":{"user":{"userId":"u"}},"name":"x","triggeredAt":"yesterday"})")
        << u"triggeredAt"_s;
    QTest::newRow("link without device")
        << u"/link"_s << QByteArray(R"({"identification":{"userId":"u"}})") << u"deviceId"_s;
}

void TestSandboxServer::validationErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const Reply reply = post(path, body);
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.fields().contains(field), reply.raw.constData());
    QVERIFY(!reply.fields().value(field).toString().isEmpty());
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 400);
    // Nothing was stored.
    QVERIFY(inspect(u"users"_s).isEmpty());
    QVERIFY(inspect(u"accounts"_s).isEmpty());
    QVERIFY(inspect(u"events"_s).isEmpty());
}

void TestSandboxServer::snippetQueryErrors()
{
    Reply reply = call("GET", u"/tracking/snippet"_s);
    QCOMPARE(reply.status, 400);
    const QJsonObject query = reply.json[u"errors"_s][u"parameters"_s][u"query"_s].toObject();
    QVERIFY2(query.contains(u"domain"_s), reply.raw.constData());
    reply = call("GET", u"/tracking/snippet?domain=https://www.acme-inc.com/"_s);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json[u"errors"_s][u"parameters"_s][u"query"_s].toObject().contains(u"domain"_s));
}

void TestSandboxServer::malformedJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unterminated") << QByteArray(R"({"identification":)") << u"offset 18"_s;
    QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}") << u"line 1"_s;
    QTest::newRow("second line") << QByteArray("{\n  \"a\": nope\n}") << u"line 2"_s;
    QTest::newRow("empty") << QByteArray("   ") << u"empty"_s;
    QTest::newRow("deep nesting") << QByteArray(5000, '[') << u"offset"_s;
}

void TestSandboxServer::malformedJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const Reply reply = post(u"/users/upsert"_s, body);
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.json[u"message"_s].toString().contains(expected), reply.raw.constData());
    QVERIFY(reply.fields().contains(u"body"_s));
}

void TestSandboxServer::wrongContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::newRow("text/plain") << QByteArray("text/plain") << 415;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << 415;
    QTest::newRow("none") << QByteArray() << 415;
    QTest::newRow("json with charset") << QByteArray("application/json; charset=utf-8") << 201;
    QTest::newRow("JSON upper case") << QByteArray("Application/JSON") << 201;
}

void TestSandboxServer::wrongContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    const Reply reply = call("POST", u"/users/upsert"_s, R"({"identification":{"userId":"u"}})",
                             AllKey, contentType);
    QCOMPARE(reply.status, status);
    if (status == 415)
        QVERIFY(reply.json[u"message"_s].toString().contains(u"application/json"_s));
}

void TestSandboxServer::unknownPath()
{
    for (const QString &path : {u"/nowhere"_s, u"/users/upsert/"_s, u"/USERS/UPSERT"_s, u"/"_s}) {
        const Reply reply = call("POST", path, "{}");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 404);
        QVERIFY(!reply.json[u"message"_s].toString().isEmpty());
    }
}

void TestSandboxServer::wrongMethod()
{
    Reply reply = call("GET", u"/users/upsert"_s);
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("POST"));
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 405);
    reply = call("DELETE", u"/events"_s, "{}");
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), QByteArray("POST, GET"));
    reply = call("PATCH", u"/validate"_s, "{}");
    QCOMPARE(reply.status, 405);
}

void TestSandboxServer::bodyTooLarge()
{
    QByteArray body = R"({"identification":{"userId":"u"},"properties":{"x":")";
    body += QByteArray(SandboxServer::MaxBodyBytes, 'a') + "\"}}";
    Reply reply = post(u"/users/upsert"_s, body);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 413);
    QVERIFY(inspect(u"users"_s).isEmpty());
    // Exactly the limit is fine (then it is only bad JSON).
    reply = post(u"/users/upsert"_s, QByteArray(SandboxServer::MaxBodyBytes, ' '));
    QCOMPARE(reply.status, 400);
}

void TestSandboxServer::tooManyMembers()
{
    QByteArray users;
    for (int i = 0; i < 101; ++i)
        users += (i ? "," : "") + QByteArray(R"({"identification":{"userId":"u)") +
                 QByteArray::number(i) + "\"}}";
    const Reply reply =
        post(u"/accounts/users/add"_s, R"({"account":{"accountId":"a"},"users":[)" + users + "]}");
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.fields().contains(u"users"_s), reply.raw.constData());
}

void TestSandboxServer::upsertMergesProperties()
{
    QCOMPARE(post(u"/users/upsert"_s,
                  R"({"identification":{"userId":"u-1"},"properties":{"plan":"free","seats":3}})")
                 .status,
             201);
    const Reply reply =
        post(u"/users/upsert"_s, R"({"identification":{"userId":"u-1","email":"Ann@Example.com"},)"
                                 R"("properties":{"plan":"pro","tags":["a","b"],"vip":true}})");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json[u"message"_s].toString(), u"User will be created or updated"_s);
    QVERIFY(!reply.json.contains(u"rejected"_s));
    QCOMPARE(inspect(u"users"_s).size(), 1);
    const QJsonObject stored = user(u"u-1"_s);
    QCOMPARE(stored[u"email"_s].toString(), u"Ann@Example.com"_s);
    const QJsonObject properties = stored[u"properties"_s].toObject();
    QCOMPARE(properties[u"plan"_s].toString(), u"pro"_s);
    QCOMPARE(properties[u"seats"_s].toInt(), 3);
    QCOMPARE(properties[u"vip"_s].toBool(), true);
    QCOMPARE(properties[u"tags"_s].toArray(), QJsonArray({u"a"_s, u"b"_s}));
    // The email alone finds the same user.
    QCOMPARE(post(u"/users/upsert"_s,
                  R"({"identification":{"email":"ann@example.com"},"properties":{"seats":4}})")
                 .status,
             201);
    QCOMPARE(inspect(u"users"_s).size(), 1);
    QCOMPARE(user(u"u-1"_s)[u"properties"_s][u"seats"_s].toInt(), 4);
}

void TestSandboxServer::nullDeletesEmptyStringStays()
{
    post(u"/users/upsert"_s,
         R"({"identification":{"userId":"u-1"},"properties":{"plan":"pro","note":"x"}})");
    const Reply reply =
        post(u"/users/upsert"_s,
             R"({"identification":{"userId":"u-1"},"properties":{"plan":null,"note":""}})");
    QCOMPARE(reply.status, 201);
    const QJsonObject properties = user(u"u-1"_s)[u"properties"_s].toObject();
    QVERIFY(!properties.contains(u"plan"_s));
    QVERIFY(properties.contains(u"note"_s));
    QCOMPARE(properties[u"note"_s].toString(), QString());
    QVERIFY(properties[u"note"_s].isString());
}

void TestSandboxServer::typeConflictsAreRejected()
{
    post(u"/users/upsert"_s,
         R"({"identification":{"userId":"u-1"},"properties":{"plan":"pro","seats":3,"vip":true}})");
    // The type is per property name, for every user.
    const Reply reply =
        post(u"/users/upsert"_s,
             R"({"identification":{"userId":"u-2"},)"
             R"("properties":{"plan":7,"seats":"three","vip":"yes","city":"Ghent"}})");
    QCOMPARE(reply.status, 201);
    const QJsonObject rejected = reply.json[u"rejected"_s].toObject();
    QCOMPARE(rejected.size(), 3);
    QCOMPARE(rejected[u"plan"_s].toString(), u"Expected a string but found a number."_s);
    QCOMPARE(rejected[u"seats"_s].toString(), u"Expected a number but found a string."_s);
    QCOMPARE(rejected[u"vip"_s].toString(), u"Expected a boolean but found a string."_s);
    const QJsonObject properties = user(u"u-2"_s)[u"properties"_s].toObject();
    QCOMPARE(properties.keys(), QStringList{u"city"_s});
}

void TestSandboxServer::datetimeTyping()
{
    post(u"/accounts/upsert"_s,
         R"({"identification":{"accountId":"a-1"},)"
         R"("properties":{"created_at":"2023-11-14T22:13:20.000Z","label":"x"}})");
    QCOMPARE(m_server->state()->propertyKind(SandboxScope::Accounts, u"created_at"_s),
             PropertyKind::DateTime);
    Reply reply =
        post(u"/accounts/upsert"_s,
             R"({"identification":{"accountId":"a-1"},"properties":{"created_at":true}})");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json[u"rejected"_s][u"created_at"_s].toString(),
             u"Expected a date but found a boolean."_s);
    reply = post(u"/accounts/upsert"_s,
                 R"({"identification":{"accountId":"a-1"},"properties":{"created_at":"soon"}})");
    QCOMPARE(reply.json[u"rejected"_s][u"created_at"_s].toString(),
             u"Expected a date but found a string."_s);
    // Another date (with an offset) is fine; a string property takes a date string too.
    reply = post(
        u"/accounts/upsert"_s,
        R"({"identification":{"accountId":"a-1"},)"
        R"("properties":{"created_at":"2024-01-02T03:04:05+01:00","label":"2024-01-02T03:04:05Z"}})");
    QVERIFY(!reply.json.contains(u"rejected"_s));
    const QJsonObject account = inspect(u"accounts"_s).first().toObject();
    QCOMPARE(account[u"properties"_s][u"created_at"_s].toString(), u"2024-01-02T03:04:05+01:00"_s);
}

void TestSandboxServer::accountsAndMembers()
{
    QCOMPARE(
        post(
            u"/accounts/upsert"_s,
            R"({"identification":{"accountId":"a-1","domain":"acme.com"},"properties":{"mrr":99}})")
            .json[u"message"_s]
            .toString(),
        u"Account will be created or updated"_s);
    Reply reply =
        post(u"/accounts/users/add"_s,
             R"({"account":{"domain":"acme.com"},"users":[)"
             R"({"identification":{"userId":"u-1"}},{"identification":{"email":"b@acme.com"}}]})");
    QCOMPARE(reply.status, 201);
    QJsonArray accounts = inspect(u"accounts"_s);
    QCOMPARE(accounts.size(), 1);
    QJsonArray members = accounts.first()[u"members"_s].toArray();
    QCOMPARE(members.size(), 2);
    QCOMPARE(members.at(0)[u"userId"_s].toString(), u"u-1"_s);
    QCOMPARE(members.at(1)[u"email"_s].toString(), u"b@acme.com"_s);
    QCOMPARE(members.at(0)[u"removed"_s].toBool(), false);
    QCOMPARE(inspect(u"users"_s).size(), 2);

    reply =
        post(u"/accounts/users/remove"_s,
             R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})");
    QCOMPARE(reply.status, 204);
    members = inspect(u"accounts"_s).first()[u"members"_s].toArray();
    QCOMPARE(members.size(), 2); // removed members stay, marked removed
    QCOMPARE(members.at(0)[u"removed"_s].toBool(), true);
    QVERIFY(!members.at(0)[u"removedAt"_s].toString().isEmpty());
    QCOMPARE(members.at(1)[u"removed"_s].toBool(), false);
    QCOMPARE(user(u"u-1"_s)[u"accounts"_s][0][u"removed"_s].toBool(), true);

    // Adding again brings the member back.
    post(u"/accounts/users/add"_s,
         R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})");
    members = inspect(u"accounts"_s).first()[u"members"_s].toArray();
    QCOMPARE(members.size(), 2);
    QCOMPARE(members.at(0)[u"removed"_s].toBool(), false);
}

void TestSandboxServer::deletes()
{
    post(u"/users/upsert"_s, R"({"identification":{"userId":"u-1"}})");
    post(u"/users/upsert"_s, R"({"identification":{"userId":"u-2"}})");
    post(u"/accounts/users/add"_s,
         R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})");
    Reply reply = call("DELETE", u"/users"_s, R"({"identification":{"userId":"u-1"}})");
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.json[u"message"_s].toString(), u"User will be deleted"_s);
    QCOMPARE(inspect(u"users"_s).size(), 1);
    QVERIFY(inspect(u"accounts"_s).first()[u"members"_s].toArray().isEmpty());
    // Deleting what does not exist is still accepted.
    QCOMPARE(call("DELETE", u"/users"_s, R"({"identification":{"userId":"ghost"}})").status, 202);

    reply = call("DELETE", u"/accounts"_s, R"({"identification":{"accountId":"a-1"}})");
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.json[u"message"_s].toString(), u"Account will be deleted"_s);
    QVERIFY(inspect(u"accounts"_s).isEmpty());
}

void TestSandboxServer::eventsAreStored()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QCOMPARE(post(u"/track"_s,
                  R"({"identification":{"user":{"userId":"u-1"},"account":{"domain":"acme.com"}},)"
                  R"("name":"signed_in","metadata":{"plan":"pro","seats":2,"trial":false}})")
                 .status,
             201);
    QCOMPARE(post(u"/track"_s, R"({"identification":{"user":{"userId":"u-1"}},"name":"signed_in",)"
                               R"("triggeredAt":"2023-11-14T22:13:20.000Z"})")
                 .status,
             201);
    post(u"/track"_s, R"({"identification":{"user":{"userId":"u-1"}},"name":"created_invoice"})");
    const QJsonArray events = inspect(u"events"_s);
    QCOMPARE(events.size(), 3);
    const QJsonObject first = events.first().toObject();
    QCOMPARE(first[u"name"_s].toString(), u"signed_in"_s);
    QCOMPARE(first[u"identification"_s][u"user"_s][u"userId"_s].toString(), u"u-1"_s);
    QCOMPARE(first[u"identification"_s][u"account"_s][u"domain"_s].toString(), u"acme.com"_s);
    QCOMPARE(first[u"metadata"_s][u"seats"_s].toInt(), 2);
    QCOMPARE(first[u"operationId"_s].toString(), u"trackEvent"_s);
    const QDateTime defaulted =
        QDateTime::fromString(first[u"triggeredAt"_s].toString(), Qt::ISODateWithMs);
    QVERIFY(defaulted.isValid());
    QVERIFY(defaulted >= before);
    QCOMPARE(events.at(1)[u"triggeredAt"_s].toString(), u"2023-11-14T22:13:20.000Z"_s);

    const Reply names = call("GET", u"/events"_s);
    QCOMPARE(names.status, 200);
    QCOMPARE(names.data().size(), 2);
    QCOMPARE(names.data().at(0)[u"name"_s].toString(), u"signed_in"_s);
    QCOMPARE(names.data().at(1)[u"name"_s].toString(), u"created_invoice"_s);
    QVERIFY(!names.data().at(0)[u"id"_s].toString().isEmpty());
    QVERIFY(names.data().at(0)[u"id"_s] != names.data().at(1)[u"id"_s]);
    // The users themselves are not created by tracking.
    QVERIFY(inspect(u"users"_s).isEmpty());
}

void TestSandboxServer::deprecatedEventsEndpoint()
{
    Reply reply =
        post(u"/events"_s, R"({"identification":{"user":{"userId":"u-1"}},"name":"old"})");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("Deprecation"), QByteArray("true"));
    QCOMPARE(reply.header("Link"), QByteArray("</track>; rel=\"successor-version\""));
    QCOMPARE(inspect(u"events"_s).first()[u"operationId"_s].toString(), u"trackJourneyEvent"_s);
    reply = post(u"/events"_s, R"({"name":"old"})");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.header("Deprecation"), QByteArray("true")); // on errors too
    reply = post(u"/track"_s, R"({"identification":{"user":{"userId":"u-1"}},"name":"new"})");
    QVERIFY(!reply.hasHeader("Deprecation"));
    reply = call("GET", u"/events"_s);
    QVERIFY(!reply.hasHeader("Deprecation"));
}

void TestSandboxServer::linkStoresDevice()
{
    Reply reply = post(u"/link"_s, R"({"deviceId":"dev-1","identification":{"userId":"u-1"}})");
    QCOMPARE(reply.status, 201);
    post(u"/link"_s, R"({"deviceId":"dev-1","identification":{"email":"x@y.io"}})");
    post(u"/link"_s, R"({"deviceId":"dev-2","identification":{"userId":"u-2"}})");
    const QJsonArray links = inspect(u"links"_s);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(0)[u"deviceId"_s].toString(), u"dev-1"_s);
    QCOMPARE(links.at(0)[u"identification"_s][u"email"_s].toString(), u"x@y.io"_s);
}

void TestSandboxServer::propertiesListEveryNameSeen()
{
    QCOMPARE(call("GET", u"/properties/users"_s).data(), QJsonArray());
    post(u"/users/upsert"_s,
         R"({"identification":{"userId":"u-1"},"properties":{"first_name":"Ann","plan":null}})");
    post(u"/users/upsert"_s,
         R"({"identification":{"userId":"u-2"},"properties":{"first_name":3}})");
    post(u"/accounts/upsert"_s, R"({"identification":{"accountId":"a"},"properties":{"mrr":5}})");
    const QJsonArray users = call("GET", u"/properties/users"_s).data();
    QCOMPARE(users.size(), 2);
    QCOMPARE(users.at(0).toObject(), (QJsonObject{{u"name"_s, u"first_name"_s},
                                                  {u"label"_s, u"First name"_s},
                                                  {u"isComputed"_s, false}}));
    QCOMPARE(users.at(1)[u"name"_s].toString(), u"plan"_s);
    const QJsonArray accounts = call("GET", u"/properties/accounts"_s).data();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.at(0)[u"name"_s].toString(), u"mrr"_s);
}

void TestSandboxServer::segmentsComeFromTheFixture()
{
    Reply reply = call("GET", u"/segments/users"_s);
    QCOMPARE(reply.data(),
             QJsonArray({QJsonObject{{u"id"_s, u"seg-u1"_s}, {u"name"_s, u"Active users"_s}}}));
    reply = call("GET", u"/segments/accounts"_s);
    QCOMPARE(reply.data().size(), 2);
    QCOMPARE(reply.data().at(1)[u"name"_s].toString(), u"Churned"_s);
    QCOMPARE(call("GET", u"/segments/users"_s, {}, TrackKey).status, 401);
}

void TestSandboxServer::snippetForKnownDomainOnly()
{
    Reply reply = call("GET", u"/tracking/snippet?domain=www.acme-inc.com"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[u"data"_s][u"domain"_s].toString(), u"www.acme-inc.com"_s);
    QVERIFY(reply.json[u"data"_s][u"snippet"_s].toString().contains(u"www.acme-inc.com"_s));
    reply = call("GET", u"/tracking/snippet?domain=blog.unknown.org"_s);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 404);
    QVERIFY(reply.json[u"message"_s].toString().contains(u"blog.unknown.org"_s));
}

void TestSandboxServer::requestsLogNeverHoldsTheKey()
{
    post(u"/users/upsert"_s, R"({"identification":{"userId":"u-1"}})");
    call("GET", u"/events"_s, {}, TrackKey);
    call("GET", u"/nowhere"_s);
    const Reply log = call("GET", u"/__sandbox/requests"_s, {}, {});
    QCOMPARE(log.status, 200);
    const QJsonArray requests = log.data();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0)[u"operationId"_s].toString(), u"upsertUser"_s);
    QCOMPARE(requests.at(0)[u"status"_s].toInt(), 201);
    QCOMPARE(requests.at(0)[u"method"_s].toString(), u"POST"_s);
    QCOMPARE(requests.at(0)[u"keyName"_s].toString(), u"all"_s);
    QVERIFY(requests.at(0)[u"requestBody"_s].toString().contains(u"u-1"_s));
    QVERIFY(requests.at(0)[u"responseBody"_s].toString().contains(u"requestId"_s));
    QCOMPARE(requests.at(1)[u"status"_s].toInt(), 401);
    QCOMPARE(requests.at(2)[u"status"_s].toInt(), 404);
    QVERIFY(!log.raw.contains(AllKey));
    QVERIFY(!log.raw.contains(TrackKey));
}

void TestSandboxServer::inspectionEndpoints()
{
    for (const QString &name :
         {u"users"_s, u"accounts"_s, u"events"_s, u"links"_s, u"requests"_s}) {
        const Reply reply = call("GET", u"/__sandbox/"_s + name, {}, {});
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json[u"data"_s].isArray());
        QVERIFY(reply.hasHeader("X-RateLimit-Limit"));
    }
    QCOMPARE(call("GET", u"/__sandbox/nothing"_s, {}, {}).status, 404);
    QCOMPARE(call("POST", u"/__sandbox/users"_s, "{}", {}).status, 405);
    QCOMPARE(call("GET", u"/__sandbox/reset"_s, {}, {}).status, 405);
    // Inspection is not part of the API: not logged, not rate limited.
    QVERIFY(call("GET", u"/__sandbox/requests"_s, {}, {}).data().isEmpty());
}

void TestSandboxServer::resetClearsState()
{
    post(u"/users/upsert"_s, R"({"identification":{"userId":"u-1"},"properties":{"a":1}})");
    post(u"/track"_s, R"({"identification":{"user":{"userId":"u-1"}},"name":"x"})");
    const Reply reply = call("POST", u"/__sandbox/reset"_s, {}, {});
    QCOMPARE(reply.status, 200);
    QVERIFY(inspect(u"users"_s).isEmpty());
    QVERIFY(inspect(u"events"_s).isEmpty());
    QVERIFY(inspect(u"requests"_s).isEmpty());
    QVERIFY(call("GET", u"/properties/users"_s).data().isEmpty());
    // Types are forgotten too.
    QVERIFY(
        !post(u"/users/upsert"_s, R"({"identification":{"userId":"u-1"},"properties":{"a":"x"}})")
             .json.contains(u"rejected"_s));
}

void TestSandboxServer::stateSignals()
{
    QSignalSpy changed(m_server->state(), &SandboxState::changed);
    QSignalSpy logged(m_server->state(), &SandboxState::requestLogged);
    post(u"/users/upsert"_s, R"({"identification":{"userId":"u-1"}})");
    QCOMPARE(changed.size(), 1);
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.first().first().value<SandboxRequestRecord>().status, 201);
    call("GET", u"/events"_s);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(logged.size(), 2);
    QCOMPARE(m_server->state()->userCount(), 1);
}

void TestSandboxServer::failRateAnswers500()
{
    SandboxOptions options;
    options.failRate = 1;
    SandboxServer server(options);
    configure(server);
    QVERIFY(server.listen());
    const Reply reply = call("POST", u"/users/upsert"_s, R"({"identification":{"userId":"u-1"}})",
                             AllKey, "application/json", &server);
    QCOMPARE(reply.status, 500);
    QCOMPARE(reply.json[u"meta"_s][u"status"_s].toInt(), 500);
    QVERIFY(!reply.json[u"message"_s].toString().isEmpty());
    QVERIFY(reply.hasHeader("X-RateLimit-Remaining"));
    QCOMPARE(server.state()->userCount(), 0);
    // Inspection is never failed.
    QCOMPARE(call("GET", u"/__sandbox/users"_s, {}, {}, {}, &server).status, 200);
}

void TestSandboxServer::dropRateClosesConnections()
{
    SandboxOptions options;
    options.dropRate = 1;
    SandboxServer server(options);
    configure(server);
    QVERIFY(server.listen());
    const Reply reply = call("GET", u"/validate"_s, {}, AllKey, {}, &server);
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(server.state()->requests().back().status, 0);
}

void TestSandboxServer::faultsAreDeterministicWithASeed()
{
    auto statuses = [this](quint32 seed) {
        SandboxOptions options;
        options.failRate = 0.3;
        options.dropRate = 0.2;
        options.seed = seed;
        SandboxServer server(options);
        configure(server);
        if (!server.listen())
            return QList<int>();
        for (int i = 0; i < 30; ++i)
            call("GET", u"/validate"_s, {}, AllKey, {}, &server);
        // What the sandbox did, not what the client saw: QNetworkAccessManager silently
        // retries a GET whose connection was closed.
        QList<int> result;
        for (const SandboxRequestRecord &record : server.state()->requests())
            result.append(record.status);
        return result;
    };
    const QList<int> first = statuses(42);
    QVERIFY(first.size() >= 30);
    QCOMPARE(statuses(42), first);
    QVERIFY(first.contains(0));
    QVERIFY(first.contains(500));
    QVERIFY(first.contains(200));
    QVERIFY(statuses(7) != first);
}

void TestSandboxServer::latencyStillAnswers()
{
    SandboxOptions options;
    options.latencyMs = 30;
    SandboxServer server(options);
    configure(server);
    QVERIFY(server.listen());
    const Reply reply = call("POST", u"/users/upsert"_s, R"({"identification":{"userId":"u"}})",
                             AllKey, "application/json", &server);
    QCOMPARE(reply.status, 201);
    QCOMPARE(server.state()->userCount(), 1);
}

void TestSandboxServer::noContentHasNoBody()
{
    const Reply reply =
        post(u"/accounts/users/remove"_s,
             R"({"account":{"accountId":"a"},"users":[{"identification":{"userId":"u"}}]})");
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.raw.isEmpty());
    QVERIFY(!reply.hasHeader("Content-Length") || reply.header("Content-Length") == "0");
    QVERIFY(reply.hasHeader("X-RateLimit-Limit"));
    // The connection is still usable afterwards (keep-alive).
    QCOMPARE(call("GET", u"/validate"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
