#include "httpfixture.h"

#include <QHttpServerResponder>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

QByteArray HttpFixture::Recorded::header(const QByteArray &name) const {
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpFixture::HttpFixture()
    : m_tcp(new QTcpServer(this)) {
    if (!m_tcp->listen(QHostAddress::LocalHost, 0))
        qFatal("HttpFixture: cannot listen on loopback");
    bind(m_tcp);
}

HttpFixture::~HttpFixture() = default;

QUrl HttpFixture::baseUrl() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_tcp->serverPort()));
}

quint16 HttpFixture::port() const {
    return m_tcp->serverPort();
}

void HttpFixture::answer(int status, const QByteArray &body,
                         const QList<std::pair<QByteArray, QByteArray>> &headers) {
    m_answer = Answer{status, body, headers, 0, false};
}

void HttpFixture::answerJson(int status, const QByteArray &json, int rateLimit, int remaining) {
    answer(status, json,
           {{"Content-Type", "application/json"},
            {"X-RateLimit-Limit", QByteArray::number(rateLimit)},
            {"X-RateLimit-Remaining", QByteArray::number(remaining)}});
}

bool HttpFixture::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) {
    static const QHash<QHttpServerRequest::Method, QByteArray> methods = {
        {QHttpServerRequest::Method::Get, "GET"},       {QHttpServerRequest::Method::Post, "POST"},
        {QHttpServerRequest::Method::Delete, "DELETE"}, {QHttpServerRequest::Method::Put, "PUT"},
        {QHttpServerRequest::Method::Patch, "PATCH"},   {QHttpServerRequest::Method::Head, "HEAD"},
    };
    Recorded recorded;
    recorded.method = methods.value(request.method(), "OTHER");
    recorded.path = request.url().path();
    recorded.query = request.url().query(QUrl::FullyEncoded);
    for (const auto &pair : request.headers())
        recorded.headers.append({pair.first, pair.second});
    recorded.body = request.body();
    m_requests.append(recorded);

    const Answer answer = m_answer;
    if (answer.silent)
        return true;
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    auto respond = [responder, answer] {
        responder->writeStatusLine(QHttpServerResponder::StatusCode(answer.status));
        responder->writeHeader("Content-Length", QByteArray::number(answer.body.size()));
        for (const auto &[name, value] : answer.headers)
            responder->writeHeader(name, value);
        responder->writeBody(answer.body);
    };
    if (answer.delayMs > 0)
        QTimer::singleShot(answer.delayMs, socket, respond);
    else
        respond();
    return true;
}

void HttpFixture::missingHandler(const QHttpServerRequest &, QTcpSocket *) {}

ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const QByteArray &input, const QStringList &environment, int timeoutMs) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &assignment : environment) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals < 0)
            env.remove(assignment);
        else
            env.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {};
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    ProcessResult result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
