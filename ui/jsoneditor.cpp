#include "jsoneditor.h"

#include "fieldmark.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

JsonEditor::JsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(tr("Request body (JSON)"), this))
    , m_state(new FieldMessage(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_state); // the text field goes between them
}

QPlainTextEdit *JsonEditor::textEdit()
{
    if (m_edit)
        return m_edit;
    m_edit = new QPlainTextEdit(this);
    FieldMark::label(m_caption, m_edit);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(true);
    m_edit->setAccessibleDescription(tr("Exactly the body that Send sends; edits here update "
                                        "the form."));
    m_edit->setPlainText(std::exchange(m_text, QString()));
    FieldMark::mark(m_edit, m_mark.severity, m_mark.message);
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, m_edit, 1);
    if (isVisible())
        m_edit->show(); // now, not one event later: made in showEvent(), after the children
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingText)
            Q_EMIT edited();
    });
    return m_edit;
}

void JsonEditor::showEvent(QShowEvent *event)
{
    textEdit();
    QWidget::showEvent(event);
}

QString JsonEditor::text() const
{
    return m_edit ? m_edit->toPlainText() : m_text;
}

void JsonEditor::setText(const QString &text)
{
    if (!m_edit) {
        m_text = text;
        return;
    }
    if (text == m_edit->toPlainText())
        return;
    m_settingText = true;
    m_edit->setPlainText(text);
    m_settingText = false;
}

JsonEditor::Parsed JsonEditor::parse(const QString &text)
{
    Parsed parsed;
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    parsed.document = QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError) {
        parsed.ok = true;
        return parsed;
    }
    const QByteArray before = utf8.left(error.offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    parsed.line = int(before.count('\n')) + 1;
    parsed.column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    parsed.error =
        tr("line %1, column %2: %3").arg(parsed.line).arg(parsed.column).arg(error.errorString());
    return parsed;
}

void JsonEditor::showState(const Parsed &parsed)
{
    m_mark = parsed.ok ? Mark() : Mark{MarkSeverity::Error, parsed.error};
    if (parsed.ok)
        m_state->clearMessage();
    else
        m_state->showMessage(MarkSeverity::Error, tr("invalid JSON at %1").arg(parsed.error));
    FieldMark::mark(m_edit, m_mark.severity, m_mark.message); // nothing while there is none
}

QString JsonEditor::stateText() const
{
    return m_state->text();
}
