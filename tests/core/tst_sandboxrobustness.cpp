#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray Key = "robust-key";
const QByteArray ValidUpsert =
    R"({"identification":{"userId":"u-1","email":"u-1@example.com"},)"
    R"("properties":{"plan":"pro","seats":3,"active":true,"tags":["a","b"],)"
    R"("registered_at":"2023-11-14T22:13:20.000Z"}})";
} // namespace

// Nothing a client sends can crash the sandbox or make it answer nonsense: garbage,
// huge bodies, wrong methods, broken JSON, odd Unicode, deep nesting, pipelining and
// clients that vanish. After every case the sandbox still answers normally.
class TestSandboxRobustness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void rawGarbage_data();
    void rawGarbage();
    void hugeBodyIsRefusedEarly();
    void wrongMethods_data();
    void wrongMethods();
    void headHasNoBody();
    void expectContinue();
    void mutatedJson();
    void unicode_data();
    void unicode();
    void deepNesting();
    void manyProperties();
    void pipelinedRequests();
    void clientVanishesMidRequest();
    void clientVanishesWhileDelayed();

private:
    // Sends bytes on a fresh connection; returns what came back before the server closed
    // the connection or went quiet.
    QByteArray exchange(const QByteArray &bytes, int expectResponses = 1);
    std::pair<int, QJsonObject> post(const QByteArray &body);
    void verifyStillServing();

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
};

void TestSandboxRobustness::init()
{
    m_server = std::make_unique<SandboxServer>();
    m_server->addKey({QString::fromLatin1(Key), u"robust"_s, SandboxKeys::allPermissions(), true});
    QVERIFY(m_server->listen());
}

void TestSandboxRobustness::cleanup()
{
    verifyStillServing();
    m_server.reset();
}

QByteArray TestSandboxRobustness::exchange(const QByteArray &bytes, int expectResponses)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    if (!socket.waitForConnected(5000))
        return "<no connection>";
    socket.write(bytes);
    QByteArray received;
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    // Event loop, not blocking waits: the server lives in this thread.
    for (int i = 0; i < 40 && disconnected.isEmpty(); ++i) {
        QTest::qWait(50);
        received += socket.readAll();
        if (expectResponses > 0 && received.count("HTTP/1.1 ") >= expectResponses &&
            received.endsWith('}'))
            break;
    }
    received += socket.readAll();
    socket.abort();
    return received;
}

