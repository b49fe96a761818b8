#include "apireply.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QTimer>

namespace {
QString target(const QUrl &url) {
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}
} // namespace

ApiReply::ApiReply(ApiResult result, QNetworkReply *reply, QObject *parent)
    : QObject(parent)
    , m_result(std::move(result))
    , m_reply(reply) {
    m_timer.start();
    if (m_reply)
        connect(m_reply, &QNetworkReply::finished, this, &ApiReply::onNetworkFinished);
}

ApiReply *ApiReply::refused(ApiResult result, TransportError error, const QString &text,
                            QObject *parent) {
    result.transportError = error;
    result.transportErrorText = text;
    auto *reply = new ApiReply(std::move(result), nullptr, parent);
    QTimer::singleShot(0, reply, &ApiReply::finish);
    return reply;
}

ApiReply::~ApiReply() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiReply::cancel() {
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort(); // emits finished synchronously
    }
}

void ApiReply::onNetworkFinished() {
    QNetworkReply *reply = m_reply;
    m_result.elapsedMs = m_timer.elapsed();
    m_result.receivedAt = QDateTime::currentDateTimeUtc();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError error = reply->error();
    const QUrl url = reply->url();

    if (status.isValid() && !m_cancelled) {
        HeaderList headers;
        for (const auto &pair : reply->rawHeaderPairs())
            headers.append(pair);
        m_result.parseResponse(status.toInt(), headers, reply->readAll());
    } else if (m_cancelled) {
        m_result.transportError = TransportError::Cancelled;
        m_result.transportErrorText = tr("Cancelled before %1 answered.").arg(target(url));
    } else {
        switch (error) {
        case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
        case QNetworkReply::TimeoutError:
            m_result.transportError = TransportError::Timeout;
            m_result.transportErrorText =
                tr("%1 did not answer within %2 s.")
                    .arg(target(url))
                    .arg(double(reply->request().transferTimeout()) / 1000.0, 0, 'g', 3);
            break;
        case QNetworkReply::ConnectionRefusedError:
            m_result.transportError = TransportError::ConnectionRefused;
            m_result.transportErrorText =
                tr("Connection refused by %1: is the server running?").arg(target(url));
            break;
        case QNetworkReply::HostNotFoundError:
            m_result.transportError = TransportError::HostNotFound;
            m_result.transportErrorText =
                tr("Host %1 not found (DNS lookup failed).").arg(url.host());
            break;
        case QNetworkReply::SslHandshakeFailedError:
        case QNetworkReply::InsecureRedirectError:
            m_result.transportError = TransportError::Tls;
            m_result.transportErrorText =
                tr("TLS failed with %1: %2").arg(url.host(), reply->errorString());
            break;
        case QNetworkReply::RemoteHostClosedError:
            m_result.transportError = TransportError::ConnectionClosed;
            m_result.transportErrorText =
                tr("%1 closed the connection without answering.").arg(target(url));
            break;
        default:
            m_result.transportError = TransportError::Other;
            m_result.transportErrorText =
                tr("Request to %1 failed: %2").arg(target(url), reply->errorString());
            break;
        }
    }
    m_reply = nullptr;
    reply->deleteLater();
    finish();
}

void ApiReply::finish() {
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_result);
    deleteLater();
}
