#include "journyclient.h"

#include "httptransport.h"
#include "operation.h"
#include "ratelimit/ratelimitmonitor.h"
#include "secrets/redaction.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}
} // namespace

JournyClient::JournyClient(QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(this))
    , m_rateLimit(new RateLimitMonitor(this))
{
}

JournyClient::~JournyClient() = default;

QByteArray JournyClient::userAgent()
{
    return "JournyConsole/" JOURNY_VERSION " (Qt " QT_VERSION_STR ")";
}

bool JournyClient::isAllowedUrl(const QUrl &url, QString *why)
{
    QString reason;
    if (!url.isValid() || url.host().isEmpty())
        reason = tr("“%1” is not a valid base URL.").arg(url.toDisplayString());
    else if (url.scheme() == u"http"_s && !isLoopbackHost(url.host()))
        reason = tr("Refusing plain http:// to %1: the API key would travel unencrypted. "
                    "Use https://, or http:// only to a loopback address.")
                     .arg(url.host());
    else if (url.scheme() != u"http"_s && url.scheme() != u"https"_s)
        reason = tr("Unsupported URL scheme “%1”: use https://.").arg(url.scheme());
    if (why)
        *why = reason;
    return reason.isEmpty();
}

ApiReply *JournyClient::send(const QString &operationId, const QJsonObject &body,
                             const QueryItems &query)
{
    return sendBytes(operationId, QJsonDocument(body).toJson(QJsonDocument::Compact), query);
}

ApiReply *JournyClient::sendBytes(const QString &operationId, const QByteArray &body,
                                  const QueryItems &query)
{
    ApiResult result;
    result.operationId = operationId;
    const Operation *operation = OperationCatalogue::find(operationId);
    if (!operation) {
        return ApiReply::refused(std::move(result), TransportError::InvalidRequest,
                                 tr("Unknown operation “%1”.").arg(operationId), this);
    }

    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + operation->path);
    if (!query.isEmpty()) {
        QStringList pairs;
        for (const auto &[name, value] : query)
            pairs.append(QString::fromUtf8(QUrl::toPercentEncoding(name) + '=' +
                                           QUrl::toPercentEncoding(value)));
        url.setQuery(pairs.join(u'&'), QUrl::StrictMode);
    }

    result.request.method = operation->method;
    result.request.url = url;
    result.request.body = operation->hasBody ? body : QByteArray();

    QString why;
    if (!isAllowedUrl(url, &why)) {
        return ApiReply::refused(std::move(result), TransportError::InsecureUrl, why, this);
    }

    HttpExchange::Request request;
    request.method = operation->method;
    request.url = url;
    request.body = result.request.body;
    request.timeoutMs = int(m_timeout.count());
    request.headers = {{QByteArray("Accept"), QByteArray("application/json")},
                       {QByteArray("User-Agent"), userAgent()}};
    if (operation->hasBody)
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (!m_apiKey.isEmpty())
        request.headers.append({QByteArray("X-Api-Key"), m_apiKey.toUtf8()});
    for (const auto &[name, value] : request.headers) {
        result.request.headers.append({name, Redaction::isSecretHeader(name)
                                                 ? Redaction::Placeholder.toString().toUtf8()
                                                 : value});
    }

    // DELETE carries a JSON body here, as the spec wants (some clients drop DELETE bodies).
    auto *reply = new ApiReply(std::move(result), m_transport->start(std::move(request)), this);
    connect(reply, &ApiReply::finished, this, [this](const ApiResult &finished) {
        m_rateLimit->update(finished);
        Q_EMIT requestFinished(finished);
    });
    Q_EMIT requestStarted(reply);
    return reply;
}

ApiReply *JournyClient::upsertUser(const UpsertUserRequest &request)
{
    return send(u"upsertUser"_s, request.toJson());
}

ApiReply *JournyClient::deleteUser(const DeleteUserRequest &request)
{
    return send(u"deleteUser"_s, request.toJson());
}

ApiReply *JournyClient::link(const LinkRequest &request)
{
    return send(u"link"_s, request.toJson());
}

ApiReply *JournyClient::upsertAccount(const UpsertAccountRequest &request)
{
    return send(u"upsertAccount"_s, request.toJson());
}

ApiReply *JournyClient::deleteAccount(const DeleteAccountRequest &request)
{
    return send(u"deleteAccount"_s, request.toJson());
}

ApiReply *JournyClient::addUsersToAccount(const MembershipRequest &request)
{
    return send(u"addUserToAccount"_s, request.toJson());
}

ApiReply *JournyClient::removeUsersFromAccount(const MembershipRequest &request)
{
    return send(u"removeUserFromAccount"_s, request.toJson());
}

ApiReply *JournyClient::trackEvent(const EventRequest &request)
{
    return send(u"trackEvent"_s, request.toJson());
}

ApiReply *JournyClient::trackJourneyEvent(const EventRequest &request)
{
    return send(u"trackJourneyEvent"_s, request.toJson());
}

ApiReply *JournyClient::getEvents()
{
    return send(u"getEvents"_s);
}

ApiReply *JournyClient::getUserProperties()
{
    return send(u"getUserProperties"_s);
}

ApiReply *JournyClient::getAccountProperties()
{
    return send(u"getAccountProperties"_s);
}

ApiReply *JournyClient::getUserSegments()
{
    return send(u"getUserSegments"_s);
}

ApiReply *JournyClient::getAccountSegments()
{
    return send(u"getAccountSegments"_s);
}

ApiReply *JournyClient::getTrackingSnippet(const SnippetQuery &query)
{
    return send(u"getTrackingSnippet"_s, {}, query.toQuery());
}

ApiReply *JournyClient::getValidity()
{
    return send(u"getValidity"_s);
}
