#include "requests.h"

#include <QJsonArray>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
void insertIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}
} // namespace

QString toIsoDateTime(const QDateTime &value)
{
    // UTC is written with "Z", as journy.io's own examples write it.
    if (value.offsetFromUtc() == 0)
        return value.toUTC().toString(Qt::ISODateWithMs);
    return value.toString(Qt::ISODateWithMs);
}

QJsonObject UserIdentification::toJson() const
{
    QJsonObject object;
    insertIfSet(object, u"userId"_s, userId);
    insertIfSet(object, u"email"_s, email);
    return object;
}

UserIdentification UserIdentification::fromJson(const QJsonObject &object)
{
    return {object.value(u"userId"_s).toString(), object.value(u"email"_s).toString()};
}

QJsonObject AccountIdentification::toJson() const
{
    QJsonObject object;
    insertIfSet(object, u"accountId"_s, accountId);
    insertIfSet(object, u"domain"_s, domain);
    return object;
}

AccountIdentification AccountIdentification::fromJson(const QJsonObject &object)
{
    return {object.value(u"accountId"_s).toString(), object.value(u"domain"_s).toString()};
}

PropertyValue PropertyValue::string(const QString &value)
{
    return {Type::String, value};
}

PropertyValue PropertyValue::number(double value)
{
    return {Type::Number, value};
}

PropertyValue PropertyValue::boolean(bool value)
{
    return {Type::Boolean, value};
}

PropertyValue PropertyValue::dateTime(const QDateTime &value)
{
    return {Type::DateTime, value};
}

PropertyValue PropertyValue::stringList(const QStringList &value)
{
    return {Type::StringList, value};
}

PropertyValue PropertyValue::fromJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return string(value.toString());
    case QJsonValue::Double:
        return number(value.toDouble());
    case QJsonValue::Bool:
        return boolean(value.toBool());
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(item.toString());
        return stringList(items);
    }
    default:
        return null();
    }
}

QJsonValue PropertyValue::toJson() const
{
    switch (m_type) {
    case Type::Null:
        return QJsonValue::Null;
    case Type::String:
        return m_value.toString();
    case Type::Number:
        return m_value.toDouble();
    case Type::Boolean:
        return m_value.toBool();
    case Type::DateTime:
        return toIsoDateTime(m_value.toDateTime());
    case Type::StringList:
        return QJsonArray::fromStringList(m_value.toStringList());
    }
    return QJsonValue::Null;
}

void Properties::set(const QString &name, const PropertyValue &value)
{
    for (auto &entry : m_entries) {
        if (entry.first == name) {
            entry.second = value;
            return;
        }
    }
    m_entries.append({name, value});
}

bool Properties::contains(const QString &name) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [&](const auto &entry) { return entry.first == name; });
}

PropertyValue Properties::value(const QString &name) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == name)
            return entry.second;
    }
    return {};
}

QJsonObject Properties::toJson() const
{
    QJsonObject object;
    for (const auto &[name, value] : m_entries)
        object.insert(name, value.toJson());
    return object;
}

Properties Properties::fromJson(const QJsonObject &object)
{
    Properties properties;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        properties.set(it.key(), PropertyValue::fromJson(it.value()));
    return properties;
}

QJsonObject UpsertUserRequest::toJson() const
{
    QJsonObject object{{u"identification"_s, identification.toJson()}};
    if (!properties.isEmpty())
        object.insert(u"properties"_s, properties.toJson());
    return object;
}

QJsonObject DeleteUserRequest::toJson() const
{
    return {{u"identification"_s, identification.toJson()}};
}

QJsonObject UpsertAccountRequest::toJson() const
{
    QJsonObject object{{u"identification"_s, identification.toJson()}};
    if (!properties.isEmpty())
        object.insert(u"properties"_s, properties.toJson());
    return object;
}

QJsonObject DeleteAccountRequest::toJson() const
{
    return {{u"identification"_s, identification.toJson()}};
}

QJsonObject MembershipRequest::toJson() const
{
    QJsonArray userArray;
    for (const UserIdentification &user : users)
        userArray.append(QJsonObject{{u"identification"_s, user.toJson()}});
    return {{u"account"_s, account.toJson()}, {u"users"_s, userArray}};
}

QJsonObject LinkRequest::toJson() const
{
    return {{u"deviceId"_s, deviceId}, {u"identification"_s, identification.toJson()}};
}

QJsonObject EventRequest::toJson() const
{
    QJsonObject identification;
    if (!user.isEmpty())
        identification.insert(u"user"_s, user.toJson());
    if (!account.isEmpty())
        identification.insert(u"account"_s, account.toJson());
    QJsonObject object{{u"identification"_s, identification}, {u"name"_s, name}};
    if (!metadata.isEmpty())
        object.insert(u"metadata"_s, metadata.toJson());
    if (triggeredAt)
        object.insert(u"triggeredAt"_s, toIsoDateTime(*triggeredAt));
    return object;
}
