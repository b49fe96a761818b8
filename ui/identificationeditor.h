#pragma once

#include "fieldmark.h"

#include <QJsonObject>
#include <QWidget>

class QLineEdit;
class QGroupBox;

// The two fields that identify a user (userId, email) or an account (accountId, domain),
// under one JSON path prefix such as "identification" or "identification.user".
class IdentificationEditor : public QWidget {
    Q_OBJECT
public:
    enum class Kind { User, Account };

    IdentificationEditor(Kind kind, const QString &pathPrefix, const QString &title,
                         QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString pathPrefix() const { return m_prefix; }
    QLineEdit *idEdit() const { return m_id; }         // userId / accountId
    QLineEdit *secondEdit() const { return m_second; } // email / domain
    QString idKey() const;
    QString secondKey() const;

    QJsonObject toJson() const;
    void setJson(const QJsonObject &object);
    bool isEmpty() const;
    // "userId “20” and email “a@b.c”" for confirmations.
    QString describe() const;

    // Shows the marks of this editor's paths (taking them out of `marks`), clears the rest.
    void applyMarks(MarkMap &marks);

Q_SIGNALS:
    void changed();

private:
    Kind m_kind;
    QString m_prefix;
    QLineEdit *m_id;
    QLineEdit *m_second;
    FieldMessage *m_groupMessage;
    FieldMessage *m_idMessage;
    FieldMessage *m_secondMessage;
};
