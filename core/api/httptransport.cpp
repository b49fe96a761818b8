#include "httptransport.h"

#include <QSslSocket>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace {
QString hostKeyOf(const QUrl &url)
{
    return url.scheme() + u"://"_s + url.host() + u':' +
           QString::number(url.port(url.scheme() == u"https"_s ? 443 : 80));
}

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}
} // namespace

// One persistent connection to one host; carries one exchange at a time.
class HttpConnection : public QObject {
public:
    HttpConnection(HttpTransport *transport, const QString &hostKey, const QUrl &url);

    bool isIdle() const
    {
        return !m_current && m_socket->state() == QAbstractSocket::ConnectedState;
    }
    bool isBusy() const { return m_current != nullptr; }
    QString hostKey() const { return m_hostKey; }
    void send(HttpExchange *exchange);
    void abortCurrent();

private:
    enum class BodyMode { None, Length, Chunked, UntilClose };

    void writeRequest();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void onTimeout();
    bool parseHead();
    bool parseBody();
    void finishCurrent(HttpExchange::Error error = HttpExchange::Error::None,
                       const QString &text = {});
    void close();

    HttpTransport *m_transport;
    QString m_hostKey;
    QTcpSocket *m_socket;
    bool m_ready = false; // connected (and encrypted, for TLS)
    bool m_closed = false;
    QPointer<HttpExchange> m_current;
    QTimer m_timeout;
    QByteArray m_buffer;
    bool m_headParsed = false;
    BodyMode m_bodyMode = BodyMode::None;
    qint64 m_remaining = 0; // bytes left of the body (Length) or of the current chunk
    bool m_inChunk = false;
    bool m_keepAlive = true;
};

HttpExchange::HttpExchange(Request request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
{
}

void HttpExchange::abort()
{
    if (m_finished)
        return;
    if (m_connection)
        m_connection->abortCurrent();
    complete(Error::Aborted, tr("Aborted."));
}

void HttpExchange::complete(Error error, const QString &errorString)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_errorString = errorString;
    m_connection = nullptr;
    Q_EMIT finished();
}

HttpConnection::HttpConnection(HttpTransport *transport, const QString &hostKey, const QUrl &url)
    : QObject(transport)
    , m_transport(transport)
    , m_hostKey(hostKey)
{
    const bool tls = url.scheme() == u"https"_s;
    if (tls) {
        auto *ssl = new QSslSocket(this);
        ssl->setPeerVerifyName(url.host());
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            m_ready = true;
            writeRequest();
        });
        m_socket = ssl;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_ready = true;
            writeRequest();
        });
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, &m_timeout, qOverload<>(&QTimer::start));
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &HttpConnection::onTimeout);

    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(url.host(), port);
    else
        m_socket->connectToHost(url.host(), port);
}

void HttpConnection::send(HttpExchange *exchange)
{
    m_current = exchange;
    exchange->m_connection = this;
    m_buffer.clear();
    m_headParsed = false;
    m_inChunk = false;
    m_timeout.start(exchange->request().timeoutMs);
    if (m_ready)
        writeRequest();
}

void HttpConnection::writeRequest()
{
    if (!m_current)
        return;
    const HttpExchange::Request &request = m_current->request();
    const QUrl &url = request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());

    QByteArray head = request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : request.headers)
        head += name + ": " + value + "\r\n";
    if (!request.body.isEmpty() || request.method != "GET")
        head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    head += "\r\n";
    m_current->m_wireHeaders = head;
    m_socket->write(head + request.body);
}

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    if (!m_current) {
        m_buffer.clear(); // nothing was asked: a stray byte means the stream is unusable
        close();
        return;
    }
    m_timeout.start();
    if (!m_headParsed && !parseHead())
        return;
    if (parseBody())
        finishCurrent();
}

bool HttpConnection::parseHead()
{
    for (;;) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        const int status = statusLine.value(1).toInt();
        if (!statusLine.first().startsWith("HTTP/1.") || status < 100) {
            finishCurrent(HttpExchange::Error::Other,
                          HttpExchange::tr("The server's answer is not HTTP."));
            return false;
        }
        if (status < 200)
            continue; // an interim answer (100 Continue): the real one follows
        HeaderList headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        m_current->m_status = status;
        m_current->m_responseHeaders = headers;
        m_headParsed = true;

        const QByteArray connection = headerValue(headers, "Connection").toLower();
        m_keepAlive =
            statusLine.first() == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
        const QByteArray length = headerValue(headers, "Content-Length");
        if (m_current->request().method == "HEAD" || status == 204 || status == 304) {
            m_bodyMode = BodyMode::None;
        } else if (headerValue(headers, "Transfer-Encoding").toLower().contains("chunked")) {
            m_bodyMode = BodyMode::Chunked;
        } else if (!length.isNull()) {
            m_bodyMode = BodyMode::Length;
            m_remaining = length.toLongLong();
        } else {
            m_bodyMode = BodyMode::UntilClose;
            m_keepAlive = false;
        }
        return true;
    }
}

