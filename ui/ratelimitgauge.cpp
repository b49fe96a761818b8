#include "ratelimitgauge.h"

#include "tonecolours.h"

#include <QPainter>
#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using Headroom = RateLimitHistory::Headroom;

namespace {
constexpr int BarWidth = 72;
constexpr int Gap = 6;
} // namespace

RateLimitGauge::RateLimitGauge(RateLimitHistory *history, QWidget *parent)
    : QAbstractButton(parent)
    , m_history(history)
    , m_timer(new QTimer(this))
{
    setObjectName(u"rateLimitGauge"_s);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Rate limit"));
    setToolTip(tr("Requests left in journy.io's sliding 60-second window for this key. Click "
                  "for the last 10 minutes."));
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RateLimitGauge::refresh);
    if (history)
        connect(history, &RateLimitHistory::changed, this, &RateLimitGauge::refresh);
    refresh();
}

QString RateLimitGauge::fullText() const
{
    QString text = m_state == Headroom::Unknown ? tr("Rate limit %1").arg(m_value)
                                                : tr("Rate limit %1 %2").arg(m_value, m_headroom);
    if (!m_heard.isEmpty())
        text += u" · "_s + m_heard;
    return text;
}

void RateLimitGauge::refresh()
{
    m_timer->stop();
    m_scheduled = {};
    const std::optional<int> limit = m_history ? m_history->limit() : std::nullopt;
    const std::optional<int> predicted = m_history ? m_history->predictedRemaining() : std::nullopt;
    m_state = m_history ? m_history->headroom() : Headroom::Unknown;
    m_headroom = RateLimitHistory::headroomName(m_state);
    if (!limit || !predicted) {
        m_value = tr("unknown");
        m_heard.clear();
        m_prediction = false;
        m_fill = 0;
    } else {
        const int remaining = predicted.value_or(0);
        const int total = limit.value_or(0);
        const std::optional<int> reported = m_history->reportedRemaining();
        m_prediction = !reported || *reported != remaining;
        m_value = (m_prediction ? u"≈"_s : QString()) + u"%1/%2"_s.arg(remaining).arg(total);
        m_fill = total > 0 ? std::clamp(double(remaining) / total, 0.0, 1.0) : 0.0;
        const QDateTime heard = m_history->lastHeard().toLocalTime();
        m_heard = tr("heard %1").arg(heard.toString(u"HH:mm:ss"_s));
        const QDateTime next = m_history->nextPredictionChange();
        if (next.isValid()) {
            m_scheduled = next;
            const qint64 ms = std::max<qint64>(0, m_history->now().msecsTo(next));
            m_timer->start(int(std::min<qint64>(ms + 1, 24 * 3600 * 1000)));
        }
    }
    setAccessibleDescription(fullText() + (m_prediction
                                               ? tr(" (predicted from this app's requests since)")
                                               : QString()));
    setToolTip(m_prediction ? tr("Predicted from the requests this app sent since the server "
                                 "last answered; other clients with the same key are not "
                                 "seen. Click for the last 10 minutes.")
                            : tr("Requests left in journy.io's sliding 60-second window for "
                                 "this key. Click for the last 10 minutes."));
    updateGeometry();
    update();
}

QColor RateLimitGauge::toneColour() const
{
    switch (m_state) {
    case Headroom::Plenty:
        return ToneColours::success(palette());
    case Headroom::Low:
        return ToneColours::warning(palette());
    case Headroom::Exhausted:
        return ToneColours::error(palette());
    case Headroom::Unknown:
        break;
    }
    return ToneColours::neutral(palette());
}

QSize RateLimitGauge::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const QString caption = tr("Rate limit");
    // Room for the widest value of this limit, so the gauge does not jump while counting.
    const int width = metrics.horizontalAdvance(caption) + Gap + BarWidth + Gap +
                      metrics.horizontalAdvance(m_value + u"8 "_s) +
                      metrics.horizontalAdvance(tr("exhausted")) + Gap +
                      metrics.horizontalAdvance(m_heard) + 8;
    return {width, metrics.height() + 6};
}

void RateLimitGauge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette palette = this->palette();
    const QFontMetrics metrics = fontMetrics();
    const QRect area = rect().adjusted(2, 0, -2, 0);
    int x = area.left();
    const int baseline = area.center().y() + (metrics.ascent() - metrics.descent()) / 2;

    painter.setPen(palette.color(QPalette::WindowText));
    const QString caption = tr("Rate limit");
    painter.drawText(x, baseline, caption);
    x += metrics.horizontalAdvance(caption) + Gap;

    const int barHeight = std::max(8, metrics.height() / 2);
    const QRectF bar(x + 0.5, area.center().y() - barHeight / 2.0 + 0.5, BarWidth, barHeight);
    painter.setPen(QPen(palette.color(QPalette::Mid), 1));
    painter.setBrush(palette.color(QPalette::Base));
    painter.drawRoundedRect(bar, 2, 2);
    const QColor tone = toneColour();
    if (m_fill > 0) {
        QRectF filled = bar.adjusted(1, 1, -1, -1);
        filled.setWidth(filled.width() * m_fill);
        painter.setPen(Qt::NoPen);
        painter.setBrush(tone);
        painter.drawRect(filled);
    }
    x += BarWidth + Gap + 2;

    painter.setPen(palette.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(x, baseline, m_value);
    x += QFontMetrics(bold).horizontalAdvance(m_value) + Gap;
    painter.setFont(font());
    if (m_state != Headroom::Unknown) {
        painter.setPen(tone);
        painter.drawText(x, baseline, m_headroom);
        x += metrics.horizontalAdvance(m_headroom) + Gap;
    }
    if (!m_heard.isEmpty()) {
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(x, baseline, m_heard);
    }
    if (hasFocus()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.backgroundColor = palette.color(QPalette::Window);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &painter, this);
    }
}
