#include "ratelimit/ratelimithistory.h"

#include "api/journyclient.h"
#include "sandboxoptions.h"
#include "sandboxserver.h"

#include <QSignalSpy>
#include <QTimeZone>
#include <QtTest>

using namespace Qt::StringLiterals;
using Headroom = RateLimitHistory::Headroom;

// The gauge's model, driven by real responses of an in-process journy-sandbox with a small
// rate limit; the sandbox and the history share one hand-moved clock.
class TestRateLimitHistory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void unknownUntilFirstResponse();
    void predictionFollowsTheSandbox();
    void throttledClearsWhenOwnRequestLeaves();
    void otherClientsAreInvisible();
    void clearWithoutOwnRequestsTakesAWindow();
    void minutesForTheChart();
    void attachFollowsTheClient();

private:
    QDateTime at(qint64 seconds, qint64 ms = 0) const
    {
        return QDateTime::fromMSecsSinceEpoch(m_start + seconds * 1000 + ms, QTimeZone::utc());
    }
    void moveTo(qint64 seconds, qint64 ms = 0) { m_now = m_start + seconds * 1000 + ms; }
    ApiResult validate(JournyClient &client);

    qint64 m_start = 0;
    qint64 m_now = 0;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<JournyClient> m_client;
    std::unique_ptr<RateLimitHistory> m_history;
    QString m_key;
};

void TestRateLimitHistory::init()
{
    // 10:00:30 UTC: the first minute of the chart is a partial one.
    m_start = QDateTime(QDate(2024, 5, 1), QTime(10, 0, 30), QTimeZone::utc()).toMSecsSinceEpoch();
    m_now = m_start;
    SandboxOptions options;
    options.rateLimitPerMinute = 3;
    m_sandbox = std::make_unique<SandboxServer>(options);
    m_sandbox->setClock([this] { return m_now; });
    QVERIFY(m_sandbox->listen());
    m_key = m_sandbox->createDefaultKey();
    m_client = std::make_unique<JournyClient>();
    m_client->setBaseUrl(m_sandbox->baseUrl());
    m_client->setApiKey(m_key);
    m_history = std::make_unique<RateLimitHistory>();
    m_history->setClock([this] { return QDateTime::fromMSecsSinceEpoch(m_now, QTimeZone::utc()); });
    m_history->attach(m_client.get());
}

void TestRateLimitHistory::cleanup()
{
    m_history.reset();
    m_client.reset();
    m_sandbox.reset();
}

ApiResult TestRateLimitHistory::validate(JournyClient &client)
{
    ApiReply *reply = client.getValidity();
    QSignalSpy finished(reply, &ApiReply::finished);
    if (!finished.wait(10000))
        return {};
    return finished.at(0).at(0).value<ApiResult>();
}

void TestRateLimitHistory::unknownUntilFirstResponse()
{
    QCOMPARE(m_history->headroom(), Headroom::Unknown);
    QVERIFY(!m_history->predictedRemaining());
    QVERIFY(!m_history->lastHeard().isValid());
    QVERIFY(!m_history->expectedClearAt().isValid());
    QCOMPARE(RateLimitHistory::headroomName(Headroom::Unknown), u"unknown"_s);
}

