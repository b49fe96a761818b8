#pragma once

#include "apireply.h"
#include "requests.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>

class HttpTransport;
class RateLimitMonitor;
struct Operation;

// The journy.io REST API over HttpTransport (keep-alive HTTP/1.1, TLS verified): one method per
// operation, plus send() for hand-edited payloads. Every call returns an ApiReply that can be
// cancelled.
class JournyClient : public QObject {
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultTimeout{30000};

    explicit JournyClient(QObject *parent = nullptr);
    ~JournyClient() override;

    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }
    // Kept in memory only; attached as X-Api-Key to every request.
    void setApiKey(const QString &apiKey) { m_apiKey = apiKey; }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    // Only for code the user explicitly asked to contain the key ("Include API key").
    QString apiKey() const { return m_apiKey; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    RateLimitMonitor *rateLimit() const { return m_rateLimit; }

    static QByteArray userAgent();
    // http:// is only allowed to loopback hosts; everything else needs https://.
    static bool isAllowedUrl(const QUrl &url, QString *why = nullptr);

    ApiReply *upsertUser(const UpsertUserRequest &request);
    ApiReply *deleteUser(const DeleteUserRequest &request);
    ApiReply *link(const LinkRequest &request);
    ApiReply *upsertAccount(const UpsertAccountRequest &request);
    ApiReply *deleteAccount(const DeleteAccountRequest &request);
    ApiReply *addUsersToAccount(const MembershipRequest &request);
    ApiReply *removeUsersFromAccount(const MembershipRequest &request);
    ApiReply *trackEvent(const EventRequest &request);
    ApiReply *trackJourneyEvent(const EventRequest &request); // deprecated POST /events
    ApiReply *getEvents();
    ApiReply *getUserProperties();
    ApiReply *getAccountProperties();
    ApiReply *getUserSegments();
    ApiReply *getAccountSegments();
    ApiReply *getTrackingSnippet(const SnippetQuery &query);
    ApiReply *getValidity();

    // Any operation of the catalogue with a hand-made body (ignored for GET) and query.
    ApiReply *send(const QString &operationId, const QJsonObject &body = {},
                   const QueryItems &query = {});
    // The same with the body's bytes as given, for payloads that must go out unchanged.
    ApiReply *sendBytes(const QString &operationId, const QByteArray &body,
                        const QueryItems &query = {});

Q_SIGNALS:
    void requestStarted(ApiReply *reply);
    void requestFinished(const ApiResult &result);

private:
    HttpTransport *m_transport;
    RateLimitMonitor *m_rateLimit;
    QUrl m_baseUrl;
    QString m_apiKey;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
};
