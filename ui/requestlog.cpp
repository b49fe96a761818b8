#include "requestlog.h"

#include "api/apireply.h"
#include "api/journyclient.h"
#include "api/operation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

RequestLog::RequestLog(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RequestLog::attach(JournyClient *client)
{
    connect(client, &JournyClient::requestStarted, this, [this](ApiReply *reply) {
        const quint64 id = addSent(reply->operationId(), reply->request());
        connect(reply, &ApiReply::finished, this,
                [this, id](const ApiResult &result) { setFinished(id, result); });
    });
}

quint64 RequestLog::addSent(const QString &operationId, const SentRequest &request,
                            const QDateTime &sentAt)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    Entry entry;
    entry.id = m_nextId++;
    entry.sentAt = sentAt;
    entry.operationId = operationId;
    entry.request = request;
    m_entries.append(entry);
    endInsertRows();
    return entry.id;
}

void RequestLog::setFinished(quint64 id, const ApiResult &result)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &entry = m_entries[row];
        if (entry.id != id)
            continue;
        entry.finished = true;
        entry.result = result;
        // The request as it finally went out (the same, with the key redacted).
        if (!result.request.url.isEmpty())
            entry.request = result.request;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
}

void RequestLog::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

const RequestLog::Entry *RequestLog::entry(quint64 id) const
{
    for (const Entry &entry : m_entries) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

const RequestLog::Entry *RequestLog::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

const RequestLog::Entry *RequestLog::last() const
{
    return m_entries.isEmpty() ? nullptr : &m_entries.last();
}

QString RequestLog::operationName(const QString &operationId)
{
    const Operation *operation = OperationCatalogue::find(operationId);
    return operation ? operation->summary : operationId;
}

QString RequestLog::targetOf(const QString &operationId, const SentRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    auto user = [](const QJsonObject &identification) {
        QStringList parts;
        if (identification.contains(u"userId"))
            parts << tr("user %1").arg(identification.value(u"userId").toString());
        if (identification.contains(u"email"))
            parts << identification.value(u"email").toString();
        return parts.join(u" · "_s);
    };
    auto account = [](const QJsonObject &identification) {
        QStringList parts;
        if (identification.contains(u"accountId"))
            parts << tr("account %1").arg(identification.value(u"accountId").toString());
        if (identification.contains(u"domain"))
            parts << identification.value(u"domain").toString();
        return parts.join(u" · "_s);
    };
    const QJsonObject identification = body.value(u"identification").toObject();
    QStringList parts;
    if (operationId == u"upsertUser" || operationId == u"deleteUser") {
        parts << user(identification);
    } else if (operationId == u"link") {
        parts << tr("device %1").arg(body.value(u"deviceId").toString()) << user(identification);
    } else if (operationId == u"upsertAccount" || operationId == u"deleteAccount") {
        parts << account(identification);
    } else if (operationId == u"addUserToAccount" || operationId == u"removeUserFromAccount") {
        const qsizetype users = body.value(u"users").toArray().size();
        parts << account(body.value(u"account").toObject())
              << (users == 1 ? tr("1 user") : tr("%1 users").arg(users));
    } else if (operationId == u"trackEvent" || operationId == u"trackJourneyEvent") {
        parts << tr("event %1").arg(body.value(u"name").toString())
              << user(identification.value(u"user").toObject())
              << account(identification.value(u"account").toObject());
    } else {
        const QUrlQuery query(request.url);
        const QString domain = query.queryItemValue(u"domain"_s, QUrl::FullyDecoded);
        if (!domain.isEmpty())
            parts << tr("domain %1").arg(domain);
    }
    parts.removeAll(QString());
    return parts.join(u" · "_s);
}

RequestLog::Outcome RequestLog::outcomeOf(const Entry &entry)
{
    if (!entry.finished)
        return Outcome::Pending;
    const int status = entry.result.status;
    if (status == 0)
        return Outcome::NoResponse;
    if (status < 400)
        return Outcome::Success;
    return status < 500 ? Outcome::ClientError : Outcome::ServerError;
}

int RequestLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLog::data(const QModelIndex &index, int role) const
{
    const Entry *entry = entryAt(index.row());
    if (!entry || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case IdRole:
        return entry->id;
    case OperationIdRole:
        return entry->operationId;
    case StatusRole:
        return entry->finished ? entry->result.status : 0;
    case OutcomeRole:
        return QVariant::fromValue(outcomeOf(*entry));
    case Qt::ToolTipRole:
        if (index.column() == OperationColumn)
            return u"%1 %2"_s.arg(QString::fromLatin1(entry->request.method),
                                  entry->request.url.path());
        if (index.column() == StatusColumn && entry->finished)
            return entry->result.message;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case TimeColumn:
        return entry->sentAt.toLocalTime().toString(u"HH:mm:ss"_s);
    case OperationColumn:
        return operationName(entry->operationId);
    case TargetColumn:
        return targetOf(entry->operationId, entry->request);
    case StatusColumn:
        return entry->finished ? entry->result.summary() : tr("sending…");
    case ElapsedColumn:
        return entry->finished ? tr("%1 ms").arg(entry->result.elapsedMs) : QString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case OperationColumn:
        return tr("Operation");
    case TargetColumn:
        return tr("Target");
    case StatusColumn:
        return tr("Status");
    case ElapsedColumn:
        return tr("Elapsed");
    case ColumnCount:
        break;
    }
    return {};
}
