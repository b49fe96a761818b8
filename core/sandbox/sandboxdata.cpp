#include "sandboxdata.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}
QDateTime fromIso(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}
} // namespace

QJsonObject SandboxEntity::toJson() const
{
    return {{u"seq"_s, seq},
            {u"externalId"_s, externalId},
            {u"secondary"_s, secondary},
            {u"properties"_s, properties},
            {u"createdAt"_s, isoTime(createdAt)},
            {u"updatedAt"_s, isoTime(updatedAt)}};
}

SandboxEntity SandboxEntity::fromJson(const QJsonObject &object)
{
    SandboxEntity entity;
    entity.seq = object.value(u"seq"_s).toInteger();
    entity.externalId = object.value(u"externalId"_s).toString();
    entity.secondary = object.value(u"secondary"_s).toString();
    entity.properties = object.value(u"properties"_s).toObject();
    entity.createdAt = fromIso(object.value(u"createdAt"_s));
    entity.updatedAt = fromIso(object.value(u"updatedAt"_s));
    return entity;
}

QJsonObject SandboxMember::toJson() const
{
    return {{u"userSeq"_s, userSeq},
            {u"removed"_s, removed},
            {u"addedAt"_s, isoTime(addedAt)},
            {u"removedAt"_s, isoTime(removedAt)}};
}

SandboxMember SandboxMember::fromJson(const QJsonObject &object)
{
    SandboxMember member;
    member.userSeq = object.value(u"userSeq"_s).toInteger();
    member.removed = object.value(u"removed"_s).toBool();
    member.addedAt = fromIso(object.value(u"addedAt"_s));
    member.removedAt = fromIso(object.value(u"removedAt"_s));
    return member;
}

QJsonObject SandboxEvent::toJson() const
{
    QJsonObject identification;
    if (!user.isEmpty())
        identification.insert(u"user"_s, user);
    if (!account.isEmpty())
        identification.insert(u"account"_s, account);
    return {{u"seq"_s, seq},
            {u"operationId"_s, operationId},
            {u"name"_s, name},
            {u"identification"_s, identification},
            {u"metadata"_s, metadata},
            {u"triggeredAt"_s, triggeredAt},
            {u"receivedAt"_s, isoTime(receivedAt)}};
}

SandboxEvent SandboxEvent::fromJson(const QJsonObject &object)
{
    SandboxEvent event;
    event.seq = object.value(u"seq"_s).toInteger();
    event.operationId = object.value(u"operationId"_s).toString();
    event.name = object.value(u"name"_s).toString();
    const QJsonObject identification = object.value(u"identification"_s).toObject();
    event.user = identification.value(u"user"_s).toObject();
    event.account = identification.value(u"account"_s).toObject();
    event.metadata = object.value(u"metadata"_s).toObject();
    event.triggeredAt = object.value(u"triggeredAt"_s).toString();
    event.receivedAt = fromIso(object.value(u"receivedAt"_s));
    return event;
}

QJsonObject SandboxLink::toJson() const
{
    return {{u"deviceId"_s, deviceId},
            {u"identification"_s, identification},
            {u"linkedAt"_s, isoTime(linkedAt)}};
}

SandboxLink SandboxLink::fromJson(const QJsonObject &object)
{
    return {object.value(u"deviceId"_s).toString(), object.value(u"identification"_s).toObject(),
            fromIso(object.value(u"linkedAt"_s))};
}

QJsonObject SandboxRequestRecord::toJson() const
{
    return {{u"seq"_s, seq},
            {u"requestId"_s, requestId},
            {u"receivedAt"_s, isoTime(receivedAt)},
            {u"method"_s, QString::fromLatin1(method)},
            {u"path"_s, path},
            {u"operationId"_s, operationId},
            {u"keyName"_s, keyName},
            {u"status"_s, status},
            {u"requestBody"_s, QString::fromUtf8(requestBody)},
            {u"responseBody"_s, QString::fromUtf8(responseBody)}};
}

SandboxRequestRecord SandboxRequestRecord::fromJson(const QJsonObject &object)
{
    SandboxRequestRecord record;
    record.seq = object.value(u"seq"_s).toInteger();
    record.requestId = object.value(u"requestId"_s).toString();
    record.receivedAt = fromIso(object.value(u"receivedAt"_s));
    record.method = object.value(u"method"_s).toString().toLatin1();
    record.path = object.value(u"path"_s).toString();
    record.operationId = object.value(u"operationId"_s).toString();
    record.keyName = object.value(u"keyName"_s).toString();
    record.status = object.value(u"status"_s).toInt();
    record.requestBody = object.value(u"requestBody"_s).toString().toUtf8();
    record.responseBody = object.value(u"responseBody"_s).toString().toUtf8();
    return record;
}

QString propertyKindName(PropertyKind kind)
{
    switch (kind) {
    case PropertyKind::String:
        return u"string"_s;
    case PropertyKind::DateTime:
        return u"datetime"_s;
    case PropertyKind::Number:
        return u"number"_s;
    case PropertyKind::Boolean:
        return u"boolean"_s;
    case PropertyKind::Array:
        return u"array"_s;
    case PropertyKind::Unknown:
        break;
    }
    return u"unknown"_s;
}

PropertyKind propertyKindFromName(const QString &name)
{
    for (PropertyKind kind : {PropertyKind::String, PropertyKind::DateTime, PropertyKind::Number,
                              PropertyKind::Boolean, PropertyKind::Array}) {
        if (propertyKindName(kind) == name)
            return kind;
    }
    return PropertyKind::Unknown;
}
