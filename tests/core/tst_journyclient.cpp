#include "api/journyclient.h"
#include "api/operation.h"
#include "httpfixture.h"
#include "ratelimit/ratelimitmonitor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::function<ApiReply *(JournyClient &)>)
using Call = std::function<ApiReply *(JournyClient &)>;

// JournyClient against a real HTTP server on loopback.
class TestJournyClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sendsEveryOperation_data();
    void sendsEveryOperation();
    void sendUsesTheCatalogue();
    void sendsQueryEncoded();
    void baseUrlWithPath();

    void handlesResponses_data();
    void handlesResponses();
    void fieldAndParameterErrors();
    void nonJsonBodyKeepsRawText();
    void rateLimitHeadersOnEveryResponse();
    void redirectIsNotFollowed();

    void timeout();
    void connectionRefused();
    void hostNotFound();
    void cancel();
    void destroyingClientAbortsQuietly();
    void refusesPlainHttpToRemoteHosts();
    void unknownOperation();
    void sentRequestHasKeyRedacted();

private:
    ApiResult call(const Call &call);
    std::unique_ptr<HttpFixture> m_server;
    std::unique_ptr<JournyClient> m_client;
};

static const QByteArray ApiKey = "test-key-0123456789";

void TestJournyClient::init() {
    m_server = std::make_unique<HttpFixture>();
    m_server->answerJson(201, R"({"meta":{"requestId":"r-1","status":201},"message":"ok"})");
    m_client = std::make_unique<JournyClient>();
    m_client->setBaseUrl(m_server->baseUrl());
    m_client->setApiKey(QString::fromLatin1(ApiKey));
}

void TestJournyClient::cleanup() {
    m_client.reset();
    m_server.reset();
}

ApiResult TestJournyClient::call(const Call &call) {
    ApiReply *reply = call(*m_client);
    QSignalSpy finished(reply, &ApiReply::finished);
    if (!finished.wait(15000))
        qWarning("no answer");
    return finished.isEmpty() ? ApiResult() : finished.first().first().value<ApiResult>();
}