bool HttpConnection::parseBody()
{
    QByteArray &body = m_current->m_responseBody;
    switch (m_bodyMode) {
    case BodyMode::None:
        return true;
    case BodyMode::UntilClose:
        body += m_buffer;
        m_buffer.clear();
        return false;
    case BodyMode::Length: {
        const qsizetype take = qsizetype(std::min<qint64>(m_remaining, m_buffer.size()));
        body += m_buffer.left(take);
        m_buffer.remove(0, take);
        m_remaining -= take;
        return m_remaining == 0;
    }
    case BodyMode::Chunked:
        for (;;) {
            if (!m_inChunk) {
                const qsizetype lineEnd = m_buffer.indexOf("\r\n");
                if (lineEnd < 0)
                    return false;
                QByteArray sizeText = m_buffer.left(lineEnd);
                const qsizetype extension = sizeText.indexOf(';');
                if (extension >= 0)
                    sizeText.truncate(extension);
                bool ok = false;
                m_remaining = sizeText.trimmed().toLongLong(&ok, 16);
                if (!ok) {
                    finishCurrent(HttpExchange::Error::Other,
                                  HttpExchange::tr("Malformed chunked answer."));
                    return false;
                }
                if (m_remaining == 0) {
                    // Last chunk: wait for the (usually empty) trailer section to end.
                    const qsizetype trailerEnd = m_buffer.indexOf("\r\n", lineEnd + 2);
                    if (trailerEnd < 0)
                        return false;
                    const qsizetype end = m_buffer.indexOf("\r\n\r\n", lineEnd);
                    m_buffer.remove(0, trailerEnd == lineEnd + 2 ? trailerEnd + 2 : end + 4);
                    return true;
                }
                m_buffer.remove(0, lineEnd + 2);
                m_inChunk = true;
            }
            if (m_buffer.size() < m_remaining + 2)
                return false;
            body += m_buffer.left(qsizetype(m_remaining));
            m_buffer.remove(0, qsizetype(m_remaining) + 2);
            m_inChunk = false;
        }
    }
    return false;
}

void HttpConnection::finishCurrent(HttpExchange::Error error, const QString &text)
{
    m_timeout.stop();
    QPointer<HttpExchange> exchange = m_current;
    m_current = nullptr;
    const bool reusable = error == HttpExchange::Error::None && m_keepAlive && m_buffer.isEmpty();
    if (!reusable)
        close();
    if (exchange)
        exchange->complete(error, text);
    if (reusable)
        m_transport->connectionIdle(this);
}

void HttpConnection::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_current) {
        close();
        return;
    }
    if (error == QAbstractSocket::RemoteHostClosedError && m_headParsed &&
        m_bodyMode == BodyMode::UntilClose) {
        m_current->m_responseBody += m_buffer;
        m_keepAlive = false;
        finishCurrent();
        return;
    }
    using Error = HttpExchange::Error;
    Error kind = Error::Other;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        kind = Error::ConnectionRefused;
        break;
    case QAbstractSocket::HostNotFoundError:
        kind = Error::HostNotFound;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        kind = Error::ConnectionClosed;
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        kind = Error::Tls;
        break;
    case QAbstractSocket::SocketTimeoutError:
        kind = Error::Timeout;
        break;
    default:
        break;
    }
    QString text = m_socket->errorString();
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket); ssl && kind == Error::Tls) {
        QStringList reasons;
        for (const QSslError &sslError : ssl->sslHandshakeErrors())
            reasons.append(sslError.errorString());
        if (!reasons.isEmpty())
            text = reasons.join(u"; "_s);
    }
    finishCurrent(kind, text);
}

void HttpConnection::onDisconnected()
{
    if (m_current)
        onSocketError(QAbstractSocket::RemoteHostClosedError);
    else
        close();
}

void HttpConnection::onTimeout()
{
    finishCurrent(HttpExchange::Error::Timeout, HttpExchange::tr("Timed out."));
}

void HttpConnection::abortCurrent()
{
    m_current = nullptr;
    m_timeout.stop();
    close();
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_socket->disconnect(this);
    m_socket->abort();
    m_transport->connectionGone(this);
}

HttpTransport::HttpTransport(QObject *parent)
    : QObject(parent)
{
}

HttpTransport::~HttpTransport() = default;

HttpExchange *HttpTransport::start(HttpExchange::Request request)
{
    const QString key = hostKeyOf(request.url);
    auto *exchange = new HttpExchange(std::move(request), this);
    m_queues[key].append(exchange);
    dispatch(key);
    return exchange;
}

void HttpTransport::dispatch(const QString &hostKey)
{
    QList<QPointer<HttpExchange>> &queue = m_queues[hostKey];
    QList<HttpConnection *> &connections = m_connections[hostKey];
    while (!queue.isEmpty()) {
        HttpExchange *exchange = queue.first();
        if (!exchange || exchange->isFinished()) {
            queue.removeFirst();
            continue;
        }
        HttpConnection *connection = nullptr;
        for (HttpConnection *candidate : std::as_const(connections)) {
            if (candidate->isIdle()) {
                connection = candidate;
                break;
            }
        }
        if (!connection) {
            if (connections.size() >= m_maxConnectionsPerHost)
                return;
            connection = new HttpConnection(this, hostKey, exchange->request().url);
            connections.append(connection);
        }
        queue.removeFirst();
        connection->send(exchange);
    }
}

void HttpTransport::connectionIdle(HttpConnection *connection)
{
    dispatch(connection->hostKey());
}

void HttpTransport::connectionGone(HttpConnection *connection)
{
    m_connections[connection->hostKey()].removeOne(connection);
    connection->deleteLater();
    // Let queued exchanges take a new connection, but not from inside the failing one.
    QTimer::singleShot(0, this, [this, key = connection->hostKey()] { dispatch(key); });
}
