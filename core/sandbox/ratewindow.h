#pragma once

#include <QHash>
#include <QString>

#include <deque>

// A sliding 60-second window per API key: a request is allowed when fewer than `limit`
// requests of that key were allowed in the 60 seconds before it. Time is passed in, so
// tests can drive it.
class RateWindow {
public:
    static constexpr qint64 WindowMs = 60 * 1000;

    struct Result {
        bool allowed = false;
        int remaining = 0; // what is left in the window after this request
    };

    // Counts the request when it is allowed; a refused request does not take a slot.
    Result acquire(const QString &key, int limit, qint64 nowMs);
    // What is left for `key` at `nowMs`, without counting anything.
    int remaining(const QString &key, int limit, qint64 nowMs);
    void clear() { m_windows.clear(); }

private:
    std::deque<qint64> &prune(const QString &key, qint64 nowMs);
    QHash<QString, std::deque<qint64>> m_windows;
};
