#pragma once

#include "ratelimit/ratelimithistory.h"

#include <QAbstractButton>
#include <QDateTime>
#include <QPointer>

class QTimer;

// The status bar's rate-limit gauge: remaining / limit from the latest X-RateLimit headers,
// a bar filled and coloured by headroom with the headroom in words ("plenty", "low",
// "exhausted", "unknown" until the first response). Between responses it shows the
// prediction of RateLimitHistory (marked "≈") and when the server was last heard from; it
// repaints by itself when the prediction changes. Clicking it opens the history chart.
class RateLimitGauge : public QAbstractButton {
    Q_OBJECT
public:
    explicit RateLimitGauge(RateLimitHistory *history, QWidget *parent = nullptr);

    RateLimitHistory *history() const { return m_history; }
    // What the gauge shows, for tests and screen readers.
    QString valueText() const { return m_value; }       // "12/30", "≈14/30" or "unknown"
    QString headroomText() const { return m_headroom; } // "plenty", "low", ...
    QString heardText() const { return m_heard; }       // "heard 12:04:31" or empty
    QString fullText() const;
    RateLimitHistory::Headroom headroom() const { return m_state; }
    bool isPrediction() const { return m_prediction; }
    // The fill (0..1) of the bar.
    double fill() const { return m_fill; }
    // When the gauge will update by itself next (invalid: only on the next response).
    QDateTime scheduledUpdate() const { return m_scheduled; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

public Q_SLOTS:
    // Reads the history again (the prediction timer and the history's changes call it).
    void refresh();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor toneColour() const;

    QPointer<RateLimitHistory> m_history;
    QTimer *m_timer;
    QString m_value;
    QString m_headroom;
    QString m_heard;
    RateLimitHistory::Headroom m_state = RateLimitHistory::Headroom::Unknown;
    bool m_prediction = false;
    double m_fill = 0;
    QDateTime m_scheduled;
};
