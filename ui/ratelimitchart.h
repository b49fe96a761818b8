#pragma once

#include <QPointer>
#include <QWidget>

class RateLimitHistory;

// The last 10 minutes of the rate limit, drawn with QPainter: bars of the requests this app
// sent per minute, bars of the 429 answers, and the remaining count the server reported as a
// line against the limit. Colours come from the palette (light and dark themes); a legend
// names each series and summary() says the same in words for screen readers.
class RateLimitChart : public QWidget {
    Q_OBJECT
public:
    explicit RateLimitChart(RateLimitHistory *history, QWidget *parent = nullptr);

    // "Last 10 minutes: 12 requests sent, 1 answered 429; lowest remaining 0 of 3."
    QString summary() const;

    QSize sizeHint() const override { return {460, 220}; }
    QSize minimumSizeHint() const override { return {300, 170}; }

public Q_SLOTS:
    void refresh();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QPointer<RateLimitHistory> m_history;
};
