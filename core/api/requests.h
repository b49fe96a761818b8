#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

using QueryItems = QList<std::pair<QString, QString>>;

// Request value types. Each serialises to exactly the JSON body the spec describes: fields
// that are not set are left out, nothing else is added.

struct UserIdentification {
    QString userId;
    QString email;

    bool isEmpty() const { return userId.isEmpty() && email.isEmpty(); }
    QJsonObject toJson() const;
    static UserIdentification fromJson(const QJsonObject &object);
};

struct AccountIdentification {
    QString accountId;
    QString domain;

    bool isEmpty() const { return accountId.isEmpty() && domain.isEmpty(); }
    QJsonObject toJson() const;
    static AccountIdentification fromJson(const QJsonObject &object);
};

// One value of a property or metadata entry.
class PropertyValue {
public:
    enum class Type { Null, String, Number, Boolean, DateTime, StringList };

    PropertyValue() = default; // null: "delete this property"
    static PropertyValue null() { return {}; }
    static PropertyValue string(const QString &value);
    static PropertyValue number(double value);
    static PropertyValue boolean(bool value);
    static PropertyValue dateTime(const QDateTime &value);
    static PropertyValue stringList(const QStringList &value);
    static PropertyValue fromJson(const QJsonValue &value);

    Type type() const { return m_type; }
    QVariant value() const { return m_value; }
    QJsonValue toJson() const;

    friend bool operator==(const PropertyValue &, const PropertyValue &) = default;

private:
    PropertyValue(Type type, QVariant value)
        : m_type(type)
        , m_value(std::move(value))
    {
    }
    Type m_type = Type::Null;
    QVariant m_value;
};

// Ordered name/value pairs (properties of a user or account, metadata of an event).
class Properties {
public:
    void set(const QString &name, const PropertyValue &value);
    bool contains(const QString &name) const;
    PropertyValue value(const QString &name) const;
    const QList<std::pair<QString, PropertyValue>> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    qsizetype size() const { return m_entries.size(); }
    QJsonObject toJson() const;
    static Properties fromJson(const QJsonObject &object);

private:
    QList<std::pair<QString, PropertyValue>> m_entries;
};

struct UpsertUserRequest {
    UserIdentification identification;
    Properties properties;
    QJsonObject toJson() const;
};

struct DeleteUserRequest {
    UserIdentification identification;
    QJsonObject toJson() const;
};

struct UpsertAccountRequest {
    AccountIdentification identification;
    Properties properties;
    QJsonObject toJson() const;
};

struct DeleteAccountRequest {
    AccountIdentification identification;
    QJsonObject toJson() const;
};

// addUserToAccount and removeUserFromAccount.
struct MembershipRequest {
    static constexpr int MaxUsers = 100; // from the spec's prose; the schema has no maxItems
    AccountIdentification account;
    QList<UserIdentification> users;
    QJsonObject toJson() const;
};

struct LinkRequest {
    QString deviceId;
    UserIdentification identification;
    QJsonObject toJson() const;
};

struct EventRequest {
    QString name;
    UserIdentification user;
    AccountIdentification account;
    Properties metadata;
    std::optional<QDateTime> triggeredAt;
    QJsonObject toJson() const;
};

struct SnippetQuery {
    QString domain;
    QList<std::pair<QString, QString>> toQuery() const
    {
        return {{QStringLiteral("domain"), domain}};
    }
};

// ISO 8601 with milliseconds and a time zone, as journy.io's examples write it.
QString toIsoDateTime(const QDateTime &value);
