#include "ratewindow.h"

#include <algorithm>

std::deque<qint64> &RateWindow::prune(const QString &key, qint64 nowMs)
{
    std::deque<qint64> &window = m_windows[key];
    while (!window.empty() && window.front() <= nowMs - WindowMs)
        window.pop_front();
    return window;
}

RateWindow::Result RateWindow::acquire(const QString &key, int limit, qint64 nowMs)
{
    std::deque<qint64> &window = prune(key, nowMs);
    const int used = int(window.size());
    if (used >= limit)
        return {false, 0};
    window.push_back(nowMs);
    return {true, std::max(0, limit - used - 1)};
}

int RateWindow::remaining(const QString &key, int limit, qint64 nowMs)
{
    return std::max(0, limit - int(prune(key, nowMs).size()));
}
