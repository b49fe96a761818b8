#include "fieldmark.h"

#include <QStyle>

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

QString styleSheet()
{
    return uR"(
QLineEdit[journyMark="error"], QComboBox[journyMark="error"], QPlainTextEdit[journyMark="error"],
QDateTimeEdit[journyMark="error"] { border: 2px solid #d32f2f; border-radius: 3px; padding: 1px; }
QLineEdit[journyMark="warning"], QComboBox[journyMark="warning"],
QDateTimeEdit[journyMark="warning"] { border: 2px solid #ef8f00; border-radius: 3px; padding: 1px; }
FieldMessage[journyMark="error"] { color: #d32f2f; }
FieldMessage[journyMark="warning"] { color: #b86e00; }
)"_s;
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
