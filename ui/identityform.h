#pragma once

#include "operationform.h"

class IdentificationEditor;
class PropertyEditor;
class QLineEdit;

// Operations on one user or account: upsert (with properties), delete, and link (deviceId).
class IdentityForm : public OperationForm {
    Q_OBJECT
public:
    explicit IdentityForm(const Operation &operation, QWidget *parent = nullptr);

    IdentificationEditor *identification() const { return m_identification; }
    PropertyEditor *properties() const { return m_properties; } // upserts only
    QLineEdit *deviceId() const { return m_deviceId; }          // link only
    QString confirmation() const override;
    QWidget *firstField() const override;

protected:
    QJsonObject formBody() const override;
    void setFormBody(const QJsonObject &body) override;
    MarkMap localProblems(const QJsonObject &body) const override;
    void applyMarks(MarkMap &marks) override;
    QString rejectedPrefix() const override;

private:
    IdentificationEditor *m_identification;
    PropertyEditor *m_properties = nullptr;
    QLineEdit *m_deviceId = nullptr;
    FieldMessage *m_deviceIdMessage = nullptr;
};
