#include "fieldmark.h"

#include <QEvent>
#include <QPainter>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace {
const char *const MarkProperty = "journyMark";
const char *const HintProperty = "journyHint";

QString markName(MarkSeverity severity)
{
    switch (severity) {
    case MarkSeverity::Error:
        return u"error"_s;
    case MarkSeverity::Warning:
        return u"warning"_s;
    case MarkSeverity::None:
        break;
    }
    return {};
}

// WCAG relative luminance and contrast ratio.
double luminance(const QColor &colour)
{
    auto channel = [](float c) {
        return c <= 0.03928f ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
           0.0722 * channel(rgb.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A colour of `hue` that reads on the palette's backgrounds: from a mid lightness, darker
// on a light theme or lighter on a dark one, until the text contrast reaches 4.5:1.
QColor readable(int hue, int saturation, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    const bool dark = luminance(window) < 0.18;
    QColor colour;
    for (int lightness = dark ? 140 : 120; lightness >= 0 && lightness <= 255;
         lightness += dark ? 6 : -6) {
        colour = QColor(QColor::fromHsl(hue, saturation, lightness).rgb()); // 8 bits a channel
        if (contrast(colour, base) >= 4.5 && contrast(colour, window) >= 4.5)
            break;
    }
    return colour;
}

QColor markColour(MarkSeverity severity, const QPalette &palette)
{
    return severity == MarkSeverity::Error ? FieldMark::errorColour(palette)
                                           : FieldMark::warningColour(palette);
}

// The coloured outline of a marked field. It is drawn by a sibling that lies over the
// field, as QFocusFrame does, rather than by a style sheet: a style sheet makes every
// widget under it slower to create and to paint, and stops it following a palette
// (a dark theme) that changes while the console runs.
class MarkOutline : public QWidget {
public:
    explicit MarkOutline(QWidget *field)
        : QWidget(field->parentWidget())
        , m_field(field)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setFocusPolicy(Qt::NoFocus);
        field->installEventFilter(this);
        connect(field, &QObject::destroyed, this, &QObject::deleteLater);
    }

    // The outline of `field`; created when `create` and there is none yet.
    static MarkOutline *of(QWidget *field, bool create)
    {
        if (QWidget *parent = field->parentWidget()) {
            for (QObject *child : parent->children()) {
                auto *outline = dynamic_cast<MarkOutline *>(child);
                if (outline && outline->m_field == field)
                    return outline;
            }
        }
        return create && field->parentWidget() ? new MarkOutline(field) : nullptr;
    }

    void setSeverity(MarkSeverity severity)
    {
        m_severity = severity;
        follow();
        update();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
        case QEvent::Show:
        case QEvent::Hide:
        case QEvent::ZOrderChange:
            follow();
            break;
        case QEvent::ParentChange:
            if (m_field->parentWidget())
                setParent(m_field->parentWidget());
            follow();
            break;
        case QEvent::PaletteChange:
            update();
            break;
        default:
            break;
        }
        return QWidget::eventFilter(watched, event);
    }

    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(markColour(m_severity, m_field->palette()), 2));
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 3, 3);
    }

private:
    void follow()
    {
        const bool shown = m_severity != MarkSeverity::None && !m_field->isHidden() &&
                           parentWidget() == m_field->parentWidget();
        if (shown) {
            setGeometry(m_field->geometry());
            raise();
        }
        setVisible(shown);
    }

    QWidget *m_field;
    MarkSeverity m_severity = MarkSeverity::None;
};

// Keeps a widget's text in a colour taken from its palette, and takes it again whenever
// the palette changes (a theme switched while the console runs).
class TextColourKeeper : public QObject {
public:
    using Colour = std::function<QColor(const QPalette &)>;

    // The keeper of `widget`, created on first use.
    static TextColourKeeper *of(QWidget *widget)
    {
        for (QObject *child : widget->children()) {
            if (auto *keeper = dynamic_cast<TextColourKeeper *>(child))
                return keeper;
        }
        return new TextColourKeeper(widget);
    }

