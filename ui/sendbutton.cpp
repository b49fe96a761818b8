#include "sendbutton.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QPainter>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {
constexpr int SpinnerStepMs = 80;
constexpr int SpinnerStepDegrees = 30;
} // namespace

SendButton::SendButton(QAction *send, QWidget *parent)
    : QWidget(parent)
    , m_button(new QToolButton(this))
    , m_timer(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_button->setDefaultAction(send);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_button->setAutoRaise(true);
    m_button->setAccessibleName(tr("Send"));
    layout->addWidget(m_button);
    setAccessibleName(tr("Send"));
    m_timer->setInterval(SpinnerStepMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + SpinnerStepDegrees) % 360;
        setAccessibleDescription(busyText());
        update();
    });
}

void SendButton::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    m_button->setVisible(!busy);
    if (busy) {
        m_elapsed.start();
        m_angle = 0;
        m_timer->start();
        setAccessibleDescription(busyText());
    } else {
        m_timer->stop();
        setAccessibleDescription({});
    }
    update();
}

QString SendButton::busyText() const
{
    if (!m_busy)
        return {};
    return tr("Sending… %1 s").arg(double(m_elapsed.elapsed()) / 1000.0, 0, 'f', 1);
}

QSize SendButton::sizeHint() const
{
    // As wide as the wider of the two faces, so the toolbar does not jump when it turns.
    const QSize button = m_button->sizeHint();
    const int spinner = fontMetrics().height();
    const int text = fontMetrics().horizontalAdvance(tr("Sending… %1 s").arg(u"88.8"_s));
    return {std::max(button.width(), spinner + 6 + text + 8), button.height()};
}

void SendButton::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateGeometry();
}

void SendButton::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (!m_busy)
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int size = fontMetrics().height() - 2;
    const QRectF spinner(4, (height() - size) / 2.0, size, size);
    // The palette's own colours: they read on light and dark themes alike.
    QPen track(palette().color(QPalette::Mid), 2);
    painter.setPen(track);
    painter.drawEllipse(spinner.adjusted(1, 1, -1, -1));
    QPen arc(palette().color(QPalette::Highlight), 2.5);
    arc.setCapStyle(Qt::RoundCap);
    painter.setPen(arc);
    painter.drawArc(spinner.adjusted(1, 1, -1, -1), -m_angle * 16, 100 * 16);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRectF(spinner.right() + 6, 0, width() - spinner.right() - 6, height()),
                     Qt::AlignVCenter | Qt::AlignLeft, busyText());
}
