#include "identityform.h"

#include "identificationeditor.h"
#include "propertyeditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

IdentityForm::IdentityForm(const Operation &operation, QWidget *parent)
    : OperationForm(operation, parent)
{
    const bool user = operation.tag == u"Users"_s;
    if (operation.id == u"link"_s) {
        auto *group = new QGroupBox(tr("Device"), formPage());
        auto *form = new QFormLayout(group);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->addRow(FieldMark::hint(tr("The value of the __journey cookie that the journy.io "
                                        "snippet sets in the browser; call this after login."),
                                     group));
        auto *label = new QLabel(tr("Device ID"), group);
        m_deviceId = new QLineEdit(group);
        m_deviceId->setPlaceholderText(tr("value of the __journey cookie"));
        m_deviceIdMessage = new FieldMessage(group);
        FieldMark::label(label, m_deviceId);
        form->addRow(label, m_deviceId);
        form->addRow(QString(), m_deviceIdMessage);
        formLayout()->addWidget(group);
        connect(m_deviceId, &QLineEdit::textChanged, this, &IdentityForm::formChanged);
    }
    m_identification = new IdentificationEditor(
        user ? IdentificationEditor::Kind::User : IdentificationEditor::Kind::Account,
        u"identification"_s, user ? tr("User") : tr("Account"), formPage());
    formLayout()->addWidget(m_identification);
    connect(m_identification, &IdentificationEditor::changed, this, &IdentityForm::formChanged);

    if (operation.id == u"upsertUser"_s || operation.id == u"upsertAccount"_s) {
        auto *group = new QGroupBox(tr("Properties"), formPage());
        auto *layout = new QVBoxLayout(group);
        layout->addWidget(FieldMark::hint(
            tr("Set a property to a value, or choose the type “delete” to remove it. "
               "Names you leave out are not changed."),
            group));
        m_properties = new PropertyEditor(PropertyEditor::Mode::Properties, u"properties"_s, group);
        layout->addWidget(m_properties);
        formLayout()->addWidget(group);
        m_properties->addRow();
        connect(m_properties, &PropertyEditor::changed, this, &IdentityForm::formChanged);
    }
    finishSetup();
}

QWidget *IdentityForm::firstField() const
{
    return m_deviceId ? static_cast<QWidget *>(m_deviceId)
                      : static_cast<QWidget *>(m_identification->idEdit());
}

QString IdentityForm::confirmation() const
{
    if (!operation().isDelete())
        return {};
    const bool user = m_identification->kind() == IdentificationEditor::Kind::User;
    const QString who = m_identification->describe();
    if (who.isEmpty())
        return user ? tr("Delete a user that the request does not identify?")
                    : tr("Delete an account that the request does not identify?");
    return user ? tr("Delete the user with %1? journy.io deletes the user and their data.").arg(who)
                : tr("Delete the account with %1? journy.io deletes the account and its data.")
                      .arg(who);
}

QJsonObject IdentityForm::formBody() const
{
    QJsonObject body;
    if (m_deviceId && !m_deviceId->text().isEmpty())
        body.insert(u"deviceId"_s, m_deviceId->text());
    body.insert(u"identification"_s, m_identification->toJson());
    if (m_properties) {
        const QJsonObject properties = m_properties->toJson();
        if (!properties.isEmpty())
            body.insert(u"properties"_s, properties);
    }
    return body;
}

void IdentityForm::setFormBody(const QJsonObject &body)
{
    if (m_deviceId) {
        const QSignalBlocker block(m_deviceId);
        m_deviceId->setText(body.value(u"deviceId"_s).toString());
    }
    m_identification->setJson(body.value(u"identification"_s).toObject());
    if (m_properties)
        m_properties->setJson(body.value(u"properties"_s).toObject());
}

MarkMap IdentityForm::localProblems(const QJsonObject &) const
{
    return m_properties ? m_properties->localProblems() : MarkMap();
}

void IdentityForm::applyMarks(MarkMap &marks)
{
    if (m_deviceId) {
        const Mark mark = marks.take(u"deviceId"_s);
        m_deviceIdMessage->showMessage(mark.severity, mark.message);
        FieldMark::mark(m_deviceId, mark.severity, mark.message);
    }
    m_identification->applyMarks(marks);
    if (m_properties)
        m_properties->applyMarks(marks);
}

QString IdentityForm::rejectedPrefix() const
{
    return m_properties ? u"properties"_s : QString();
}
