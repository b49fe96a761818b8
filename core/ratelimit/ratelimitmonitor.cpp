#include "ratelimitmonitor.h"

#include "api/apiresult.h"

RateLimitMonitor::RateLimitMonitor(QObject *parent)
    : QObject(parent) {}

void RateLimitMonitor::update(const ApiResult &result) {
    if (!result.rateLimitLimit && !result.rateLimitRemaining)
        return;
    m_limit = result.rateLimitLimit ? result.rateLimitLimit : m_limit;
    m_remaining = result.rateLimitRemaining ? result.rateLimitRemaining : m_remaining;
    m_lastUpdate =
        result.receivedAt.isValid() ? result.receivedAt : QDateTime::currentDateTimeUtc();
    Q_EMIT changed();
}

void RateLimitMonitor::update(int limit, int remaining, const QDateTime &when) {
    m_limit = limit;
    m_remaining = remaining;
    m_lastUpdate = when;
    Q_EMIT changed();
}

void RateLimitMonitor::reset() {
    m_limit.reset();
    m_remaining.reset();
    m_lastUpdate = {};
    Q_EMIT changed();
}