void TestJournyClient::sendsEveryOperation_data() {
    QTest::addColumn<Call>("call");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("body"); // empty: no body

    UpsertUserRequest upsertUser;
    upsertUser.identification.userId = u"u-1"_s;
    upsertUser.properties.set(u"plan"_s, PropertyValue::string(u"Pro"_s));
    QTest::newRow("upsertUser")
        << Call([=](JournyClient &c) { return c.upsertUser(upsertUser); }) << QByteArray("POST")
        << u"/users/upsert"_s << QString()
        << QByteArray(R"({"identification":{"userId":"u-1"},"properties":{"plan":"Pro"}})");
    QTest::newRow("deleteUser") << Call([](JournyClient &c) {
        return c.deleteUser({{u"u-1"_s, {}}});
    }) << QByteArray("DELETE") << u"/users"_s
                                << QString()
                                << QByteArray(R"({"identification":{"userId":"u-1"}})");
    QTest::newRow("link") << Call([](JournyClient &c) {
        return c.link({u"d-1"_s, {{}, u"a@b.co"_s}});
    }) << QByteArray("POST")
                          << u"/link"_s << QString()
                          << QByteArray(
                                 R"({"deviceId":"d-1","identification":{"email":"a@b.co"}})");
    UpsertAccountRequest upsertAccount;
    upsertAccount.identification.domain = u"acme.com"_s;
    QTest::newRow("upsertAccount")
        << Call([=](JournyClient &c) { return c.upsertAccount(upsertAccount); })
        << QByteArray("POST") << u"/accounts/upsert"_s << QString()
        << QByteArray(R"({"identification":{"domain":"acme.com"}})");
    QTest::newRow("deleteAccount") << Call([](JournyClient &c) {
        return c.deleteAccount({{u"a-1"_s, {}}});
    }) << QByteArray("DELETE") << u"/accounts"_s
                                   << QString()
                                   << QByteArray(R"({"identification":{"accountId":"a-1"}})");
    MembershipRequest membership;
    membership.account.accountId = u"a-1"_s;
    membership.users = {{u"u-1"_s, {}}};
    const QByteArray membershipBody =
        R"({"account":{"accountId":"a-1"},"users":[{"identification":{"userId":"u-1"}}]})";
    QTest::newRow("addUserToAccount")
        << Call([=](JournyClient &c) { return c.addUsersToAccount(membership); })
        << QByteArray("POST") << u"/accounts/users/add"_s << QString() << membershipBody;
    QTest::newRow("removeUserFromAccount")
        << Call([=](JournyClient &c) { return c.removeUsersFromAccount(membership); })
        << QByteArray("POST") << u"/accounts/users/remove"_s << QString() << membershipBody;
    EventRequest event;
    event.name = u"signed_in"_s;
    event.user.userId = u"u-1"_s;
    const QByteArray eventBody =
        R"({"identification":{"user":{"userId":"u-1"}},"name":"signed_in"})";
    QTest::newRow("trackEvent") << Call([=](JournyClient &c) { return c.trackEvent(event); })
                                << QByteArray("POST") << u"/track"_s << QString() << eventBody;
    QTest::newRow("trackJourneyEvent")
        << Call([=](JournyClient &c) { return c.trackJourneyEvent(event); }) << QByteArray("POST")
        << u"/events"_s << QString() << eventBody;
    QTest::newRow("getEvents") << Call([](JournyClient &c) { return c.getEvents(); })
                               << QByteArray("GET") << u"/events"_s << QString() << QByteArray();
    QTest::newRow("getUserProperties")
        << Call([](JournyClient &c) { return c.getUserProperties(); }) << QByteArray("GET")
        << u"/properties/users"_s << QString() << QByteArray();
    QTest::newRow("getAccountProperties")
        << Call([](JournyClient &c) { return c.getAccountProperties(); }) << QByteArray("GET")
        << u"/properties/accounts"_s << QString() << QByteArray();
    QTest::newRow("getUserSegments")
        << Call([](JournyClient &c) { return c.getUserSegments(); }) << QByteArray("GET")
        << u"/segments/users"_s << QString() << QByteArray();
    QTest::newRow("getAccountSegments")
        << Call([](JournyClient &c) { return c.getAccountSegments(); }) << QByteArray("GET")
        << u"/segments/accounts"_s << QString() << QByteArray();
    QTest::newRow("getTrackingSnippet")
        << Call([](JournyClient &c) { return c.getTrackingSnippet({u"www.journy.io"_s}); })
        << QByteArray("GET") << u"/tracking/snippet"_s << u"domain=www.journy.io"_s << QByteArray();
    QTest::newRow("getValidity") << Call([](JournyClient &c) { return c.getValidity(); })
                                 << QByteArray("GET") << u"/validate"_s << QString()
                                 << QByteArray();
}

void TestJournyClient::sendsEveryOperation() {
    QFETCH(Call, call);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QByteArray, body);

    // Rows are named after operations: the catalogue must agree with what went out.
    const Operation *operation =
        OperationCatalogue::find(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(operation);
    QCOMPARE(operation->method, method);
    QCOMPARE(operation->path, path);

    const ApiResult result = this->call(call);
    QCOMPARE(result.transportError, TransportError::None);
    QCOMPARE(result.operationId, operation->id);
    QCOMPARE(m_server->requests().size(), 1);
    const HttpFixture::Recorded sent = m_server->lastRequest();
    QCOMPARE(sent.method, method);
    QCOMPARE(sent.path, path);
    QCOMPARE(sent.query, query);
    QCOMPARE(sent.header("X-Api-Key"), ApiKey);
    QCOMPARE(sent.header("User-Agent"), JournyClient::userAgent());
    QVERIFY(sent.header("User-Agent").startsWith("JournyConsole/" JOURNY_VERSION));
    QCOMPARE(sent.header("Accept"), QByteArray("application/json"));
    if (body.isEmpty()) {
        QVERIFY(sent.body.isEmpty());
        QVERIFY(sent.header("Content-Type").isEmpty());
    } else {
        QCOMPARE(sent.header("Content-Type"), QByteArray("application/json"));
        // Exactly this JSON, nothing more: compared as documents, key order aside.
        QCOMPARE(QJsonDocument::fromJson(sent.body), QJsonDocument::fromJson(body));
    }
    QCOMPARE(result.request.method, method);
    QCOMPARE(result.request.url.path(), path);
}

