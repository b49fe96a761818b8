#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <optional>

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// The request exactly as it went on the wire, with the API key already redacted.
struct SentRequest {
    QByteArray method;
    QUrl url;
    HeaderList headers;
    QByteArray body;
};

enum class TransportError {
    None,
    Timeout,
    ConnectionRefused,
    HostNotFound,
    Tls,
    Cancelled,
    InsecureUrl,    // refused before sending: http:// to a host that is not loopback
    InvalidRequest, // refused before sending: unknown operation, bad base URL
    ConnectionClosed,
    Other,
};

// Everything known about one call: what the server said, or why nothing was said.
struct ApiResult {
    QString operationId;
    SentRequest request;

    int status = 0; // HTTP status; 0 when no response arrived
    bool success = false;
    QString requestId; // meta.requestId
    QString message;
    QMap<QString, QString> fieldErrors;  // errors.fields, keyed by dotted paths
    QMap<QString, QString> headerErrors; // errors.parameters.header
    QMap<QString, QString> queryErrors;  // errors.parameters.query
    QMap<QString, QString> pathErrors;   // errors.parameters.path
    QMap<QString, QString> rejected;     // properties the server did not store, with reasons
    QJsonValue data;                     // "data" of GET responses
    QJsonValue body;                     // the whole body when it is JSON, else undefined
    QByteArray rawBody;
    bool bodyIsJson = false;
    HeaderList headers;
    qint64 elapsedMs = 0;
    QDateTime receivedAt;

    TransportError transportError = TransportError::None;
    QString transportErrorText;

    std::optional<int> rateLimitLimit;
    std::optional<int> rateLimitRemaining;

    bool hasResponse() const { return status != 0; }
    QByteArray header(const QByteArray &name) const; // case-insensitive
    // One line for people: "201 Created", "timed out after 30 s", ...
    QString summary() const;

    // Fills the response part from what the server sent.
    void parseResponse(int httpStatus, const HeaderList &responseHeaders, const QByteArray &raw);
};

QString reasonPhrase(int status);
