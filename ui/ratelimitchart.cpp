#include "ratelimitchart.h"

#include "tonecolours.h"

#include "ratelimit/ratelimithistory.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

using namespace Qt::StringLiterals;

RateLimitChart::RateLimitChart(RateLimitHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
{
    setObjectName(u"rateLimitChart"_s);
    setAccessibleName(tr("Rate limit, last 10 minutes"));
    setFocusPolicy(Qt::TabFocus);
    if (history)
        connect(history, &RateLimitHistory::changed, this, &RateLimitChart::refresh);
    refresh();
}

QString RateLimitChart::summary() const
{
    if (!m_history)
        return {};
    int sent = 0;
    int throttled = 0;
    std::optional<int> lowest;
    for (const RateLimitHistory::Minute &minute : m_history->minutes()) {
        sent += minute.sent;
        throttled += minute.throttled;
        if (minute.lowestRemaining)
            lowest = std::min(lowest.value_or(*minute.lowestRemaining), *minute.lowestRemaining);
    }
    const QString sentText = sent == 1 ? tr("1 request sent") : tr("%1 requests sent").arg(sent);
    const QString throttledText =
        throttled == 1 ? tr("1 answered 429") : tr("%1 answered 429").arg(throttled);
    QString text = tr("Last 10 minutes: %1, %2").arg(sentText, throttledText);
    if (lowest && m_history->limit())
        text += tr("; lowest remaining %1 of %2").arg(*lowest).arg(*m_history->limit());
    else
        text += tr("; no rate-limit headers heard yet");
    return text + u'.';
}

void RateLimitChart::refresh()
{
    setAccessibleDescription(summary());
    setToolTip(summary());
    update();
}

void RateLimitChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        update();
    QWidget::changeEvent(event);
}

void RateLimitChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette palette = this->palette();
    const QFontMetrics metrics = fontMetrics();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor dim = palette.color(QPalette::PlaceholderText);
    const QColor grid = palette.color(QPalette::Mid);
    const QColor sentColour = palette.color(QPalette::Highlight);
    const QColor throttledColour = ToneColours::error(palette);
    const QColor remainingColour = ToneColours::success(palette);

    painter.fillRect(rect(), palette.color(QPalette::Base));
    if (!m_history)
        return;
    const QList<RateLimitHistory::Minute> minutes = m_history->minutes();
    if (minutes.isEmpty())
        return;

    // Legend: every series is named, so colour is not the only signal.
    int x = 8;
    const int legendY = 6 + metrics.ascent();
    auto legend = [&](const QColor &colour, const QString &label, bool line) {
        const int swatch = metrics.height() - 4;
        const QRectF box(x, legendY - metrics.ascent() + 2, swatch, swatch);
        if (line) {
            painter.setPen(QPen(colour, 2));
            painter.drawLine(QPointF(box.left(), box.center().y()),
                             QPointF(box.right(), box.center().y()));
        } else {
            painter.fillRect(box, colour);
        }
        x += swatch + 4;
        painter.setPen(text);
        painter.drawText(x, legendY, label);
        x += metrics.horizontalAdvance(label) + 14;
    };
    legend(sentColour, tr("sent per minute"), false);
    legend(throttledColour, tr("429 per minute"), false);
    legend(remainingColour, tr("remaining"), true);

    const std::optional<int> limit = m_history->limit();
    int maxCount = 1;
    for (const RateLimitHistory::Minute &minute : minutes)
        maxCount = std::max({maxCount, minute.sent, minute.throttled});
    const QString maxLabel = QString::number(maxCount);
    const QString limitLabel = limit ? QString::number(*limit) : QString();
    const int left = 10 + metrics.horizontalAdvance(maxLabel);
    const int right = width() - 10 - std::max(metrics.horizontalAdvance(limitLabel), 8);
    const int top = legendY + metrics.descent() + 10;
    const int bottom = height() - metrics.height() - 8;
    if (right - left < 50 || bottom - top < 30)
        return;
    const QRectF plot(left, top, right - left, bottom - top);

    // Axes and grid.
    painter.setPen(QPen(grid, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.setPen(QPen(grid, 1, Qt::DotLine));
    painter.drawLine(plot.topLeft(), plot.topRight());
    painter.setPen(dim);
    painter.drawText(QRectF(0, plot.top() - metrics.height() / 2.0, left - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, maxLabel);
    painter.drawText(QRectF(0, plot.bottom() - metrics.height() / 2.0, left - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, u"0"_s);
    if (limit) {
        painter.setPen(remainingColour);
        painter.drawText(QRectF(right + 4, plot.top() - metrics.height() / 2.0, width() - right,
                                metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, limitLabel);
    }

    // Bars: per minute, sent on the left half of the slot, 429s on the right half.
    const qsizetype slotCount = minutes.size();
    const double slot = plot.width() / double(slotCount);
    const double barWidth = std::max(2.0, slot * 0.36);
    for (qsizetype i = 0; i < slotCount; ++i) {
        const RateLimitHistory::Minute &minute = minutes.at(i);
        const double slotLeft = plot.left() + i * slot;
        const double centre = slotLeft + slot / 2;
        auto bar = [&](int count, double from, const QColor &colour) {
            if (count <= 0)
                return;
            const double h = plot.height() * count / double(maxCount);
            painter.fillRect(QRectF(from, plot.bottom() - h, barWidth, h), colour);
        };
        bar(minute.sent, centre - barWidth - 1, sentColour);
        bar(minute.throttled, centre + 1, throttledColour);
        if (i % 2 == (slotCount - 1) % 2) { // every other minute, the current one included
            painter.setPen(dim);
            const QString label = minute.start.toLocalTime().toString(u"HH:mm"_s);
            painter.drawText(
                QRectF(slotLeft - slot / 2, plot.bottom() + 2, slot * 2, metrics.height()),
                Qt::AlignHCenter | Qt::AlignTop, label);
        }
    }

    // Remaining over time, as reported; scaled to the limit.
    const QList<RateLimitHistory::Report> reports = m_history->reports();
    if (limit && *limit > 0 && !reports.isEmpty()) {
        const QDateTime start = minutes.first().start;
        const double span = double(start.msecsTo(minutes.last().start) + 60 * 1000);
        QPainterPath path;
        bool first = true;
        QList<QPointF> points;
        for (const RateLimitHistory::Report &report : reports) {
            const double fx = std::clamp(start.msecsTo(report.at) / span, 0.0, 1.0);
            const double fy = std::clamp(report.remaining / double(*limit), 0.0, 1.0);
            const QPointF point(plot.left() + fx * plot.width(),
                                plot.bottom() - fy * plot.height());
            if (first) {
                path.moveTo(point);
            } else { // a step: the count holds until the next report
                path.lineTo(QPointF(point.x(), path.currentPosition().y()));
                path.lineTo(point);
            }
            first = false;
            points << point;
        }
        painter.setPen(QPen(remainingColour, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        painter.setBrush(remainingColour);
        for (const QPointF &point : points)
            painter.drawEllipse(point, 2.5, 2.5);
    }
}
