#pragma once

#include "api/apiresult.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QPointer>

class ApiReply;
class JournyClient;

// Every request of this session, oldest first: when it was sent, the operation, what it
// targets (user, account, event), the status and the time it took. Requests are kept as
// they went on the wire (SentRequest: the key is already redacted), never with the key.
class RequestLog : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        OperationColumn,
        TargetColumn,
        StatusColumn,
        ElapsedColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // quint64, grows with every request
        OperationIdRole,
        StatusRole,  // int; 0 while pending or without a response
        OutcomeRole, // Outcome
    };
    enum class Outcome { Pending, Success, ClientError, ServerError, NoResponse };
    Q_ENUM(Outcome)

    struct Entry {
        quint64 id = 0;
        QDateTime sentAt;
        QString operationId;
        SentRequest request;
        bool finished = false;
        ApiResult result; // valid once finished
    };

    explicit RequestLog(QObject *parent = nullptr);

    // Records every request the client starts, and its answer.
    void attach(JournyClient *client);
    // By hand (attach() uses these).
    quint64 addSent(const QString &operationId, const SentRequest &request,
                    const QDateTime &sentAt = QDateTime::currentDateTime());
    void setFinished(quint64 id, const ApiResult &result);
    void clear();

    const QList<Entry> &entries() const { return m_entries; }
    const Entry *entry(quint64 id) const;
    const Entry *entryAt(int row) const;
    const Entry *last() const;

    static QString operationName(const QString &operationId);
    // "user 20 · john@acme.com", "account acme", "event signed_up · user 20", "domain x.com".
    static QString targetOf(const QString &operationId, const SentRequest &request);
    static Outcome outcomeOf(const Entry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
    quint64 m_nextId = 1;
};