void TestJournyClient::sendUsesTheCatalogue() {
    const QJsonObject body{{u"identification"_s, QJsonObject{{u"userId"_s, u"u-9"_s}}},
                           {u"unexpected"_s, 1}};
    const ApiResult result = call([&](JournyClient &c) { return c.send(u"deleteUser"_s, body); });
    QCOMPARE(result.status, 201);
    QCOMPARE(m_server->lastRequest().method, QByteArray("DELETE"));
    QCOMPARE(QJsonDocument::fromJson(m_server->lastRequest().body).object(), body);
}

void TestJournyClient::sendsQueryEncoded() {
    call([](JournyClient &c) {
        return c.send(u"getTrackingSnippet"_s, {}, {{u"domain"_s, u"a b&c=d.com"_s}});
    });
    QCOMPARE(m_server->lastRequest().query, u"domain=a%20b%26c%3Dd.com"_s);
}

void TestJournyClient::baseUrlWithPath() {
    QUrl base = m_server->baseUrl();
    base.setPath(u"/proxy/"_s);
    m_client->setBaseUrl(base);
    call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(m_server->lastRequest().path, u"/proxy/validate"_s);
}

void TestJournyClient::handlesResponses_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("success");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("requestId");

    QTest::newRow("201")
        << 201
        << QByteArray(
               R"({"meta":{"requestId":"a1","status":201},"message":"User will be created or updated"})")
        << true << u"User will be created or updated"_s << u"a1"_s;
    QTest::newRow("202") << 202
                         << QByteArray(
                                R"({"meta":{"requestId":"a2","status":202},"message":"Accepted"})")
                         << true << u"Accepted"_s << u"a2"_s;
    QTest::newRow("204 empty") << 204 << QByteArray() << true << QString() << QString();
    QTest::newRow("401")
        << 401
        << QByteArray(R"({"meta":{"requestId":"a3","status":401},"message":"Key lacks TrackData"})")
        << false << u"Key lacks TrackData"_s << u"a3"_s;
    QTest::newRow("403") << 403
                         << QByteArray(
                                R"({"meta":{"requestId":"a4","status":403},"message":"disabled"})")
                         << false << u"disabled"_s << u"a4"_s;
    QTest::newRow("404") << 404
                         << QByteArray(
                                R"({"meta":{"requestId":"a5","status":404},"message":"Not found"})")
                         << false << u"Not found"_s << u"a5"_s;
    QTest::newRow("429")
        << 429
        << QByteArray(R"({"meta":{"requestId":"a6","status":429},"message":"Too many requests"})")
        << false << u"Too many requests"_s << u"a6"_s;
    QTest::newRow("500") << 500
                         << QByteArray(
                                R"({"meta":{"requestId":"a7","status":500},"message":"Oops"})")
                         << false << u"Oops"_s << u"a7"_s;
}

void TestJournyClient::handlesResponses() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, success);
    QFETCH(QString, message);
    QFETCH(QString, requestId);

    m_server->answerJson(status, body);
    const ApiResult result = call([](JournyClient &c) { return c.upsertUser({{u"u"_s, {}}, {}}); });
    QCOMPARE(result.transportError, TransportError::None);
    QCOMPARE(result.status, status);
    QCOMPARE(result.success, success);
    QCOMPARE(result.message, message);
    QCOMPARE(result.requestId, requestId);
    QCOMPARE(result.rawBody, body);
    QCOMPARE(result.bodyIsJson, !body.isEmpty());
    QCOMPARE(result.header("content-type"), QByteArray("application/json"));
    QVERIFY(result.elapsedMs >= 0);
    QVERIFY(result.summary().startsWith(QString::number(status)));
}

