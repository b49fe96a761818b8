#pragma once

#include <QDateTime>
#include <QObject>

#include <optional>

struct ApiResult;

// The key's rate limit as last reported by the server (X-RateLimit-Limit/Remaining).
class RateLimitMonitor : public QObject {
    Q_OBJECT
public:
    explicit RateLimitMonitor(QObject *parent = nullptr);

    std::optional<int> limit() const { return m_limit; }
    std::optional<int> remaining() const { return m_remaining; }
    QDateTime lastUpdate() const { return m_lastUpdate; }
    bool isKnown() const { return m_limit.has_value() && m_remaining.has_value(); }

    // Takes the headers of any response, errors included; ignores results without them.
    void update(const ApiResult &result);
    void update(int limit, int remaining, const QDateTime &when);
    void reset();

Q_SIGNALS:
    void changed();

private:
    std::optional<int> m_limit;
    std::optional<int> m_remaining;
    QDateTime m_lastUpdate;
};
