#pragma once

#include <QJsonDocument>
#include <QWidget>

class FieldMessage;
class QPlainTextEdit;

// The request body as text. Invalid JSON is reported with its line and column; the text is
// never touched.
class JsonEditor : public QWidget {
    Q_OBJECT
public:
    explicit JsonEditor(QWidget *parent = nullptr);

    QString text() const;
    // Replaces the text without emitting edited().
    void setText(const QString &text);
    QPlainTextEdit *textEdit() const { return m_edit; }

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

private:
    QPlainTextEdit *m_edit;
    FieldMessage *m_state;
    bool m_settingText = false;
};