void TestJournyClient::fieldAndParameterErrors() {
    m_server->answerJson(400, R"({"meta":{"requestId":"e1","status":400},"message":"Bad request",
        "errors":{"fields":{"identification.userId":"must be a string","users.3.identification.email":"not an email"},
                  "parameters":{"header":{"x-api-key":"missing"},"query":{"domain":"required"},"path":{"id":"bad"}}}})");
    const ApiResult result = call([](JournyClient &c) { return c.getTrackingSnippet({}); });
    QCOMPARE(result.status, 400);
    QVERIFY(!result.success);
    QCOMPARE(result.fieldErrors.size(), 2);
    QCOMPARE(result.fieldErrors.value(u"identification.userId"_s), u"must be a string"_s);
    QCOMPARE(result.fieldErrors.value(u"users.3.identification.email"_s), u"not an email"_s);
    QCOMPARE(result.headerErrors.value(u"x-api-key"_s), u"missing"_s);
    QCOMPARE(result.queryErrors.value(u"domain"_s), u"required"_s);
    QCOMPARE(result.pathErrors.value(u"id"_s), u"bad"_s);

    m_server->answerJson(201, R"({"meta":{"requestId":"e2","status":201},"message":"ok",
        "rejected":{"created_at":"Expected a date but found a boolean."},"data":{"x":1}})");
    const ApiResult rejected = call([](JournyClient &c) {
        return c.upsertUser({{u"u"_s, {}}, {}});
    });
    QVERIFY(rejected.success);
    QCOMPARE(rejected.rejected.value(u"created_at"_s), u"Expected a date but found a boolean."_s);
    QCOMPARE(rejected.data.toObject().value(u"x"_s).toInt(), 1);
}

void TestJournyClient::nonJsonBodyKeepsRawText() {
    m_server->answer(502, "<html>Bad gateway</html>", {{"Content-Type", "text/html"}});
    const ApiResult result = call([](JournyClient &c) { return c.getEvents(); });
    QCOMPARE(result.status, 502);
    QVERIFY(!result.bodyIsJson);
    QCOMPARE(result.rawBody, QByteArray("<html>Bad gateway</html>"));
    QVERIFY(result.message.isEmpty());
}

void TestJournyClient::rateLimitHeadersOnEveryResponse() {
    QSignalSpy changed(m_client->rateLimit(), &RateLimitMonitor::changed);
    QVERIFY(!m_client->rateLimit()->isKnown());
    m_server->answerJson(201, R"({"meta":{"requestId":"x","status":201},"message":"ok"})", 1800,
                         1700);
    ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.rateLimitLimit, std::optional<int>(1800));
    QCOMPARE(result.rateLimitRemaining, std::optional<int>(1700));
    QCOMPARE(m_client->rateLimit()->remaining(), std::optional<int>(1700));

    m_server->answerJson(429, R"({"meta":{"requestId":"y","status":429},"message":"slow down"})",
                         1800, 0);
    result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.status, 429);
    QCOMPARE(m_client->rateLimit()->remaining(), std::optional<int>(0));
    QCOMPARE(m_client->rateLimit()->limit(), std::optional<int>(1800));
    QVERIFY(m_client->rateLimit()->lastUpdate().isValid());
    QCOMPARE(changed.size(), 2);

    m_server->answerJson(500, R"({"meta":{"requestId":"z","status":500},"message":"boom"})", 1800,
                         5);
    call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(m_client->rateLimit()->remaining(), std::optional<int>(5));
}