void TestRateLimitHistory::predictionFollowsTheSandbox()
{
    QSignalSpy changed(m_history.get(), &RateLimitHistory::changed);
    QCOMPARE(validate(*m_client).status, 200);
    QVERIFY(changed.count() >= 2); // sent, answered
    QCOMPARE(m_history->limit(), 3);
    QCOMPARE(m_history->reportedRemaining(), 2);
    QCOMPARE(m_history->predictedRemaining(), 2);
    QCOMPARE(m_history->lastHeard(), at(0));
    QCOMPARE(m_history->headroom(), Headroom::Plenty);

    moveTo(10);
    QCOMPARE(validate(*m_client).rateLimitRemaining, 1);
    QCOMPARE(m_history->headroom(), Headroom::Low);
    moveTo(20);
    QCOMPARE(validate(*m_client).rateLimitRemaining, 0);
    QCOMPARE(m_history->headroom(), Headroom::Exhausted);
    QCOMPARE(m_history->expectedClearAt(), at(60));
    QVERIFY(!m_history->isThrottled()); // the last answer was a success

    // Between responses: the requests of 0 s, 10 s and 20 s leave the window one by one.
    QCOMPARE(m_history->predictedRemaining(at(59, 999)), 0);
    QCOMPARE(m_history->nextPredictionChange(), at(60));
    QCOMPARE(m_history->predictedRemaining(at(60)), 1);
    QCOMPARE(m_history->predictedRemaining(at(70)), 2);
    QCOMPARE(m_history->predictedRemaining(at(80)), 3);
    QCOMPARE(m_history->predictedRemaining(at(500)), 3); // capped at the limit
    QCOMPARE(m_history->headroom(at(80)), Headroom::Plenty);

    // The sandbox agrees with each prediction: the next answer is one less.
    for (const int second : {60, 75, 130}) {
        moveTo(second);
        const std::optional<int> predicted = m_history->predictedRemaining();
        QVERIFY(predicted && *predicted > 0);
        const ApiResult result = validate(*m_client);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.rateLimitRemaining, *predicted - 1);
        QCOMPARE(m_history->lastHeard(), at(second));
    }
}

void TestRateLimitHistory::throttledClearsWhenOwnRequestLeaves()
{
    for (const int second : {0, 10, 20}) {
        moveTo(second);
        QCOMPARE(validate(*m_client).status, 200);
    }
    moveTo(30);
    const ApiResult refused = validate(*m_client);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.rateLimitRemaining, 0);
    QVERIFY(m_history->isThrottled());
    QCOMPARE(m_history->expectedClearAt(), at(60)); // the request of 0 s leaves then
    QCOMPARE(m_history->headroom(), Headroom::Exhausted);

    // A 429 takes no slot: a retry just before the expected time is refused, one at it passes.
    moveTo(59, 999);
    QCOMPARE(validate(*m_client).status, 429);
    QCOMPARE(m_history->expectedClearAt(), at(60));
    QCOMPARE(m_history->predictedRemaining(at(60)), 1);
    moveTo(60);
    QVERIFY(!m_history->isThrottled());
    QCOMPARE(validate(*m_client).status, 200);
    QCOMPARE(m_history->reportedRemaining(), 0);
    QCOMPARE(m_history->expectedClearAt(), at(70)); // now the request of 10 s is the oldest

    const QList<RateLimitHistory::Minute> minutes = m_history->minutes();
    QCOMPARE(minutes.size(), RateLimitHistory::ChartMinutes);
    // Sent at 10:00:30, :40, :50 (minute 10:00), 10:01:00 (429), 10:01:29.999 (429), 10:01:30.
    QCOMPARE(minutes.last().start, QDateTime(QDate(2024, 5, 1), QTime(10, 1), QTimeZone::utc()));
    QCOMPARE(minutes.at(8).sent, 3);
    QCOMPARE(minutes.at(8).throttled, 0);
    QCOMPARE(minutes.at(9).sent, 3);
    QCOMPARE(minutes.at(9).throttled, 2);
    QCOMPARE(minutes.at(7).sent, 0);
    QCOMPARE(minutes.at(8).lowestRemaining, 0);
    QCOMPARE(minutes.at(8).lastRemaining, 0);
}

