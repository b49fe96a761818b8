#include "ratelimitbanner.h"

#include "tonecolours.h"

#include "ratelimit/ratelimithistory.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

RateLimitBanner::RateLimitBanner(RateLimitHistory *history, QWidget *parent)
    : QFrame(parent)
    , m_history(history)
    , m_label(new QLabel(this))
    , m_dismiss(new QToolButton(this))
    , m_tick(new QTimer(this))
{
    setObjectName(u"rateLimitBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    // One line that never widens the window; the whole sentence is also in the tooltip.
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAccessibleDescription(tr("Rate limit warning"));
    layout->addWidget(m_label, 1);
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
    m_dismiss->setToolTip(tr("Hide this banner until the next 429"));
    layout->addWidget(m_dismiss);
    connect(m_dismiss, &QToolButton::clicked, this, [this] {
        if (m_history)
            m_dismissedFor = m_history->expectedClearAt();
        refresh();
    });
    m_tick->setInterval(1000); // the countdown
    connect(m_tick, &QTimer::timeout, this, &RateLimitBanner::refresh);
    if (history)
        connect(history, &RateLimitHistory::changed, this, &RateLimitBanner::refresh);
    QFont bold = m_label->font();
    bold.setBold(true);
    m_label->setFont(bold);
    refresh();
}

QString RateLimitBanner::text() const
{
    return m_label->text();
}

void RateLimitBanner::refresh()
{
    const bool throttled = m_history && m_history->isThrottled();
    const QDateTime clearAt = throttled ? m_history->expectedClearAt() : QDateTime();
    const bool show = throttled && !(m_dismissedFor.isValid() && m_dismissedFor == clearAt);
    if (show) {
        const qint64 seconds =
            std::max<qint64>(0, (m_history->now().msecsTo(clearAt) + 999) / 1000);
        const QString when = clearAt.toLocalTime().toString(u"HH:mm:ss"_s);
        const QString in = seconds == 1 ? tr("in 1 second") : tr("in %1 seconds").arg(seconds);
        m_label->setText(tr("Rate limit reached (429 Too Many Requests): requests with this "
                            "key are expected to get through again at %1 (%2).")
                             .arg(when, in));
        m_label->setToolTip(m_label->text() +
                            tr(" This app predicts it from its own requests; other clients "
                               "using the same key can push it back."));
        if (!m_tick->isActive())
            m_tick->start();
    } else {
        m_label->clear();
        m_tick->stop();
    }
    if (show != m_showing) {
        m_showing = show;
        Q_EMIT showingChanged(show);
    }
}

void RateLimitBanner::paintEvent(QPaintEvent *event)
{
    // Drawn from the current palette each time, so a theme change is followed.
    QPainter painter(this);
    const QColor error = ToneColours::error(palette());
    painter.fillRect(rect(), ToneColours::tint(error, palette(), 0.28));
    painter.fillRect(QRect(0, 0, 5, height()), error);
    painter.end();
    QFrame::paintEvent(event);
}
