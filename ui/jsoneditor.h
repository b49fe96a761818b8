#pragma once

#include "fieldmark.h"

#include <QJsonDocument>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

// The request body as text. Invalid JSON is reported with its line and column; the text is
// never touched. The text field itself is made when the editor is first shown (or asked
// for): most people never open the JSON tab of most forms.
class JsonEditor : public QWidget {
    Q_OBJECT
public:
    explicit JsonEditor(QWidget *parent = nullptr);

    QString text() const;
    // Replaces the text without emitting edited().
    void setText(const QString &text);
    QPlainTextEdit *textEdit();

    struct Parsed {
        QJsonDocument document;
        bool ok = false;
        int line = 0;
        int column = 0;
        QString error; // "line 3, column 7: unterminated string"
    };
    static Parsed parse(const QString &text);
    // Shows the state of the current text: "Valid JSON" or where it is wrong.
    void showState(const Parsed &parsed);
    QString stateText() const;

Q_SIGNALS:
    void edited();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QLabel *m_caption;
    FieldMessage *m_state;
    QPlainTextEdit *m_edit = nullptr;
    QString m_text; // until there is an m_edit
    Mark m_mark;    // the text's mark, for an m_edit made later
    bool m_settingText = false;
};
