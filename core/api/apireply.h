#pragma once

#include "apiresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

class HttpExchange;

// One call in flight. Emits finished() exactly once, then deletes itself; destroying it
// earlier aborts the request without emitting.
class ApiReply : public QObject {
    Q_OBJECT
public:
    ApiReply(ApiResult result, HttpExchange *exchange, QObject *parent);
    // A call refused before anything was sent; finished() is emitted from the event loop.
    static ApiReply *refused(ApiResult result, TransportError error, const QString &text,
                             QObject *parent);
    ~ApiReply() override;

    QString operationId() const { return m_result.operationId; }
    const SentRequest &request() const { return m_result.request; }
    bool isFinished() const { return m_finished; }
    const ApiResult &result() const { return m_result; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void finished(const ApiResult &result);

private:
    void onExchangeFinished();
    void finish();

    ApiResult m_result;
    QPointer<HttpExchange> m_exchange;
    QElapsedTimer m_timer;
    bool m_cancelled = false;
    bool m_finished = false;
};
