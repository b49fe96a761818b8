#include "api/apiresult.h"
#include "ratelimit/ratelimitmonitor.h"

#include <QSignalSpy>
#include <QtTest>

class TestRateLimitMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unknownUntilFirstHeaders();
    void updatesFromResponsesIncludingErrors();
    void ignoresResponsesWithoutHeaders();
};

static ApiResult response(int status, const QByteArray &limit, const QByteArray &remaining) {
    ApiResult result;
    HeaderList headers;
    if (!limit.isNull())
        headers.append({"X-RateLimit-Limit", limit});
    if (!remaining.isNull())
        headers.append({"x-ratelimit-remaining", remaining});
    result.parseResponse(status, headers, "{}");
    result.receivedAt = QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::utc());
    return result;
}

void TestRateLimitMonitor::unknownUntilFirstHeaders() {
    RateLimitMonitor monitor;
    QVERIFY(!monitor.isKnown());
    QVERIFY(!monitor.limit());
    QVERIFY(!monitor.lastUpdate().isValid());
}

void TestRateLimitMonitor::updatesFromResponsesIncludingErrors() {
    RateLimitMonitor monitor;
    QSignalSpy changed(&monitor, &RateLimitMonitor::changed);
    monitor.update(response(201, "1800", "1799"));
    QCOMPARE(monitor.limit(), std::optional<int>(1800));
    QCOMPARE(monitor.remaining(), std::optional<int>(1799));
    QCOMPARE(monitor.lastUpdate(), QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::utc()));
    monitor.update(response(429, "1800", "0"));
    QCOMPARE(monitor.remaining(), std::optional<int>(0));
    QCOMPARE(changed.size(), 2);
    monitor.reset();
    QVERIFY(!monitor.isKnown());
}

void TestRateLimitMonitor::ignoresResponsesWithoutHeaders() {
    RateLimitMonitor monitor;
    monitor.update(response(201, "100", "50"));
    QSignalSpy changed(&monitor, &RateLimitMonitor::changed);
    monitor.update(response(502, QByteArray(), QByteArray()));
    monitor.update(response(200, "junk", QByteArray()));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(monitor.remaining(), std::optional<int>(50));
}

QTEST_GUILESS_MAIN(TestRateLimitMonitor)
#include "tst_ratelimitmonitor.moc"
