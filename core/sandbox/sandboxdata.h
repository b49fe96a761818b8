#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

// The plain records the sandbox keeps; SandboxState gives them their semantics and
// SandboxStore their persistence.

// A user (externalId = userId, secondary = email) or an account (accountId, domain).
struct SandboxEntity {
    qint64 seq = 0; // creation order; also the sandbox's own id ("user-3", "account-7")
    QString externalId;
    QString secondary;
    QJsonObject properties;
    QDateTime createdAt;
    QDateTime updatedAt;

    QJsonObject toJson() const;
    static SandboxEntity fromJson(const QJsonObject &object);
};

struct SandboxMember {
    qint64 userSeq = 0;
    bool removed = false;
    QDateTime addedAt;
    QDateTime removedAt; // invalid unless removed

    QJsonObject toJson() const;
    static SandboxMember fromJson(const QJsonObject &object);
};

struct SandboxEvent {
    qint64 seq = 0;
    QString operationId; // trackEvent, or the deprecated trackJourneyEvent
    QString name;
    QJsonObject user;    // identification as sent
    QJsonObject account; // identification as sent
    QJsonObject metadata;
    QString triggeredAt; // as sent, or the time it arrived
    QDateTime receivedAt;

    QJsonObject toJson() const;
    static SandboxEvent fromJson(const QJsonObject &object);
};

struct SandboxLink {
    QString deviceId;
    QJsonObject identification;
    QDateTime linkedAt;

    QJsonObject toJson() const;
    static SandboxLink fromJson(const QJsonObject &object);
};

// One request as the sandbox saw it. The API key is never recorded, only its name.
struct SandboxRequestRecord {
    static constexpr qsizetype MaxBodyBytes = 16 * 1024; // longer bodies are cut in the log

    qint64 seq = 0;
    QString requestId;
    QDateTime receivedAt;
    QByteArray method;
    QString path; // with the query
    QString operationId;
    QString keyName;
    int status = 0;
    QByteArray requestBody;
    QByteArray responseBody;

    QJsonObject toJson() const;
    static SandboxRequestRecord fromJson(const QJsonObject &object);
};

// The type a property got when it was first stored.
enum class PropertyKind { Unknown, String, DateTime, Number, Boolean, Array };
QString propertyKindName(PropertyKind kind);
PropertyKind propertyKindFromName(const QString &name);

struct SandboxPropertyCatalogue {
    QList<QString> names; // in the order first seen
    QHash<QString, PropertyKind> kinds;

    void clear()
    {
        names.clear();
        kinds.clear();
    }
};

enum class SandboxScope { Users, Accounts };
