#include "sandboxserver.h"

#include "api/operation.h"
#include "ratewindow.h"
#include "sandboxapi.h"
#include "sandboxstate.h"
#include "util/textposition.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
const char InputBytesProperty[] = "journySandboxInputBytes";

// What Qt HttpServer 6.4 does with hostile input (tests/core/tst_sandboxrobustness.cpp):
// a request its parser rejects (garbage, unknown methods, bad chunking, overlong lines)
// closes the connection without an answer, before handleRequest() is reached, so only
// well-formed HTTP gets the sandbox's JSON errors. A client that half-closes its side
// after sending gets no answer either.
// QAbstractHttpServer (6.4) buffers a request until it is complete, however large. Bodies up
// to this size are read in full so the client gets a clean 413; beyond it the sandbox stops
// buffering, answers 413 at once and closes the connection.
constexpr qint64 HardInputLimit = 16 * 1024 * 1024;

QByteArray errorBody(int status, const QString &message)
{
    return QJsonDocument(QJsonObject{{u"meta"_s, QJsonObject{{u"requestId"_s, QString()},
                                                             {u"status"_s, status}}},
                                     {u"message"_s, message}})
        .toJson(QJsonDocument::Compact);
}

// Qt HttpServer 6.4 ignores "Expect: 100-continue", so clients that send it (curl does for
// large bodies) would wait a second before sending the body. Looked for at the start of
// each request, in the headers that arrived with it.
void continueIfExpected(QTcpSocket *socket)
{
    const QByteArray start = socket->peek(std::min<qint64>(socket->bytesAvailable(), 8192));
    if (!start.contains("100-"))
        return;
    const qsizetype end = start.indexOf("\r\n\r\n");
    if (start.left(end < 0 ? start.size() : end).toLower().contains("\r\nexpect: 100-continue"))
        socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

// Gives every connection a byte counter before QAbstractHttpServer gets it; the counter's
// readyRead slot is connected first, so it runs before the server's parser.
class GuardedTcpServer : public QTcpServer {
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            const qint64 before = socket->property(InputBytesProperty).toLongLong();
            const qint64 total = before + socket->bytesAvailable();
            socket->setProperty(InputBytesProperty, total);
            if (before == 0)
                continueIfExpected(socket);
            if (total <= HardInputLimit || socket->state() != QAbstractSocket::ConnectedState)
                return;
            const QByteArray body =
                errorBody(413, QCoreApplication::translate(
                                   "SandboxServer",
                                   "The request is larger than %1 bytes; the connection is closed.")
                                   .arg(HardInputLimit));
            socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                          "Connection: close\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->flush();
            socket->abort();
        });
        addPendingConnection(socket);
    }
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        return "OTHER";
    }
}


const QHash<QString, QList<const Operation *>> &routes()
{
    static const QHash<QString, QList<const Operation *>> table = [] {
        QHash<QString, QList<const Operation *>> result;
        for (const Operation &operation : OperationCatalogue::all())
            result[operation.path].append(&operation);
        return result;
    }();
    return table;
}
} // namespace

class SandboxHttp : public QAbstractHttpServer {
public:
    explicit SandboxHttp(SandboxServer *server)
        : QAbstractHttpServer(server)
        , m_server(server)
    {
    }

    static QHttpServerResponder responderFor(const QHttpServerRequest &request, QTcpSocket *socket)
    {
        return makeResponder(request, socket);
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_server->handle(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    SandboxServer *m_server;
};

struct SandboxServer::Reply {
    SandboxResponse response;
    int limit = 0;
    int remaining = 0;
    bool drop = false;
    bool inspection = false;
};

SandboxServer::SandboxServer(QObject *parent)
    : SandboxServer(SandboxOptions(), parent)
{
}

SandboxServer::SandboxServer(const SandboxOptions &options, QObject *parent)
    : QObject(parent)
    , m_state(new SandboxState(this))
    , m_api(std::make_unique<SandboxApi>(m_state, &m_fixture))
    , m_rateWindow(std::make_unique<RateWindow>())
    , m_http(new SandboxHttp(this))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setOptions(options);
    m_requestIdPrefix =
        "sbx-" + QByteArray::number(QRandomGenerator::system()->generate(), 16) + '-';
}

SandboxServer::~SandboxServer() = default;

void SandboxServer::setOptions(const SandboxOptions &options)
{
    m_options = options;
    m_random.seed(options.seed ? *options.seed : QRandomGenerator::system()->generate());
}

bool SandboxServer::listen(const QHostAddress &address, quint16 port)
{
    m_error.clear();
    if (m_tcp) {
        m_error = tr("The sandbox is already listening.");
        return false;
    }
    if (!m_options.stateFile.isEmpty() && !m_state->isPersistent()) {
        QString why;
        if (!m_state->openFile(m_options.stateFile, &why)) {
            m_error = tr("Cannot open the state file %1: %2").arg(m_options.stateFile, why);
            return false;
        }
    }
    auto *tcp = new GuardedTcpServer(this);
    if (!tcp->listen(address, port)) {
        m_error = tcp->errorString();
        delete tcp;
        return false;
    }
    m_http->bind(tcp);
    m_tcp = tcp;
    return true;
}

bool SandboxServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 SandboxServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QUrl SandboxServer::baseUrl() const
{
    if (!m_tcp)
        return {};
    QHostAddress host = m_tcp->serverAddress();
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host.toString());
    url.setPort(port());
    return url;
}

