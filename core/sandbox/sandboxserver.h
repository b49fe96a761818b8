#pragma once

#include "sandboxfixture.h"
#include "sandboxkeys.h"
#include "sandboxoptions.h"

#include <QHostAddress>
#include <QObject>
#include <QRandomGenerator>
#include <QUrl>

#include <functional>
#include <memory>

class SandboxApi;
class SandboxHttp;
class SandboxState;
class QHttpServerRequest;
class QTcpServer;
class QTcpSocket;

// A local, stateful journy.io: the spec's 16 operations over HTTP with keys, permissions,
// the sliding-window rate limit and fault injection, plus read-only inspection endpoints
// under /__sandbox/ (users, accounts, events, links, requests; POST reset). The console
// runs it in-process on a free loopback port; journy-sandbox runs it on its own.
class SandboxServer : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype MaxBodyBytes = 1024 * 1024; // larger bodies get 413

    explicit SandboxServer(QObject *parent = nullptr);
    explicit SandboxServer(const SandboxOptions &options, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Set before listen(); the state file is opened by listen().
    void setOptions(const SandboxOptions &options);
    const SandboxOptions &options() const { return m_options; }

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    QString errorString() const { return m_error; }
    QUrl baseUrl() const;
    quint16 port() const;

    void addKey(const SandboxKey &key) { m_keys.add(key); }
    // Adds a key with every permission and returns it.
    QString createDefaultKey() { return m_keys.createDefaultKey(); }
    const SandboxKeys &keys() const { return m_keys; }
    SandboxKeys &keys() { return m_keys; }
    void setFixture(const SandboxFixture &fixture) { m_fixture = fixture; }
    const SandboxFixture &fixture() const { return m_fixture; }

    // What requests did; connect to its signals to follow along.
    SandboxState *state() const { return m_state; }

    // Milliseconds since the epoch; tests replace it to move time.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

private:
    friend class SandboxHttp;
    struct Reply;
    void handle(const QHttpServerRequest &request, QTcpSocket *socket);
    Reply process(const QHttpServerRequest &request, const QByteArray &method, const QString &path,
                  QString *operationId, QString *keyName);
    Reply inspect(const QByteArray &method, const QString &path);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const Reply &reply);
    QString nextRequestId();

    SandboxOptions m_options;
    SandboxKeys m_keys;
    SandboxFixture m_fixture;
    SandboxState *m_state;
    std::unique_ptr<SandboxApi> m_api;
    std::unique_ptr<class RateWindow> m_rateWindow;
    SandboxHttp *m_http = nullptr;
    QTcpServer *m_tcp = nullptr;
    QRandomGenerator m_random;
    std::function<qint64()> m_clock;
    QByteArray m_requestIdPrefix;
    quint64 m_requestCounter = 0;
    QString m_error;
};
