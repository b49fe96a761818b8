#include "identificationeditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QWidget *withMessage(QWidget *field, FieldMessage *message, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(message);
    return box;
}
} // namespace

IdentificationEditor::IdentificationEditor(Kind kind, const QString &pathPrefix,
                                           const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_prefix(pathPrefix)
    , m_id(new QLineEdit(this))
    , m_second(new QLineEdit(this))
    , m_groupMessage(new FieldMessage(this))
    , m_idMessage(new FieldMessage(this))
    , m_secondMessage(new FieldMessage(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *group = new QGroupBox(title, this);
    outer->addWidget(group);
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    const bool user = kind == Kind::User;
    form->addRow(FieldMark::hint(user ? tr("A user ID, an email, or both.")
                                      : tr("An account ID, a domain, or both."),
                                 group));
    form->addRow(m_groupMessage);

    auto *idLabel = new QLabel(user ? tr("User ID") : tr("Account ID"), group);
    m_id->setPlaceholderText(user ? tr("your database's ID for this user")
                                  : tr("your database's ID for this account"));
    m_id->setToolTip(user ? tr("The unique, stable ID of the user in your own database. "
                               "Not an email or a username: those can change.")
                          : tr("The unique, stable ID of the account in your own database."));
    m_id->setAccessibleDescription(m_id->toolTip());
    FieldMark::label(idLabel, m_id);
    form->addRow(idLabel, withMessage(m_id, m_idMessage, group));

    auto *secondLabel = new QLabel(user ? tr("Email") : tr("Domain"), group);
    m_second->setPlaceholderText(user ? tr("john@acme-inc.com") : tr("acme-inc.com"));
    m_second->setToolTip(user ? tr("The user's email address.")
                              : tr("The account's own domain, without https:// or a path "
                                   "(e.g. acme-inc.com)."));
    m_second->setAccessibleDescription(m_second->toolTip());
    FieldMark::label(secondLabel, m_second);
    form->addRow(secondLabel, withMessage(m_second, m_secondMessage, group));

    connect(m_id, &QLineEdit::textChanged, this, &IdentificationEditor::changed);
    connect(m_second, &QLineEdit::textChanged, this, &IdentificationEditor::changed);
}

QString IdentificationEditor::idKey() const
{
    return m_kind == Kind::User ? u"userId"_s : u"accountId"_s;
}

QString IdentificationEditor::secondKey() const
{
    return m_kind == Kind::User ? u"email"_s : u"domain"_s;
}

QJsonObject IdentificationEditor::toJson() const
{
    QJsonObject object;
    if (!m_id->text().isEmpty())
        object.insert(idKey(), m_id->text());
    if (!m_second->text().isEmpty())
        object.insert(secondKey(), m_second->text());
    return object;
}

void IdentificationEditor::setJson(const QJsonObject &object)
{
    const QSignalBlocker blockId(m_id);
    const QSignalBlocker blockSecond(m_second);
    m_id->setText(object.value(idKey()).toString());
    m_second->setText(object.value(secondKey()).toString());
}

bool IdentificationEditor::isEmpty() const
{
    return m_id->text().isEmpty() && m_second->text().isEmpty();
}

QString IdentificationEditor::describe() const
{
    QStringList parts;
    if (!m_id->text().isEmpty())
        parts << tr("%1 “%2”").arg(idKey(), m_id->text());
    if (!m_second->text().isEmpty())
        parts << tr("%1 “%2”").arg(secondKey(), m_second->text());
    return parts.join(tr(" and "));
}

void IdentificationEditor::applyMarks(MarkMap &marks)
{
    const Mark group = marks.take(m_prefix);
    const Mark id = marks.take(m_prefix + u'.' + idKey());
    const Mark second = marks.take(m_prefix + u'.' + secondKey());
    m_groupMessage->showMessage(group.severity, group.message);
    m_idMessage->showMessage(id.severity, id.message);
    m_secondMessage->showMessage(second.severity, second.message);
    FieldMark::mark(m_id, FieldMark::stronger(group.severity, id.severity),
                    id.message.isEmpty() ? group.message : id.message);
    FieldMark::mark(m_second, FieldMark::stronger(group.severity, second.severity),
                    second.message.isEmpty() ? group.message : second.message);
}