QString SandboxServer::nextRequestId()
{
    return QString::fromLatin1(m_requestIdPrefix + QByteArray::number(++m_requestCounter, 16));
}

void SandboxServer::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    socket->setProperty(InputBytesProperty, 0);
    const QByteArray method = methodName(request.method());
    const QString path = request.url().path();
    QString operationId;
    QString keyName;
    Reply reply = path.startsWith(u"/__sandbox/"_s) || path == u"/__sandbox"_s
                      ? inspect(method, path)
                      : process(request, method, path, &operationId, &keyName);

    if (!operationId.isEmpty() && OperationCatalogue::find(operationId)->deprecated) {
        // Every answer of a deprecated operation says so, errors included (RFC 8594 style).
        reply.response.headers.emplaceBack("Deprecation", "true");
        reply.response.headers.emplaceBack("Link", "</track>; rel=\"successor-version\"");
    }
    const QString requestId = nextRequestId();
    QByteArray bytes;
    if (!reply.drop && reply.response.status != 204) {
        // HTTP 204 cannot carry a body, although the spec declares one for
        // removeUserFromAccount: the sandbox sends none, as a real server must.
        // {"meta":{...}, then the rest of the body: cheaper than copying the body into a new
        // object, and "meta" first is easier to read. requestId never needs escaping.
        const QByteArray rest = QJsonDocument(reply.response.body).toJson(QJsonDocument::Compact);
        bytes.reserve(rest.size() + 64);
        bytes.append("{\"meta\":{\"requestId\":\"")
            .append(requestId.toLatin1())
            .append("\",\"status\":")
            .append(QByteArray::number(reply.response.status))
            .append('}');
        if (rest.size() > 2)
            bytes.append(',').append(QByteArrayView(rest).sliced(1));
        else
            bytes.append('}');
    }
    if (!reply.inspection) {
        SandboxRequestRecord record;
        record.requestId = requestId;
        record.receivedAt = QDateTime::fromMSecsSinceEpoch(m_clock(), QTimeZone::utc());
        record.method = method;
        record.path = request.url().toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        record.operationId = operationId;
        record.keyName = keyName;
        record.status = reply.drop ? 0 : reply.response.status;
        record.requestBody = request.body();
        record.responseBody = bytes;
        m_state->logRequest(std::move(record));
    }

    if (reply.drop) {
        QTimer::singleShot(reply.inspection ? 0 : m_options.latencyMs, socket,
                           [socket] { socket->abort(); });
        return;
    }
    const bool delayed = m_options.latencyMs > 0 && !reply.inspection;
    auto responder =
        std::make_shared<QHttpServerResponder>(SandboxHttp::responderFor(request, socket));
    // A HEAD answer has the headers of the GET answer and no body; anything else would be
    // read as the start of the next response on a kept-alive connection.
    const bool head = method == "HEAD";
    auto respond = [responder, reply = std::move(reply), bytes = std::move(bytes), head] {
        responder->writeStatusLine(QHttpServerResponder::StatusCode(reply.response.status));
        if (reply.response.status != 204) {
            responder->writeHeader("Content-Type", "application/json");
            responder->writeHeader("Content-Length", QByteArray::number(bytes.size()));
        }
        responder->writeHeader("X-RateLimit-Limit", QByteArray::number(reply.limit));
        responder->writeHeader("X-RateLimit-Remaining", QByteArray::number(reply.remaining));
        for (const auto &[name, value] : reply.response.headers)
            responder->writeHeader(name, value);
        responder->writeBody(head ? QByteArray() : bytes);
    };
    if (delayed)
        QTimer::singleShot(m_options.latencyMs, socket, std::move(respond));
    else
        respond();
}