std::pair<int, QJsonObject> TestSandboxRobustness::post(const QByteArray &body)
{
    QUrl url = m_server->baseUrl();
    url.setPath(u"/users/upsert"_s);
    QNetworkRequest request(url);
    request.setRawHeader("X-Api-Key", Key);
    request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = m_network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(15000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return {status, json};
}

void TestSandboxRobustness::verifyStillServing()
{
    if (!m_server)
        return;
    const auto [status, json] = post(ValidUpsert);
    QCOMPARE(status, 201);
    QCOMPARE(json[u"meta"_s][u"status"_s].toInt(), 201);
}

void TestSandboxRobustness::rawGarbage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << QByteArray("GARBAGE\r\n\r\n");
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01", 4).repeated(5000);
    QTest::newRow("no version") << QByteArray("GET /validate\r\n\r\n");
    QTest::newRow("unknown method") << QByteArray("BREW /validate HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::newRow("bad header") << QByteArray("GET /validate HTTP/1.1\r\nno colon here\r\n\r\n");
    QTest::newRow("huge content-length")
        << QByteArray("POST /users/upsert HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      "99999999999999999999999\r\n\r\n{}");
    QTest::newRow("negative content-length")
        << QByteArray("POST /users/upsert HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}");
    QTest::newRow("bad chunk") << QByteArray(
        "POST /track HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "zz\r\nnope\r\n0\r\n\r\n");
    QTest::newRow("long url") << "GET /" + QByteArray(200000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    QTest::newRow("many headers") << "GET /validate HTTP/1.1\r\n" +
                                         QByteArray("X-A: b\r\n").repeated(20000) + "\r\n";
    QTest::newRow("nul in path") << QByteArray("GET /val\0idate HTTP/1.1\r\nHost: x\r\n\r\n", 36);
    QTest::newRow("only newlines") << QByteArray(100000, '\n');
}

void TestSandboxRobustness::rawGarbage()
{
    QFETCH(QByteArray, bytes);
    const QByteArray received = exchange(bytes);
    QVERIFY2(!received.startsWith("HTTP/1.1 2"), received.left(200).constData());
}

void TestSandboxRobustness::hugeBodyIsRefusedEarly()
{
    // Declared and sent: 40 MiB. The sandbox answers 413 and closes long before the end.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    const qint64 size = 40 * 1024 * 1024;
    socket.write("POST /users/upsert HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key +
                 "\r\nContent-Type: application/json\r\nContent-Length: " +
                 QByteArray::number(size) + "\r\n\r\n");
    const QByteArray chunk(256 * 1024, 'a');
    QByteArray received;
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    for (qint64 sent = 0; sent < size && disconnected.isEmpty(); sent += chunk.size()) {
        socket.write(chunk);
        QTest::qWait(1);
        received += socket.readAll();
    }
    for (int i = 0; i < 40 && disconnected.isEmpty() && !received.contains("413"); ++i) {
        QTest::qWait(50);
        received += socket.readAll();
    }
    received += socket.readAll();
    // Either the 413 arrived or the connection was cut; never a success.
    QVERIFY2(received.isEmpty() || received.startsWith("HTTP/1.1 413"),
             received.left(200).constData());
    QVERIFY(!disconnected.isEmpty() || received.startsWith("HTTP/1.1 413"));
    QCOMPARE(m_server->state()->userCount(), 0);
}

void TestSandboxRobustness::wrongMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    for (const char *method : {"PUT", "PATCH", "OPTIONS", "DELETE", "GET"})
        QTest::newRow(method) << QByteArray(method);
}

void TestSandboxRobustness::wrongMethods()
{
    QFETCH(QByteArray, method);
    const QByteArray received =
        exchange(method + " /users/upsert HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key +
                 "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY2(received.startsWith("HTTP/1.1 405"), received.left(200).constData());
    QVERIFY(received.contains("X-RateLimit-Limit: "));
    QVERIFY(received.contains("\"status\":405"));
}

void TestSandboxRobustness::headHasNoBody()
{
    const QByteArray head =
        "HEAD /users/upsert HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key + "\r\n\r\n";
    const QByteArray get = "GET /validate HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key + "\r\n\r\n";
    const QByteArray received = exchange(head + get, 2);
    QVERIFY2(received.startsWith("HTTP/1.1 405"), received.constData());
    // The body-less HEAD answer is followed directly by the GET's answer.
    const qsizetype second = received.indexOf("HTTP/1.1 200 OK");
    QVERIFY2(second > 0, received.constData());
    QVERIFY(received.mid(second - 4, 4) == "\r\n\r\n");
}

void TestSandboxRobustness::expectContinue()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /users/upsert HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key +
                 "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                 "Content-Length: " +
                 QByteArray::number(ValidUpsert.size()) + "\r\n\r\n");
    QByteArray received;
    for (int i = 0; i < 40 && !received.contains("\r\n\r\n"); ++i) {
        QTest::qWait(25);
        received += socket.readAll();
    }
    QCOMPARE(received, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write(ValidUpsert);
    for (int i = 0; i < 40 && !received.endsWith('}'); ++i) {
        QTest::qWait(25);
        received += socket.readAll();
    }
    QVERIFY2(received.contains("HTTP/1.1 201 Created"), received.constData());
}

void TestSandboxRobustness::mutatedJson()
{
    QRandomGenerator random(20240501);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 300; ++i) {
        QByteArray body = ValidUpsert;
        const int edits = 1 + random.bounded(4);
        for (int e = 0; e < edits; ++e) {
            const int at = random.bounded(int(body.size()));
            switch (random.bounded(3)) {
            case 0:
                body[at] = char(random.bounded(256));
                break;
            case 1:
                body.remove(at, 1 + random.bounded(5));
                break;
            default:
                body.insert(at, "{[\",:}]\\"[random.bounded(8)]);
                break;
            }
        }
        const auto [status, json] = post(body);
        QVERIFY2(status == 201 || status == 400, body.constData());
        QCOMPARE(json[u"meta"_s][u"status"_s].toInt(), status);
        if (status == 400) {
            ++refused;
            QVERIFY(json[u"errors"_s].isObject());
        } else {
            ++accepted;
        }
    }
    QVERIFY(refused > 0);
    qInfo("mutated payloads: %d accepted, %d refused", accepted, refused);
}

void TestSandboxRobustness::unicode_data()
{
    QTest::addColumn<QString>("userId");
    QTest::newRow("emoji") << u"user-😀-🚀"_s;
    QTest::newRow("rtl") << u"مستخدم-١"_s;
    QTest::newRow("combining") << u"e\u0301\u0301\u0301"_s;
    QTest::newRow("cjk") << u"用户一"_s;
    QTest::newRow("zero width") << u"a\u200Bb\uFEFF"_s;
}

void TestSandboxRobustness::unicode()
{
    QFETCH(QString, userId);
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"identification"_s, QJsonObject{{u"userId"_s, userId}}},
                                  {u"properties"_s, QJsonObject{{userId, userId}}}})
            .toJson(QJsonDocument::Compact);
    const auto [status, json] = post(body);
    QCOMPARE(status, 201);
    const SandboxEntity *user = m_server->state()->findUser(QJsonObject{{u"userId"_s, userId}});
    QVERIFY(user);
    QCOMPARE(user->properties.value(userId).toString(), userId);
    // Escapes that are legal JSON but odd: NUL and a lone surrogate.
    for (const QByteArray &odd : {QByteArray(R"("a\u0000b")"), QByteArray(R"("\ud800")")}) {
        const auto [oddStatus, oddJson] =
            post(R"({"identification":{"userId":)" + odd + R"(},"properties":{"x":)" + odd + "}}");
        QVERIFY(oddStatus == 201 || oddStatus == 400);
        QCOMPARE(oddJson[u"meta"_s][u"status"_s].toInt(), oddStatus);
    }
}

