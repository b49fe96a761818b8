#pragma once

#include "operationform.h"

class DateTimeEditor;
class IdentificationEditor;
class PropertyEditor;
class QCheckBox;
class QLineEdit;

// Track an event (POST /track, or the deprecated POST /events) for a user and/or account.
class EventForm : public OperationForm {
    Q_OBJECT
public:
    explicit EventForm(const Operation &operation, QWidget *parent = nullptr);

    QLineEdit *name() const { return m_name; }
    IdentificationEditor *user() const { return m_user; }
    IdentificationEditor *account() const { return m_account; }
    QCheckBox *setTime() const { return m_setTime; }
    DateTimeEditor *triggeredAt() const { return m_triggeredAt; }
    PropertyEditor *metadata() const { return m_metadata; }
    QWidget *firstField() const override;

protected:
    QJsonObject formBody() const override;
    void setFormBody(const QJsonObject &body) override;
    MarkMap localProblems(const QJsonObject &body) const override;
    void applyMarks(MarkMap &marks) override;

private:
    QLineEdit *m_name;
    FieldMessage *m_nameMessage;
    FieldMessage *m_identificationMessage;
    IdentificationEditor *m_user;
    IdentificationEditor *m_account;
    QCheckBox *m_setTime;
    DateTimeEditor *m_triggeredAt;
    FieldMessage *m_triggeredAtMessage;
    PropertyEditor *m_metadata;
};
