#include "apireply.h"

#include "httptransport.h"
#include <QCoreApplication>

#include <QTimer>

namespace {
QString target(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}
} // namespace

ApiReply::ApiReply(ApiResult result, HttpExchange *exchange, QObject *parent)
    : QObject(parent)
    , m_result(std::move(result))
    , m_exchange(exchange)
{
    m_timer.start();
    if (m_exchange)
        connect(m_exchange, &HttpExchange::finished, this, &ApiReply::onExchangeFinished);
}

ApiReply *ApiReply::refused(ApiResult result, TransportError error, const QString &text,
                            QObject *parent)
{
    result.transportError = error;
    result.transportErrorText = text;
    auto *reply = new ApiReply(std::move(result), nullptr, parent);
    QTimer::singleShot(0, reply, &ApiReply::finish);
    return reply;
}

ApiReply::~ApiReply()
{
    if (m_exchange) {
        m_exchange->disconnect(this);
        m_exchange->abort();
        m_exchange->deleteLater();
    }
}

void ApiReply::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_exchange)
        m_exchange->abort(); // emits finished synchronously
}

void ApiReply::onExchangeFinished()
{
    HttpExchange *exchange = m_exchange;
    m_exchange = nullptr;
    exchange->deleteLater();
    m_result.elapsedMs = m_timer.elapsed();
    m_result.receivedAt = QDateTime::currentDateTimeUtc();
    const QUrl url = m_result.request.url;

    using Error = HttpExchange::Error;
    switch (exchange->error()) {
    case Error::None:
        m_result.parseResponse(exchange->status(), exchange->responseHeaders(),
                               exchange->responseBody());
        break;
    case Error::Aborted:
        m_result.transportError = TransportError::Cancelled;
        m_result.transportErrorText = tr("Cancelled before %1 answered.").arg(target(url));
        break;
    case Error::Timeout:
        m_result.transportError = TransportError::Timeout;
        m_result.transportErrorText =
            tr("%1 did not answer within %2 s.")
                .arg(target(url))
                .arg(double(exchange->request().timeoutMs) / 1000.0, 0, 'g', 3);
        break;
    case Error::ConnectionRefused:
        m_result.transportError = TransportError::ConnectionRefused;
        m_result.transportErrorText =
            tr("Connection refused by %1: is the server running?").arg(target(url));
        break;
    case Error::HostNotFound:
        m_result.transportError = TransportError::HostNotFound;
        m_result.transportErrorText = tr("Host %1 not found (DNS lookup failed).").arg(url.host());
        break;
    case Error::Tls:
        m_result.transportError = TransportError::Tls;
        m_result.transportErrorText =
            tr("TLS failed with %1: %2").arg(url.host(), exchange->errorString());
        break;
    case Error::ConnectionClosed:
        m_result.transportError = TransportError::ConnectionClosed;
        m_result.transportErrorText =
            tr("%1 closed the connection without answering.").arg(target(url));
        break;
    case Error::Other:
        m_result.transportError = TransportError::Other;
        m_result.transportErrorText =
            tr("Request to %1 failed: %2").arg(target(url), exchange->errorString());
        break;
    }
    finish();
}

void ApiReply::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_result);
    deleteLater();
}