void TestSandboxRobustness::deepNesting()
{
    for (int depth : {100, 2000, 100000}) {
        const QByteArray body = R"({"identification":{"userId":"u"},"properties":{"x":)" +
                                QByteArray(depth, '[') + QByteArray(depth, ']') + "}}";
        const auto [status, json] = post(body);
        QCOMPARE(status, depth * 2 + 60 > SandboxServer::MaxBodyBytes ? 413 : 400);
        QCOMPARE(json[u"meta"_s][u"status"_s].toInt(), status);
    }
}

void TestSandboxRobustness::manyProperties()
{
    QJsonObject properties;
    for (int i = 0; i < 5000; ++i)
        properties.insert(u"p%1"_s.arg(i), i);
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"identification"_s, QJsonObject{{u"userId"_s, u"many"_s}}},
                                  {u"properties"_s, properties}})
            .toJson(QJsonDocument::Compact);
    const auto [status, json] = post(body);
    QCOMPARE(status, 201);
    QCOMPARE(m_server->state()->findUser(QJsonObject{{u"userId"_s, u"many"_s}})->properties.size(),
             5000);
}

void TestSandboxRobustness::pipelinedRequests()
{
    const QByteArray one = "GET /validate HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key + "\r\n\r\n";
    const QByteArray received = exchange(one.repeated(50), 50);
    QCOMPARE(received.count("HTTP/1.1 200 OK"), 50);
}

void TestSandboxRobustness::clientVanishesMidRequest()
{
    for (int i = 0; i < 20; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /users/upsert HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"id");
        socket.flush();
        QTest::qWait(5);
        socket.abort();
    }
    QTest::qWait(50);
}

void TestSandboxRobustness::clientVanishesWhileDelayed()
{
    SandboxOptions options;
    options.latencyMs = 100;
    m_server->setOptions(options);
    for (int i = 0; i < 10; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /validate HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + Key + "\r\n\r\n");
        socket.flush();
        QTest::qWait(10);
        socket.abort();
    }
    QTest::qWait(300); // the delayed answers fall due after their sockets are gone
    m_server->setOptions({});
}

QTEST_GUILESS_MAIN(TestSandboxRobustness)
#include "tst_sandboxrobustness.moc"
