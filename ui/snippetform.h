#pragma once

#include "operationform.h"

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// The tracking snippet for a website: a domain in, code out, with a Copy button.
class SnippetForm : public OperationForm {
    Q_OBJECT
public:
    explicit SnippetForm(const Operation &operation, QWidget *parent = nullptr);

    QLineEdit *domain() const { return m_domain; }
    QPlainTextEdit *code() const { return m_code; }
    QPushButton *copyButton() const { return m_copy; }
    QueryItems query() const override;
    QWidget *firstField() const override;

protected:
    void applyMarks(MarkMap &marks) override;
    void showData(const ApiResult &result) override;

private:
    QLineEdit *m_domain;
    FieldMessage *m_domainMessage;
    QPlainTextEdit *m_code;
    QPushButton *m_copy;
};