SandboxServer::Reply SandboxServer::process(const QHttpServerRequest &request,
                                            const QByteArray &method, const QString &path,
                                            QString *operationId, QString *keyName)
{
    Reply reply;
    reply.limit = m_options.rateLimitPerMinute;
    reply.remaining = m_options.rateLimitPerMinute;

    const auto route = routes().constFind(path);
    if (route == routes().cend()) {
        reply.response = SandboxResponse::message(404, tr("There is no endpoint at %1.").arg(path));
        return reply;
    }
    const Operation *operation = nullptr;
    QByteArrayList allowed;
    for (const Operation *candidate : *route) {
        allowed.append(candidate->method);
        if (candidate->method == method)
            operation = candidate;
    }
    if (!operation) {
        reply.response =
            SandboxResponse::message(405, tr("%1 is not allowed on %2; use %3.")
                                              .arg(QString::fromLatin1(method), path,
                                                   QString::fromLatin1(allowed.join(" or "))));
        reply.response.headers.emplaceBack("Allow", allowed.join(", "));
        return reply;
    }
    *operationId = operation->id;

    // Fault injection: two draws for every API request, so a seed replays the same faults.
    const double dropDraw = m_random.generateDouble();
    const double failDraw = m_random.generateDouble();
    if (dropDraw < m_options.dropRate) {
        reply.drop = true;
        return reply;
    }
    if (failDraw < m_options.failRate) {
        reply.response = SandboxResponse::message(
            500, tr("An unexpected error occurred (injected by the sandbox's fail rate)."));
        return reply;
    }

    if (request.body().size() > MaxBodyBytes) {
        reply.response = SandboxResponse::message(
            413, tr("The request body has %1 bytes; at most %2 are accepted.")
                     .arg(request.body().size())
                     .arg(MaxBodyBytes));
        return reply;
    }

    const QByteArray keyText = request.value("X-Api-Key");
    if (keyText.isEmpty()) {
        reply.response = SandboxResponse::message(
            401, tr("No API key was provided: send it in the X-Api-Key header."));
        return reply;
    }
    const SandboxKey *key = m_keys.find(QString::fromUtf8(keyText));
    if (!key) {
        reply.response = SandboxResponse::message(401, tr("The API key is not known."));
        return reply;
    }
    *keyName = key->name;
    const qint64 now = m_clock();
    if (!key->enabled) {
        reply.remaining = m_rateWindow->remaining(key->key, reply.limit, now);
        reply.response =
            SandboxResponse::message(403, tr("The API key provided is currently not enabled."));
        return reply;
    }
    const RateWindow::Result rate = m_rateWindow->acquire(key->key, reply.limit, now);
    reply.remaining = rate.remaining;
    if (!rate.allowed) {
        reply.response = SandboxResponse::message(
            429, tr("Too many requests: a key may send %1 requests per minute.").arg(reply.limit));
        return reply;
    }
    if (!key->hasPermission(operation->permission)) {
        reply.response = SandboxResponse::message(
            401, tr("This API key lacks the %1 permission.").arg(operation->permission));
        return reply;
    }

    QJsonValue body;
    if (operation->hasBody) {
        const QByteArray contentType = request.value("Content-Type");
        const QByteArray mimeType = contentType.split(';').constFirst().trimmed().toLower();
        if (mimeType != "application/json") {
            reply.response = SandboxResponse::message(
                415, contentType.isEmpty()
                         ? tr("Send the body as application/json; no Content-Type was given.")
                         : tr("Send the body as application/json, not %1.")
                               .arg(QString::fromUtf8(contentType)));
            return reply;
        }
        const QByteArray raw = request.body();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(raw, &error);
        if (raw.trimmed().isEmpty() || document.isNull()) {
            const auto [line, column] = TextPosition::at(raw, error.offset);
            const QString why =
                raw.trimmed().isEmpty()
                    ? tr("The request body is empty; send a JSON object.")
                    : tr("The request body is not valid JSON: %1 at line %2, column %3 "
                         "(offset %4).")
                          .arg(error.errorString())
                          .arg(line)
                          .arg(column)
                          .arg(error.offset);
            reply.response = SandboxApi::badRequest({{u"body"_s, why}});
            reply.response.body.insert(u"message"_s, why);
            return reply;
        }
        body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    QueryItems query;
    for (const auto &[name, value] : request.query().queryItems(QUrl::FullyDecoded))
        query.append({name, value});
    reply.response = m_api->execute(*operation, body, query, *key);
    return reply;
}

SandboxServer::Reply SandboxServer::inspect(const QByteArray &method, const QString &path)
{
    Reply reply;
    reply.inspection = true;
    reply.limit = m_options.rateLimitPerMinute;
    reply.remaining = m_options.rateLimitPerMinute;
    const QString name = path.mid(QStringView(u"/__sandbox/").size());
    static const QStringList readable = {u"users"_s, u"accounts"_s, u"events"_s, u"links"_s,
                                         u"requests"_s};
    if (name == u"reset"_s) {
        if (method != "POST") {
            reply.response = SandboxResponse::message(405, tr("Use POST to reset the sandbox."));
            reply.response.headers.emplaceBack("Allow", "POST");
            return reply;
        }
        m_state->reset();
        m_rateWindow->clear();
        reply.response = SandboxResponse::message(200, tr("The sandbox state was reset."));
        return reply;
    }
    if (!readable.contains(name)) {
        reply.response = SandboxResponse::message(
            404, tr("There is no endpoint at %1; the sandbox has /__sandbox/%2 and "
                    "POST /__sandbox/reset.")
                     .arg(path, readable.join(u", /__sandbox/"_s)));
        return reply;
    }
    if (method != "GET") {
        reply.response = SandboxResponse::message(405, tr("Use GET to read %1.").arg(path));
        reply.response.headers.emplaceBack("Allow", "GET");
        return reply;
    }
    QJsonArray data;
    if (name == u"users"_s)
        data = m_state->usersJson();
    else if (name == u"accounts"_s)
        data = m_state->accountsJson();
    else if (name == u"events"_s)
        data = m_state->eventsJson();
    else if (name == u"links"_s)
        data = m_state->linksJson();
    else
        data = m_state->requestsJson();
    reply.response = SandboxResponse::data(data);
    return reply;
}
