#pragma once

#include <QDateTime>
#include <QFrame>
#include <QPointer>

class QLabel;
class QTimer;
class QToolButton;
class RateLimitHistory;

// A full-width banner shown while the key is throttled (the last answer was 429): what
// happened and when requests are expected to get through again, counting down; it hides
// itself when that time has passed or the next answer succeeds. Its container shows and hides
// it on showingChanged() (in a tool bar, a widget's own setVisible() is not respected).
class RateLimitBanner : public QFrame {
    Q_OBJECT
public:
    explicit RateLimitBanner(RateLimitHistory *history, QWidget *parent = nullptr);

    QString text() const;
    // True while the history says the key is throttled and the user has not dismissed it.
    bool isShowing() const { return m_showing; }
    QToolButton *dismissButton() const { return m_dismiss; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void showingChanged(bool showing);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QPointer<RateLimitHistory> m_history;
    QLabel *m_label;
    QToolButton *m_dismiss;
    QTimer *m_tick;
    QDateTime m_dismissedFor; // the clear time the user dismissed the banner for
    bool m_showing = false;
};