void TestRateLimitHistory::otherClientsAreInvisible()
{
    QCOMPARE(validate(*m_client).rateLimitRemaining, 2);
    // Another client with the same key, which this history does not follow.
    JournyClient other;
    other.setBaseUrl(m_sandbox->baseUrl());
    other.setApiKey(m_key);
    moveTo(5);
    QCOMPARE(validate(other).rateLimitRemaining, 1);
    QCOMPARE(m_history->predictedRemaining(), 2); // too optimistic, as documented
    moveTo(10);
    QCOMPARE(validate(*m_client).rateLimitRemaining, 0); // the next answer corrects it
    QCOMPARE(m_history->predictedRemaining(), 0);
    // Only this app's requests are known to leave: at 60 s one slot, the other client's
    // request of 5 s is not seen leaving until the server says so.
    QCOMPARE(m_history->predictedRemaining(at(60)), 1);
    QCOMPARE(m_history->predictedRemaining(at(70)), 2);
    moveTo(70);
    QCOMPARE(validate(*m_client).rateLimitRemaining, 2); // truth: all three left, one used
}

void TestRateLimitHistory::clearWithoutOwnRequestsTakesAWindow()
{
    RateLimitHistory history;
    QDateTime now = at(0);
    history.setClock([&now] { return now; });
    // A 429 for this app's first request: the window is full of other clients' requests.
    const quint64 id = history.recordSent(now);
    history.recordResponse(id, 429, 1800, 0, now);
    QVERIFY(history.isThrottled());
    QCOMPARE(history.expectedClearAt(), at(60));
    QCOMPARE(history.predictedRemaining(at(120)), 0); // nothing of ours will leave
    QVERIFY(!history.nextPredictionChange().isValid());
    now = at(60);
    QVERIFY(!history.isThrottled());
}

void TestRateLimitHistory::minutesForTheChart()
{
    RateLimitHistory history;
    QDateTime now = at(0);
    history.setClock([&now] { return now; });
    // One request every 30 s for 15 minutes; every fourth is refused.
    for (int i = 0; i < 30; ++i) {
        now = at(i * 30);
        const quint64 id = history.recordSent(now);
        const bool refused = i % 4 == 3;
        history.recordResponse(id, refused ? 429 : 201, 1800, refused ? 0 : 1800 - i, now);
    }
    const QList<RateLimitHistory::Minute> minutes = history.minutes();
    QCOMPARE(minutes.size(), 10);
    // now = 10:00:30 + 870 s = 10:15:00; the chart runs from 10:06 to 10:15.
    QCOMPARE(minutes.first().start, QDateTime(QDate(2024, 5, 1), QTime(10, 6), QTimeZone::utc()));
    QCOMPARE(minutes.last().start, QDateTime(QDate(2024, 5, 1), QTime(10, 15), QTimeZone::utc()));
    QCOMPARE(minutes.last().sent, 1);
    int sent = 0;
    int throttled = 0;
    for (const RateLimitHistory::Minute &minute : minutes) {
        sent += minute.sent;
        throttled += minute.throttled;
    }
    QCOMPARE(sent, 19);     // i = 11 (10:06:00) .. 29 (10:15:00)
    QCOMPARE(throttled, 5); // i = 11, 15, 19, 23, 27
    QCOMPARE(minutes.at(0).lowestRemaining, 0);
    QCOMPARE(minutes.at(1).lowestRemaining, 1800 - 14); // 10:07:00 (i=13), 10:07:30 (i=14)
    QCOMPARE(minutes.at(1).lastRemaining, 1800 - 14);
    const QList<RateLimitHistory::Report> reports = history.reports();
    QCOMPARE(reports.first().at, at(270)); // 10:05:00, ten minutes back
    QCOMPARE(reports.last().at, now);
}

void TestRateLimitHistory::attachFollowsTheClient()
{
    // A request refused before sending (plain http to a remote host) is not counted.
    JournyClient client;
    RateLimitHistory history;
    history.attach(&client);
    client.setBaseUrl(QUrl(u"http://example.com"_s));
    ApiReply *reply = client.getValidity();
    QSignalSpy finished(reply, &ApiReply::finished);
    QVERIFY(finished.wait(5000));
    QVERIFY(history.minutes().last().sent == 0);
    QCOMPARE(history.headroom(), Headroom::Unknown);
}

QTEST_GUILESS_MAIN(TestRateLimitHistory)
#include "tst_ratelimithistory.moc"
