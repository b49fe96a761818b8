#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

struct ApiResult;
class ApiReply;
class JournyClient;

// What this app knows about its key's rate limit, for the status-bar gauge, its chart and
// the 429 banner: the requests it sent, the X-RateLimit-* headers of the responses, the
// 429s, and a prediction between responses.
//
// journy.io counts every request of a key in a sliding 60-second window. The prediction
// sees only the requests of THIS app: requests sent with the same key by other clients
// (other machines, scripts, journyctl) are invisible to it, so it can be too optimistic
// until the next response tells the truth. A request refused with 429 does not take a slot.
class RateLimitHistory : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;
    enum class Headroom { Unknown, Plenty, Low, Exhausted };
    Q_ENUM(Headroom)

    static constexpr std::chrono::milliseconds Window{60 * 1000};
    static constexpr int ChartMinutes = 10;

    struct Report {
        QDateTime at;
        int status = 0;
        int limit = 0;
        int remaining = 0;
    };
    // One minute of the chart; `start` is on a whole minute of the clock.
    struct Minute {
        QDateTime start;
        int sent = 0;                       // requests this app sent
        int throttled = 0;                  // 429 answers received
        std::optional<int> lowestRemaining; // lowest X-RateLimit-Remaining heard in it
        std::optional<int> lastRemaining;   // the last one heard in it
    };

    explicit RateLimitHistory(QObject *parent = nullptr);

    // Time comes from here (default: the system clock, UTC); tests inject their own.
    void setClock(Clock clock);
    QDateTime now() const;
    // Below this share of the limit the headroom is Low (default 0.1).
    void setLowFraction(double fraction) { m_lowFraction = fraction; }

    // Follows a client: requestStarted() records a send, each reply's result a response.
    // The client is not changed; detach by destroying either object.
    void attach(JournyClient *client);

    // The same by hand (attach() uses these). recordSent() returns an id for recordResponse().
    quint64 recordSent(const QDateTime &at);
    // status 0: no response (timeout, connection lost); the request may still have counted.
    void recordResponse(quint64 id, int status, std::optional<int> limit,
                        std::optional<int> remaining, const QDateTime &at);
    void recordResult(quint64 id, const ApiResult &result);
    void reset();

    // As the server last said (responses without the headers do not count).
    std::optional<Report> lastReport() const;
    std::optional<int> limit() const;
    std::optional<int> reportedRemaining() const;
    QDateTime lastHeard() const; // invalid until the first response with the headers

    // The remaining count now (or at `at`), predicted from the last report: plus this app's
    // requests that were in the window then and have left it since, minus this app's
    // requests sent after the report that are still in the window; between 0 and the limit.
    std::optional<int> predictedRemaining() const;
    std::optional<int> predictedRemaining(const QDateTime &at) const;
    // When the prediction next changes by itself (one of this app's requests leaves the
    // window); invalid when nothing is pending.
    QDateTime nextPredictionChange() const;

    // After a 429 (or a report of 0 remaining): when a request is expected to get through
    // again, i.e. when the oldest of this app's counted requests leaves the window, or, if
    // none of them is in it (other clients used it up), one window after the report. Invalid
    // when the last report left room. Other clients' later requests can push it back.
    QDateTime expectedClearAt() const;
    bool isThrottled() const; // the last report was a 429 and it has not cleared yet

    Headroom headroom() const;
    Headroom headroom(const QDateTime &at) const;
    static QString headroomName(Headroom headroom); // "plenty", "low", ... (translated)

    // The last ChartMinutes minutes, oldest first, the current (partial) minute last.
    QList<Minute> minutes() const;
    // Every report of the chart period, oldest first (remaining over time).
    QList<Report> reports() const;

Q_SIGNALS:
    void changed();

private:
    enum class Outcome { Pending, Counted, Refused };
    struct Sent {
        quint64 id = 0;
        QDateTime at;
        Outcome outcome = Outcome::Pending;
    };
    void prune();
    int leftSince(const Report &report, const QDateTime &at) const;

    Clock m_clock;
    double m_lowFraction = 0.1;
    quint64 m_nextId = 1;
    std::deque<Sent> m_sent;
    std::deque<Report> m_reports;      // with headers, for the chart
    std::deque<QDateTime> m_throttled; // 429 arrivals
};
