#pragma once

#include "apiresult.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QTcpSocket;
class HttpConnection;

// One HTTP request in flight on an HttpTransport. Emits finished() exactly once.
class HttpExchange : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QUrl url;
        HeaderList headers; // without Host and Content-Length, which the transport adds
        QByteArray body;
        int timeoutMs = 30000; // longest silence tolerated while waiting for the answer
    };
    enum class Error {
        None,
        Timeout,
        ConnectionRefused,
        HostNotFound,
        Tls,
        ConnectionClosed,
        Aborted,
        Other
    };

    const Request &request() const { return m_request; }
    QByteArray wireHeaders() const { return m_wireHeaders; } // the request head as written
    int status() const { return m_status; }
    const HeaderList &responseHeaders() const { return m_responseHeaders; }
    const QByteArray &responseBody() const { return m_responseBody; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    bool isFinished() const { return m_finished; }

    // Stops the exchange; finished() follows with Error::Aborted.
    void abort();

Q_SIGNALS:
    void finished();

private:
    friend class HttpTransport;
    friend class HttpConnection;
    HttpExchange(Request request, QObject *parent);
    void complete(Error error = Error::None, const QString &errorString = {});

    Request m_request;
    QByteArray m_wireHeaders;
    int m_status = 0;
    HeaderList m_responseHeaders;
    QByteArray m_responseBody;
    Error m_error = Error::None;
    QString m_errorString;
    bool m_finished = false;
    QPointer<HttpConnection> m_connection;
};

// A small HTTP/1.1 client: persistent keep-alive connections (up to maxConnectionsPerHost
// per host), TLS with full certificate verification, no redirects, no proxies, no cookies.
// It runs in the caller's thread; see README ("Performance") for why it replaced
// QNetworkAccessManager.
class HttpTransport : public QObject {
    Q_OBJECT
public:
    explicit HttpTransport(QObject *parent = nullptr);
    ~HttpTransport() override;

    void setMaxConnectionsPerHost(int count) { m_maxConnectionsPerHost = std::max(1, count); }
    HttpExchange *start(HttpExchange::Request request);

private:
    friend class HttpConnection;
    void dispatch(const QString &hostKey);
    void connectionIdle(HttpConnection *connection);
    void connectionGone(HttpConnection *connection);

    int m_maxConnectionsPerHost = 8;
    QHash<QString, QList<HttpConnection *>> m_connections;
    QHash<QString, QList<QPointer<HttpExchange>>> m_queues;
};
