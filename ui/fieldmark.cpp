#include "fieldmark.h"

#include <QEvent>
#include <QGuiApplication>
#include <QStyle>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <cmath>

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

// Sets the style sheet again when the palette changes: a widget with a style sheet takes
// the application's palette (a dark theme arrives that way), not its parent's.
class StyleSheetFollower : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange ||
            event->type() == QEvent::ApplicationPaletteChange) {
            auto *root = static_cast<QWidget *>(watched);
            // Once the new palette has settled on the widget.
            QTimer::singleShot(0, root, [root] {
                const QString sheet = FieldMark::styleSheet(root->palette());
                if (root->styleSheet() != sheet)
                    root->setStyleSheet(sheet);
            });
        }
        return QObject::eventFilter(watched, event);
    }
};

void repolish(QWidget *widget)
{
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}
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
    setProperty(MarkProperty, markName(severity));
    // A word as well as a colour: the sign says which kind of message this is.
    const QString sign = severity == MarkSeverity::Error ? tr("Error:") : tr("Note:");
    setText(severity == MarkSeverity::None ? QString() : sign + u' ' + text);
    setAccessibleDescription(this->text());
    setVisible(severity != MarkSeverity::None);
    repolish(this);
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
        repolish(field);
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

QString styleSheet(const QPalette &palette)
{
    const QString error = errorColour(palette).name();
    const QString warning = warningColour(palette).name();
    return uR"(
QLineEdit[journyMark="error"], QComboBox[journyMark="error"], QPlainTextEdit[journyMark="error"],
QDateTimeEdit[journyMark="error"] { border: 2px solid %1; border-radius: 3px; padding: 1px; }
QLineEdit[journyMark="warning"], QComboBox[journyMark="warning"],
QDateTimeEdit[journyMark="warning"] { border: 2px solid %2; border-radius: 3px; padding: 1px; }
QLabel[journyMark="error"] { color: %1; }
QLabel[journyMark="warning"] { color: %2; }
)"_s.arg(error, warning);
}

QString styleSheet()
{
    return styleSheet(QGuiApplication::palette());
}

void applyStyleSheet(QWidget *root)
{
    root->setStyleSheet(styleSheet(root->palette()));
    root->installEventFilter(new StyleSheetFollower(root));
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
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
