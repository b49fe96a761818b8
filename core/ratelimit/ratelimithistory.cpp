#include "ratelimithistory.h"

#include "api/apireply.h"
#include "api/apiresult.h"
#include "api/journyclient.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
qint64 windowMs()
{
    return RateLimitHistory::Window.count();
}
} // namespace

RateLimitHistory::RateLimitHistory(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void RateLimitHistory::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime RateLimitHistory::now() const
{
    return m_clock();
}

void RateLimitHistory::attach(JournyClient *client)
{
    connect(client, &JournyClient::requestStarted, this, [this](ApiReply *reply) {
        const quint64 id = recordSent(now());
        connect(reply, &ApiReply::finished, this,
                [this, id](const ApiResult &result) { recordResult(id, result); });
    });
}

quint64 RateLimitHistory::recordSent(const QDateTime &at)
{
    const quint64 id = m_nextId++;
    m_sent.push_back({id, at, Outcome::Pending});
    prune();
    Q_EMIT changed();
    return id;
}

void RateLimitHistory::recordResponse(quint64 id, int status, std::optional<int> limit,
                                      std::optional<int> remaining, const QDateTime &at)
{
    for (Sent &sent : m_sent) {
        if (sent.id == id)
            sent.outcome = status == 429 ? Outcome::Refused : Outcome::Counted;
    }
    if (status == 429)
        m_throttled.push_back(at);
    if (limit && remaining) {
        m_reports.push_back({at, status, *limit, *remaining});
    } else if (remaining && !m_reports.empty()) {
        m_reports.push_back({at, status, m_reports.back().limit, *remaining});
    } else if (status == 429 && !m_reports.empty()) {
        // A 429 without headers still means nothing is left.
        m_reports.push_back({at, status, m_reports.back().limit, 0});
    }
    prune();
    Q_EMIT changed();
}

void RateLimitHistory::recordResult(quint64 id, const ApiResult &result)
{
    recordResponse(id, result.status, result.rateLimitLimit, result.rateLimitRemaining, now());
}

void RateLimitHistory::reset()
{
    m_sent.clear();
    m_reports.clear();
    m_throttled.clear();
    Q_EMIT changed();
}

void RateLimitHistory::prune()
{
    const QDateTime horizon =
        now().addMSecs(-std::max<qint64>(windowMs(), qint64(ChartMinutes + 1) * 60 * 1000));
    while (!m_sent.empty() && m_sent.front().at < horizon &&
           m_sent.front().outcome != Outcome::Pending)
        m_sent.pop_front();
    // The last report stays: predictions start from it however old it is.
    while (m_reports.size() > 1 && m_reports.front().at < horizon)
        m_reports.pop_front();
    while (!m_throttled.empty() && m_throttled.front() < horizon)
        m_throttled.pop_front();
}

std::optional<RateLimitHistory::Report> RateLimitHistory::lastReport() const
{
    if (m_reports.empty())
        return std::nullopt;
    return m_reports.back();
}

std::optional<int> RateLimitHistory::limit() const
{
    return m_reports.empty() ? std::nullopt : std::optional<int>(m_reports.back().limit);
}

std::optional<int> RateLimitHistory::reportedRemaining() const
{
    return m_reports.empty() ? std::nullopt : std::optional<int>(m_reports.back().remaining);
}

QDateTime RateLimitHistory::lastHeard() const
{
    return m_reports.empty() ? QDateTime() : m_reports.back().at;
}

// +1 for each of this app's requests counted in the report that has left the window by
// `at`; -1 for each sent after the report that is still in it.
int RateLimitHistory::leftSince(const Report &report, const QDateTime &at) const
{
    const QDateTime windowStart = report.at.addMSecs(-windowMs());
    int delta = 0;
    for (const Sent &sent : m_sent) {
        if (sent.outcome == Outcome::Refused)
            continue;
        const bool gone = sent.at.addMSecs(windowMs()) <= at;
        if (sent.at <= report.at) {
            if (sent.at > windowStart && gone)
                ++delta;
        } else if (!gone) {
            --delta;
        }
    }
    return delta;
}

std::optional<int> RateLimitHistory::predictedRemaining() const
{
    return predictedRemaining(now());
}

std::optional<int> RateLimitHistory::predictedRemaining(const QDateTime &at) const
{
    if (m_reports.empty())
        return std::nullopt;
    const Report &report = m_reports.back();
    const QDateTime when = std::max(at, report.at);
    return std::clamp(report.remaining + leftSince(report, when), 0, std::max(report.limit, 0));
}

QDateTime RateLimitHistory::nextPredictionChange() const
{
    if (m_reports.empty())
        return {};
    const Report &report = m_reports.back();
    const QDateTime current = std::max(now(), report.at);
    const QDateTime windowStart = report.at.addMSecs(-windowMs());
    QDateTime next;
    for (const Sent &sent : m_sent) {
        if (sent.outcome == Outcome::Refused || sent.at <= windowStart)
            continue;
        const QDateTime leaves = sent.at.addMSecs(windowMs());
        if (leaves > current && (!next.isValid() || leaves < next))
            next = leaves;
    }
    return next;
}

QDateTime RateLimitHistory::expectedClearAt() const
{
    if (m_reports.empty() || m_reports.back().remaining > 0)
        return {};
    const Report &report = m_reports.back();
    const QDateTime windowStart = report.at.addMSecs(-windowMs());
    QDateTime oldest;
    for (const Sent &sent : m_sent) {
        if (sent.outcome == Outcome::Refused || sent.at <= windowStart || sent.at > report.at)
            continue;
        if (!oldest.isValid() || sent.at < oldest)
            oldest = sent.at;
    }
    return oldest.isValid() ? oldest.addMSecs(windowMs()) : report.at.addMSecs(windowMs());
}

bool RateLimitHistory::isThrottled() const
{
    if (m_reports.empty() || m_reports.back().status != 429)
        return false;
    return now() < expectedClearAt();
}

RateLimitHistory::Headroom RateLimitHistory::headroom() const
{
    return headroom(now());
}

RateLimitHistory::Headroom RateLimitHistory::headroom(const QDateTime &at) const
{
    const std::optional<int> remaining = predictedRemaining(at);
    if (!remaining)
        return Headroom::Unknown;
    if (*remaining <= 0)
        return Headroom::Exhausted;
    const int lowMark = std::max(1, int(m_reports.back().limit * m_lowFraction));
    return *remaining <= lowMark ? Headroom::Low : Headroom::Plenty;
}

QString RateLimitHistory::headroomName(Headroom headroom)
{
    switch (headroom) {
    case Headroom::Unknown:
        return QCoreApplication::translate("RateLimitHistory", "unknown");
    case Headroom::Plenty:
        return QCoreApplication::translate("RateLimitHistory", "plenty");
    case Headroom::Low:
        return QCoreApplication::translate("RateLimitHistory", "low");
    case Headroom::Exhausted:
        return QCoreApplication::translate("RateLimitHistory", "exhausted");
    }
    return {};
}

QList<RateLimitHistory::Minute> RateLimitHistory::minutes() const
{
    const qint64 minuteMs = 60 * 1000;
    const QDateTime current = now().toUTC();
    const qint64 currentStart = current.toMSecsSinceEpoch() -
                                (current.toMSecsSinceEpoch() % minuteMs + minuteMs) % minuteMs;
    QList<Minute> result;
    for (int i = ChartMinutes - 1; i >= 0; --i) {
        Minute minute;
        minute.start =
            QDateTime::fromMSecsSinceEpoch(currentStart - i * minuteMs, QTimeZone::utc());
        result.append(minute);
    }
    const qint64 first = currentStart - (ChartMinutes - 1) * minuteMs;
    auto bucket = [&](const QDateTime &at) -> Minute * {
        const qint64 ms = at.toMSecsSinceEpoch();
        if (ms < first || ms >= currentStart + minuteMs)
            return nullptr;
        return &result[int((ms - first) / minuteMs)];
    };
    for (const Sent &sent : m_sent) {
        if (Minute *minute = bucket(sent.at))
            ++minute->sent;
    }
    for (const QDateTime &at : m_throttled) {
        if (Minute *minute = bucket(at))
            ++minute->throttled;
    }
    for (const Report &report : m_reports) {
        if (Minute *minute = bucket(report.at)) {
            minute->lowestRemaining = minute->lowestRemaining
                                          ? std::min(*minute->lowestRemaining, report.remaining)
                                          : report.remaining;
            minute->lastRemaining = report.remaining;
        }
    }
    return result;
}

QList<RateLimitHistory::Report> RateLimitHistory::reports() const
{
    const QDateTime since = now().addSecs(-qint64(ChartMinutes) * 60);
    QList<Report> result;
    for (const Report &report : m_reports) {
        if (report.at >= since)
            result.append(report);
    }
    return result;
}
