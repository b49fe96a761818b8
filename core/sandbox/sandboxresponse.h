#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

// What the sandbox answers, before the transport adds meta, rate-limit headers and bytes.
struct SandboxResponse {
    int status = 200;
    QJsonObject body; // without "meta"; ignored for 204
    QList<std::pair<QByteArray, QByteArray>> headers;

    static SandboxResponse message(int status, const QString &message)
    {
        return {status, QJsonObject{{QStringLiteral("message"), message}}, {}};
    }
    static SandboxResponse data(const QJsonValue &data)
    {
        return {200, QJsonObject{{QStringLiteral("data"), data}}, {}};
    }
};
