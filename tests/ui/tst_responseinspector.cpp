#include "api/journyclient.h"
#include "httpfixture.h"
#include "responseinspector.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::StringLiterals;

// The answer panel, fed with real answers from a loopback server through JournyClient.
class TestResponseInspector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void detailsAreMadeWithTheFirstRequest();
    void success();
    void explainsJournyStatuses_data();
    void explainsJournyStatuses();
    void transportError();
    void nonJsonBody();
    void requestAsSentHasKeyRedacted();
    void unmatchedFieldErrors();
    void copyRequestId();

private:
    ApiResult send(const QString &operationId, const QJsonObject &body = {});
    std::unique_ptr<HttpFixture> m_server;
    ResponseInspector m_inspector;
};

static const QString Key = u"inspector-key-5566778899"_s;

void TestResponseInspector::init()
{
    m_server = std::make_unique<HttpFixture>();
    m_inspector.clear();
}

ApiResult TestResponseInspector::send(const QString &operationId, const QJsonObject &body)
{
    JournyClient client;
    client.setBaseUrl(m_server->baseUrl());
    client.setApiKey(Key);
    ApiReply *reply = client.send(operationId, body);
    QSignalSpy finished(reply, &ApiReply::finished);
    finished.wait(10000);
    const ApiResult result = finished.value(0).value(0).value<ApiResult>();
    m_inspector.showResult(result);
    return result;
}

void TestResponseInspector::detailsAreMadeWithTheFirstRequest()
{
    ResponseInspector fresh;
    fresh.showHint(u"Not connected yet"_s);
    QVERIFY(!fresh.findChild<QTabWidget *>());
    QVERIFY(!fresh.bodyTree());
    QVERIFY(fresh.rawBodyText().isEmpty());
    SentRequest request;
    request.method = "GET";
    request.url = QUrl(u"http://127.0.0.1:1/validate"_s);
    fresh.showSending(request);
    QVERIFY(fresh.findChild<QTabWidget *>());
    QVERIFY(fresh.requestText().startsWith(u"GET http://127.0.0.1:1/validate"_s));
    fresh.clear();
    QVERIFY(fresh.requestText().isEmpty());
    QCOMPARE(fresh.findChildren<QTabWidget *>().size(), 1); // made once
}

void TestResponseInspector::success()
{
    m_server->answerJson(
        200,
        R"({"meta":{"requestId":"rq-1","status":200},"data":[{"id":"e1","name":"signed_in"}]})");
    send(u"getEvents"_s);
    QVERIFY2(m_inspector.statusText().contains(u"200 OK"_s), qPrintable(m_inspector.statusText()));
    QVERIFY(m_inspector.statusText().contains(u"success"_s)); // a word, not only a colour
    QVERIFY(m_inspector.statusText().contains(u" ms"_s));
    QCOMPARE(m_inspector.requestIdText(), u"rq-1"_s);
    QVERIFY(m_inspector.explanationText().isEmpty());
    const QList<QTreeWidgetItem *> found =
        m_inspector.bodyTree()->findItems(u"name"_s, Qt::MatchRecursive | Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first()->text(1), u"\"signed_in\""_s);
    QVERIFY(m_inspector.rawBodyText().contains(u"\"signed_in\""_s));
}

void TestResponseInspector::explainsJournyStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("operationId");
    QTest::addColumn<QString>("needle");
    QTest::newRow("401 names the permission")
        << 401 << u"upsertUser"_s << u"TrackData permission"_s;
    QTest::newRow("401 on validate") << 401 << u"getValidity"_s << u"unknown"_s;
    QTest::newRow("403 disabled") << 403 << u"getEvents"_s << u"disabled"_s;
    QTest::newRow("429 rate limit")
        << 429 << u"getEvents"_s << u"1800 requests within the last 60 seconds"_s;
}

