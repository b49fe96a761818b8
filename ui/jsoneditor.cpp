#include "jsoneditor.h"

#include "fieldmark.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

JsonEditor::JsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_state(new FieldMessage(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *caption = new QLabel(tr("Request body (JSON)"), this);
    FieldMark::label(caption, m_edit);
    layout->addWidget(caption);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(true);
    m_edit->setAccessibleDescription(tr("Exactly the body that Send sends; edits here update "
                                        "the form."));
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_state);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingText)
            Q_EMIT edited();
    });
}

QString JsonEditor::text() const
{
    return m_edit->toPlainText();
}

void JsonEditor::setText(const QString &text)
{
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
    if (parsed.ok) {
        m_state->clearMessage();
        FieldMark::mark(m_edit, MarkSeverity::None);
    } else {
        m_state->showMessage(MarkSeverity::Error, tr("invalid JSON at %1").arg(parsed.error));
        FieldMark::mark(m_edit, MarkSeverity::Error, parsed.error);
    }
}

QString JsonEditor::stateText() const
{
    return m_state->text();
}