    // An empty `colour`: the widget takes its parent's text colour again.
    void setColour(Colour colour)
    {
        m_colour = std::move(colour);
        apply();
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange ||
            event->type() == QEvent::ApplicationPaletteChange)
            apply();
        return false;
    }

private:
    explicit TextColourKeeper(QWidget *widget)
        : QObject(widget)
        , m_widget(widget)
    {
        widget->installEventFilter(this);
    }

    void apply()
    {
        QPalette palette = m_widget->palette();
        palette.setResolveMask(palette.resolveMask() & ~(quint64(1) << QPalette::WindowText));
        if (m_colour)
            palette.setColor(QPalette::WindowText, m_colour(palette));
        const QPalette current = m_widget->palette();
        if (palette != current || palette.resolveMask() != current.resolveMask())
            m_widget->setPalette(palette);
    }

    QWidget *m_widget;
    Colour m_colour;
};
} // namespace

FieldMessage::FieldMessage(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setVisible(false);
}

void FieldMessage::showMessage(MarkSeverity severity, const QString &text)
{
    if (m_severity == severity && this->text() == text)
        return;
    m_severity = severity;
    FieldMark::colourText(this, severity);
    // A word as well as a colour: the sign says which kind of message this is.
    const QString sign = severity == MarkSeverity::Error ? tr("Error:") : tr("Note:");
    setText(severity == MarkSeverity::None ? QString() : sign + u' ' + text);
    setAccessibleDescription(this->text());
    setVisible(severity != MarkSeverity::None);
}

namespace FieldMark {

void mark(QWidget *field, MarkSeverity severity, const QString &message)
{
    if (!field)
        return;
    if (!field->property(HintProperty).isValid())
        field->setProperty(HintProperty, field->accessibleDescription());
    const QString hint = field->property(HintProperty).toString();
    const QString name = markName(severity);
    if (field->property(MarkProperty).toString() != name) {
        field->setProperty(MarkProperty, name);
        if (MarkOutline *outline = MarkOutline::of(field, severity != MarkSeverity::None))
            outline->setSeverity(severity);
    }
    field->setAccessibleDescription(severity == MarkSeverity::None || message.isEmpty() ? hint
                                                                                        : message);
}

MarkSeverity severity(const QWidget *field)
{
    const QString name = field->property(MarkProperty).toString();
    if (name == u"error"_s)
        return MarkSeverity::Error;
    if (name == u"warning"_s)
        return MarkSeverity::Warning;
    return MarkSeverity::None;
}

QWidget *outline(QWidget *field)
{
    return MarkOutline::of(field, false);
}

MarkSeverity stronger(MarkSeverity a, MarkSeverity b)
{
    if (a == MarkSeverity::Error || b == MarkSeverity::Error)
        return MarkSeverity::Error;
    if (a == MarkSeverity::Warning || b == MarkSeverity::Warning)
        return MarkSeverity::Warning;
    return MarkSeverity::None;
}

QColor errorColour(const QPalette &palette)
{
    return readable(0, 200, palette);
}

QColor warningColour(const QPalette &palette)
{
    return readable(36, 255, palette);
}

void colourText(QWidget *widget, MarkSeverity severity)
{
    TextColourKeeper::Colour colour;
    if (severity != MarkSeverity::None)
        colour = [severity](const QPalette &palette) { return markColour(severity, palette); };
    TextColourKeeper::of(widget)->setColour(std::move(colour));
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    TextColourKeeper::of(label)->setColour(
        [](const QPalette &palette) { return palette.color(QPalette::PlaceholderText); });
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

void label(QLabel *caption, QWidget *field)
{
    caption->setBuddy(field);
    QString name = caption->text();
    name.remove(u'&');
    if (name.endsWith(u':'))
        name.chop(1);
    field->setAccessibleName(name);
}

} // namespace FieldMark