void TestResponseInspector::explainsJournyStatuses()
{
    QFETCH(int, status);
    QFETCH(QString, operationId);
    QFETCH(QString, needle);
    m_server->answerJson(status, R"({"meta":{"requestId":"x","status":0},"message":"nope"})", 1800,
                         0);
    send(operationId, QJsonObject{{u"identification"_s, QJsonObject{{u"userId"_s, u"1"_s}}}});
    QVERIFY2(m_inspector.explanationText().contains(needle),
             qPrintable(m_inspector.explanationText()));
    QVERIFY(m_inspector.statusText().contains(QString::number(status)));
    QVERIFY(m_inspector.statusText().contains(u"client error"_s));
    // When the key is the problem, the profile dialog is a click (or Tab and Enter) away.
    QLabel *link = m_inspector.profilesLink();
    const bool keyProblem = status == 401 || status == 403;
    QCOMPARE(link && !link->isHidden(), keyProblem);
    if (keyProblem) {
        QSignalSpy requested(&m_inspector, &ResponseInspector::profilesRequested);
        QMetaObject::invokeMethod(link, "linkActivated", Q_ARG(QString, u"profiles"_s));
        QCOMPARE(requested.size(), 1);
        QVERIFY(link->text().contains(u"Open Profiles"_s));
    }
}

void TestResponseInspector::transportError()
{
    HttpFixture::Answer silent;
    silent.silent = true;
    m_server->setAnswer(silent);
    JournyClient client;
    client.setBaseUrl(m_server->baseUrl());
    client.setTimeout(std::chrono::milliseconds(200));
    ApiReply *reply = client.getValidity();
    QSignalSpy finished(reply, &ApiReply::finished);
    QVERIFY(finished.wait(5000));
    m_inspector.showResult(finished.first().first().value<ApiResult>());
    QCOMPARE(m_inspector.statusText(), u"No answer"_s);
    QVERIFY(m_inspector.findChildren<QLabel *>().size() > 0);
    bool mentioned = false;
    for (QLabel *label : m_inspector.findChildren<QLabel *>())
        mentioned = mentioned || label->text().contains(u"did not answer"_s);
    QVERIFY(mentioned);
}

void TestResponseInspector::nonJsonBody()
{
    m_server->answer(502, "upstream exploded", {{"Content-Type", "text/plain"}});
    send(u"getEvents"_s);
    QCOMPARE(m_inspector.rawBodyText(), u"upstream exploded"_s);
    QVERIFY(m_inspector.statusText().contains(u"server error"_s));
}

void TestResponseInspector::requestAsSentHasKeyRedacted()
{
    m_server->answerJson(201, R"({"meta":{"requestId":"x","status":201},"message":"ok"})");
    send(u"deleteUser"_s,
         QJsonObject{{u"identification"_s, QJsonObject{{u"email"_s, u"a@b.co"_s}}}});
    const QString request = m_inspector.requestText();
    QVERIFY(request.startsWith(u"DELETE http://127.0.0.1:"_s));
    QVERIFY(request.contains(u"/users"_s));
    QVERIFY(request.contains(u"X-Api-Key: "_s));
    QVERIFY(request.contains(u"a@b.co"_s));
    QVERIFY(!request.contains(Key));
}

void TestResponseInspector::unmatchedFieldErrors()
{
    auto *list = m_inspector.findChild<QListWidget *>();
    QVERIFY(list);
    m_inspector.setUnmatchedFieldErrors({{u"foo.bar"_s, u"is odd"_s}});
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), u"foo.bar: is odd"_s);
    QVERIFY(!list->isHidden());
    m_inspector.setUnmatchedFieldErrors({});
    QVERIFY(list->isHidden());
}

void TestResponseInspector::copyRequestId()
{
    m_server->answerJson(201, R"({"meta":{"requestId":"copy-me-42","status":201},"message":"ok"})");
    send(u"getValidity"_s);
    QToolButton *copy = nullptr;
    for (QToolButton *button : m_inspector.findChildren<QToolButton *>()) {
        if (button->accessibleName() == u"Copy request ID"_s)
            copy = button;
    }
    QVERIFY(copy);
    QVERIFY(copy->isEnabled());
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), u"copy-me-42"_s);
}

QTEST_MAIN(TestResponseInspector)
#include "tst_responseinspector.moc"
