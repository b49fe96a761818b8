#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QHttpServerRequest>
#include <QList>
#include <QUrl>

#include <memory>

class QTcpServer;

// A loopback HTTP server for client tests: it records every request and answers what the
// test told it to (the same answer until told otherwise).
class HttpFixture : public QAbstractHttpServer {
public:
    struct Recorded {
        QByteArray method;
        QString path;
        QString query;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };
    struct Answer {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        int delayMs = 0;
        bool silent = false; // never answer (for timeouts and cancellation)
    };

    HttpFixture();
    ~HttpFixture() override;

    QUrl baseUrl() const;
    quint16 port() const;

    void answer(int status, const QByteArray &body = {},
                const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    void answerJson(int status, const QByteArray &json, int rateLimit = 1800, int remaining = 1799);
    void setAnswer(const Answer &answer) { m_answer = answer; }

    const QList<Recorded> &requests() const { return m_requests; }
    Recorded lastRequest() const { return m_requests.value(m_requests.size() - 1); }
    void clear() { m_requests.clear(); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QTcpServer *m_tcp;
    Answer m_answer;
    QList<Recorded> m_requests;
};

// Runs `program` with `arguments` (and optional stdin) while the event loop keeps serving.
struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
ProcessResult runProcess(const QString &program, const QStringList &arguments,
                         const QByteArray &input = {}, const QStringList &environment = {},
                         int timeoutMs = 30000);