void TestJournyClient::redirectIsNotFollowed() {
    m_server->answer(302, {}, {{"Location", "http://127.0.0.1:1/elsewhere"}});
    const ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.status, 302);
    QVERIFY(!result.success);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestJournyClient::timeout() {
    HttpFixture::Answer silent;
    silent.silent = true;
    m_server->setAnswer(silent);
    m_client->setTimeout(300ms);
    const ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.transportError, TransportError::Timeout);
    QCOMPARE(result.status, 0);
    QVERIFY2(result.transportErrorText.contains(u"did not answer within 0.3 s"_s),
             qPrintable(result.transportErrorText));
}

void TestJournyClient::connectionRefused() {
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    m_client->setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    const ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.transportError, TransportError::ConnectionRefused);
    QVERIFY(result.transportErrorText.contains(u"refused"_s));
    QVERIFY(result.transportErrorText.contains(QString::number(port)));
}

void TestJournyClient::hostNotFound() {
    m_client->setBaseUrl(QUrl(u"https://no-such-host.invalid"_s));
    const ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.transportError, TransportError::HostNotFound);
    QVERIFY(result.transportErrorText.contains(u"no-such-host.invalid"_s));
}

void TestJournyClient::cancel() {
    HttpFixture::Answer silent;
    silent.silent = true;
    m_server->setAnswer(silent);
    ApiReply *reply = m_client->getValidity();
    QSignalSpy finished(reply, &ApiReply::finished);
    QTRY_COMPARE(m_server->requests().size(), 1);
    reply->cancel();
    QTRY_COMPARE(finished.size(), 1);
    const ApiResult result = finished.first().first().value<ApiResult>();
    QCOMPARE(result.transportError, TransportError::Cancelled);
    QVERIFY(!result.success);
}

void TestJournyClient::destroyingClientAbortsQuietly() {
    HttpFixture::Answer silent;
    silent.silent = true;
    m_server->setAnswer(silent);
    ApiReply *reply = m_client->getValidity();
    QSignalSpy finished(reply, &ApiReply::finished);
    QTRY_COMPARE(m_server->requests().size(), 1);
    m_client.reset();
    QTest::qWait(50);
    QCOMPARE(finished.size(), 0);
}

void TestJournyClient::refusesPlainHttpToRemoteHosts() {
    m_client->setBaseUrl(QUrl(u"http://api.journy.io"_s));
    const ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    QCOMPARE(result.transportError, TransportError::InsecureUrl);
    QVERIFY(result.transportErrorText.contains(u"http://"_s));

    QVERIFY(JournyClient::isAllowedUrl(QUrl(u"http://localhost:8080"_s)));
    QVERIFY(JournyClient::isAllowedUrl(QUrl(u"http://127.0.0.2"_s)));
    QVERIFY(JournyClient::isAllowedUrl(QUrl(u"http://[::1]:80"_s)));
    QVERIFY(JournyClient::isAllowedUrl(QUrl(u"https://api.journy.io"_s)));
    QVERIFY(!JournyClient::isAllowedUrl(QUrl(u"http://10.0.0.1"_s)));
    QVERIFY(!JournyClient::isAllowedUrl(QUrl(u"ftp://api.journy.io"_s)));
    QVERIFY(!JournyClient::isAllowedUrl(QUrl(u"not a url"_s)));
}

void TestJournyClient::unknownOperation() {
    const ApiResult result = call([](JournyClient &c) { return c.send(u"nope"_s); });
    QCOMPARE(result.transportError, TransportError::InvalidRequest);
    QVERIFY(m_server->requests().isEmpty());
}

void TestJournyClient::sentRequestHasKeyRedacted() {
    const ApiResult result = call([](JournyClient &c) { return c.getValidity(); });
    bool sawKeyHeader = false;
    for (const auto &[name, value] : result.request.headers) {
        QVERIFY(!value.contains(ApiKey));
        sawKeyHeader = sawKeyHeader || name == "X-Api-Key";
    }
    QVERIFY(sawKeyHeader);
}

QTEST_GUILESS_MAIN(TestJournyClient)
#include "tst_journyclient.moc"
