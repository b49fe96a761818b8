#pragma once

#include "operationform.h"

class IdentificationEditor;
class MembersEditor;

// Add users to an account, or remove them from it.
class MembersForm : public OperationForm {
    Q_OBJECT
public:
    explicit MembersForm(const Operation &operation, QWidget *parent = nullptr);

    IdentificationEditor *account() const { return m_account; }
    MembersEditor *members() const { return m_members; }
    QWidget *firstField() const override;

protected:
    QJsonObject formBody() const override;
    void setFormBody(const QJsonObject &body) override;
    MarkMap localProblems(const QJsonObject &body) const override;
    void applyMarks(MarkMap &marks) override;

private:
    IdentificationEditor *m_account;
    MembersEditor *m_members;
};
