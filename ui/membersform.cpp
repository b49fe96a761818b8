#include "membersform.h"

#include "identificationeditor.h"
#include "memberseditor.h"

#include <QGroupBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MembersForm::MembersForm(const Operation &operation, QWidget *parent)
    : OperationForm(operation, parent)
{
    m_account = new IdentificationEditor(IdentificationEditor::Kind::Account, u"account"_s,
                                         tr("Account"), formPage());
    formLayout()->addWidget(m_account);
    const bool add = operation.id == u"addUserToAccount"_s;
    auto *group = new QGroupBox(add ? tr("Users to add") : tr("Users to remove"), formPage());
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(FieldMark::hint(
        add ? tr("Up to %1 users per request. Paste a list: one user ID or email per line, "
                 "or CSV with userId and email columns.")
                  .arg(MembersEditor::MaxUsers)
            : tr("Up to %1 users per request. Removed users stay in journy.io, marked as "
                 "removed from the account.")
                  .arg(MembersEditor::MaxUsers),
        group));
    m_members = new MembersEditor(group);
    layout->addWidget(m_members);
    formLayout()->addWidget(group);
    m_members->addRow();
    connect(m_account, &IdentificationEditor::changed, this, &MembersForm::formChanged);
    connect(m_members, &MembersEditor::changed, this, &MembersForm::formChanged);
    finishSetup();
}

QWidget *MembersForm::firstField() const
{
    return m_account->idEdit();
}

QJsonObject MembersForm::formBody() const
{
    return {{u"account"_s, m_account->toJson()}, {u"users"_s, m_members->toJson()}};
}

void MembersForm::setFormBody(const QJsonObject &body)
{
    m_account->setJson(body.value(u"account"_s).toObject());
    m_members->setJson(body.value(u"users"_s).toArray());
}

MarkMap MembersForm::localProblems(const QJsonObject &body) const
{
    MarkMap problems = m_members->localProblems();
    const qsizetype users = body.value(u"users"_s).toArray().size();
    if (users > MembersEditor::MaxUsers)
        problems.insert(
            u"users"_s,
            {MarkSeverity::Error,
             tr("%1 users: a request takes at most %2").arg(users).arg(MembersEditor::MaxUsers)});
    return problems;
}

void MembersForm::applyMarks(MarkMap &marks)
{
    m_account->applyMarks(marks);
    m_members->applyMarks(marks);
}
