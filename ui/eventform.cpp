#include "eventform.h"

#include "datetimeeditor.h"
#include "identificationeditor.h"
#include "propertyeditor.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

EventForm::EventForm(const Operation &operation, QWidget *parent)
    : OperationForm(operation, parent)
{
    auto *eventGroup = new QGroupBox(tr("Event"), formPage());
    auto *form = new QFormLayout(eventGroup);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *nameLabel = new QLabel(tr("Event name"), eventGroup);
    m_name = new QLineEdit(eventGroup);
    m_name->setPlaceholderText(tr("past tense, e.g. signed_in, created_invoice"));
    m_name->setToolTip(tr("journy.io recommends past-tense names such as signed_in."));
    m_nameMessage = new FieldMessage(eventGroup);
    FieldMark::label(nameLabel, m_name);
    form->addRow(nameLabel, m_name);
    form->addRow(QString(), m_nameMessage);

    m_setTime = new QCheckBox(tr("Happened at"), eventGroup);
    m_setTime->setAccessibleName(m_setTime->text());
    m_setTime->setToolTip(tr("Leave unchecked to let journy.io use the time it receives the "
                             "event."));
    m_triggeredAt = new DateTimeEditor(DateTimeEditor::Shape::TwoLines, eventGroup);
    m_triggeredAt->setCaption(tr("Happened at"));
    m_triggeredAt->setEnabled(false);
    m_triggeredAtMessage = new FieldMessage(eventGroup);
    form->addRow(m_setTime, m_triggeredAt);
    form->addRow(QString(), m_triggeredAtMessage);
    formLayout()->addWidget(eventGroup);

    m_identificationMessage = new FieldMessage(formPage());
    formLayout()->addWidget(
        FieldMark::hint(tr("The event belongs to a user, an account, or both."), formPage()));
    formLayout()->addWidget(m_identificationMessage);
    m_user = new IdentificationEditor(IdentificationEditor::Kind::User, u"identification.user"_s,
                                      tr("User"), formPage());
    m_account = new IdentificationEditor(IdentificationEditor::Kind::Account,
                                         u"identification.account"_s, tr("Account"), formPage());
    formLayout()->addWidget(m_user);
    formLayout()->addWidget(m_account);

    auto *metadataGroup = new QGroupBox(tr("Metadata"), formPage());
    auto *metadataLayout = new QVBoxLayout(metadataGroup);
    const bool legacy = operation.id == u"trackJourneyEvent"_s;
    metadataLayout->addWidget(FieldMark::hint(
        legacy ? tr("Text, numbers and booleans. Metadata does not change the user's or "
                    "account's properties.")
               : tr("Text, numbers, booleans and date-times. Metadata does not change the "
                    "user's or account's properties."),
        metadataGroup));
    m_metadata = new PropertyEditor(legacy ? PropertyEditor::Mode::LegacyMetadata
                                           : PropertyEditor::Mode::TrackMetadata,
                                    u"metadata"_s, metadataGroup);
    metadataLayout->addWidget(m_metadata);
    formLayout()->addWidget(metadataGroup);
    m_metadata->addRow();

    connect(m_name, &QLineEdit::textChanged, this, &EventForm::formChanged);
    connect(m_setTime, &QCheckBox::toggled, this, [this](bool on) {
        m_triggeredAt->setEnabled(on);
        formChanged();
    });
    connect(m_triggeredAt, &DateTimeEditor::changed, this, &EventForm::formChanged);
    connect(m_user, &IdentificationEditor::changed, this, &EventForm::formChanged);
    connect(m_account, &IdentificationEditor::changed, this, &EventForm::formChanged);
    connect(m_metadata, &PropertyEditor::changed, this, &EventForm::formChanged);
    finishSetup();
}

QWidget *EventForm::firstField() const
{
    return m_name;
}

QJsonObject EventForm::formBody() const
{
    QJsonObject identification;
    if (!m_user->isEmpty())
        identification.insert(u"user"_s, m_user->toJson());
    if (!m_account->isEmpty())
        identification.insert(u"account"_s, m_account->toJson());
    QJsonObject body{{u"identification"_s, identification}};
    if (!m_name->text().isEmpty())
        body.insert(u"name"_s, m_name->text());
    const QJsonObject metadata = m_metadata->toJson();
    if (!metadata.isEmpty())
        body.insert(u"metadata"_s, metadata);
    if (m_setTime->isChecked())
        body.insert(u"triggeredAt"_s, toIsoDateTime(m_triggeredAt->value()));
    return body;
}

void EventForm::setFormBody(const QJsonObject &body)
{
    const QJsonObject identification = body.value(u"identification"_s).toObject();
    m_user->setJson(identification.value(u"user"_s).toObject());
    m_account->setJson(identification.value(u"account"_s).toObject());
    {
        const QSignalBlocker block(m_name);
        m_name->setText(body.value(u"name"_s).toString());
    }
    m_metadata->setJson(body.value(u"metadata"_s).toObject());
    const QSignalBlocker blockCheck(m_setTime);
    const QSignalBlocker blockTime(m_triggeredAt);
    const QDateTime triggeredAt =
        QDateTime::fromString(body.value(u"triggeredAt"_s).toString(), Qt::ISODateWithMs);
    m_setTime->setChecked(body.contains(u"triggeredAt"_s));
    m_triggeredAt->setEnabled(m_setTime->isChecked());
    if (triggeredAt.isValid())
        m_triggeredAt->setValue(triggeredAt);
}

MarkMap EventForm::localProblems(const QJsonObject &) const
{
    return m_metadata->localProblems();
}

void EventForm::applyMarks(MarkMap &marks)
{
    const Mark identification = marks.take(u"identification"_s);
    m_identificationMessage->showMessage(identification.severity, identification.message);
    const Mark name = marks.take(u"name"_s);
    m_nameMessage->showMessage(name.severity, name.message);
    FieldMark::mark(m_name, name.severity, name.message);
    const Mark triggeredAt = marks.take(u"triggeredAt"_s);
    m_triggeredAtMessage->showMessage(triggeredAt.severity, triggeredAt.message);
    FieldMark::mark(m_triggeredAt->dateTimeEdit(), triggeredAt.severity, triggeredAt.message);
    m_user->applyMarks(marks);
    m_account->applyMarks(marks);
    m_metadata->applyMarks(marks);
}
