#include "sandboxstore.h"

#include <QAtomicInteger>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
QString scopeName(SandboxScope scope)
{
    return scope == SandboxScope::Users ? u"users"_s : u"accounts"_s;
}

QString toText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}
} // namespace

SandboxStore::SandboxStore()
{
    static QAtomicInteger<quint64> counter;
    m_connection = u"journy-sandbox-store-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

SandboxStore::~SandboxStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool SandboxStore::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    m_open = true;
    const bool ok =
        exec(u"PRAGMA journal_mode=WAL"_s) && exec(u"PRAGMA synchronous=NORMAL"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS entities (scope TEXT NOT NULL, seq INTEGER NOT NULL, "
             "json TEXT NOT NULL, PRIMARY KEY (scope, seq))"_s) &&
        exec(
            u"CREATE TABLE IF NOT EXISTS members (account INTEGER PRIMARY KEY, json TEXT NOT NULL)"_s) &&
        exec(
            u"CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, json TEXT NOT NULL)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS links (device TEXT PRIMARY KEY, json TEXT NOT NULL)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS properties (scope TEXT NOT NULL, name TEXT NOT NULL, "
             "kind TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (scope, name))"_s) &&
        exec(
            u"CREATE TABLE IF NOT EXISTS requests (seq INTEGER PRIMARY KEY, json TEXT NOT NULL)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s);
    if (!ok) {
        *error = m_lastError;
        m_open = false;
    }
    return ok;
}

bool SandboxStore::exec(const QString &sql, const QVariantList &values)
{
    if (!m_open)
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.prepare(sql)) {
        m_lastError = query.lastError().text();
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        qWarning("journy-sandbox: state file write failed: %s", qPrintable(m_lastError));
        return false;
    }
    return true;
}

SandboxStore::Snapshot SandboxStore::load()
{
    Snapshot snapshot;
    if (!m_open)
        return snapshot;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    qint64 maxSeq = 0;

    query.exec(u"SELECT scope, json FROM entities ORDER BY seq"_s);
    while (query.next()) {
        const SandboxEntity entity = SandboxEntity::fromJson(fromText(query.value(1)));
        maxSeq = std::max(maxSeq, entity.seq);
        (query.value(0).toString() == u"users"_s ? snapshot.users : snapshot.accounts)
            .append(entity);
    }
    query.exec(u"SELECT account, json FROM members"_s);
    while (query.next()) {
        QList<SandboxMember> members;
        const QJsonArray array =
            QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array();
        for (const QJsonValue &value : array)
            members.append(SandboxMember::fromJson(value.toObject()));
        snapshot.members.insert(query.value(0).toLongLong(), members);
    }
    query.exec(u"SELECT json FROM events ORDER BY seq"_s);
    while (query.next()) {
        snapshot.events.append(SandboxEvent::fromJson(fromText(query.value(0))));
        maxSeq = std::max(maxSeq, snapshot.events.last().seq);
    }
    query.exec(u"SELECT json FROM links"_s);
    while (query.next())
        snapshot.links.append(SandboxLink::fromJson(fromText(query.value(0))));
    query.exec(u"SELECT scope, name, kind FROM properties ORDER BY ord"_s);
    while (query.next()) {
        SandboxPropertyCatalogue &catalogue = query.value(0).toString() == u"users"_s
                                                  ? snapshot.userProperties
                                                  : snapshot.accountProperties;
        const QString name = query.value(1).toString();
        catalogue.names.append(name);
        catalogue.kinds.insert(name, propertyKindFromName(query.value(2).toString()));
    }
    query.exec(u"SELECT json FROM requests ORDER BY seq"_s);
    while (query.next()) {
        snapshot.requests.append(SandboxRequestRecord::fromJson(fromText(query.value(0))));
        maxSeq = std::max(maxSeq, snapshot.requests.last().seq);
    }
    query.exec(u"SELECT key, value FROM meta"_s);
    while (query.next())
        snapshot.meta.insert(query.value(0).toString(), query.value(1).toString());
    snapshot.nextSeq = std::max(snapshot.meta.value(u"nextSeq"_s).toLongLong(), maxSeq + 1);
    return snapshot;
}

void SandboxStore::saveEntity(SandboxScope scope, const SandboxEntity &entity)
{
    exec(u"INSERT OR REPLACE INTO entities (scope, seq, json) VALUES (?, ?, ?)"_s,
         {scopeName(scope), entity.seq, toText(entity.toJson())});
}

void SandboxStore::removeEntity(SandboxScope scope, qint64 seq)
{
    exec(u"DELETE FROM entities WHERE scope = ? AND seq = ?"_s, {scopeName(scope), seq});
    if (scope == SandboxScope::Accounts)
        exec(u"DELETE FROM members WHERE account = ?"_s, {seq});
}

void SandboxStore::saveMembers(qint64 accountSeq, const QList<SandboxMember> &members)
{
    QJsonArray array;
    for (const SandboxMember &member : members)
        array.append(member.toJson());
    exec(u"INSERT OR REPLACE INTO members (account, json) VALUES (?, ?)"_s,
         {accountSeq, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact))});
}

void SandboxStore::addEvent(const SandboxEvent &event, qint64 oldestKept)
{
    exec(u"INSERT OR REPLACE INTO events (seq, json) VALUES (?, ?)"_s,
         {event.seq, toText(event.toJson())});
    exec(u"DELETE FROM events WHERE seq < ?"_s, {oldestKept});
}

void SandboxStore::saveLink(const SandboxLink &link)
{
    exec(u"INSERT OR REPLACE INTO links (device, json) VALUES (?, ?)"_s,
         {link.deviceId, toText(link.toJson())});
}

void SandboxStore::saveProperty(SandboxScope scope, const QString &name, PropertyKind kind,
                                qsizetype order)
{
    exec(u"INSERT OR REPLACE INTO properties (scope, name, kind, ord) VALUES (?, ?, ?, ?)"_s,
         {scopeName(scope), name, propertyKindName(kind), qint64(order)});
}

void SandboxStore::addRequest(const SandboxRequestRecord &record, qint64 oldestKept)
{
    exec(u"INSERT OR REPLACE INTO requests (seq, json) VALUES (?, ?)"_s,
         {record.seq, toText(record.toJson())});
    exec(u"DELETE FROM requests WHERE seq < ?"_s, {oldestKept});
}

void SandboxStore::saveMeta(const QString &key, const QString &value)
{
    exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s, {key, value});
}

void SandboxStore::clear()
{
    for (const QString &table : {u"entities"_s, u"members"_s, u"events"_s, u"links"_s,
                                 u"properties"_s, u"requests"_s, u"meta"_s})
        exec(u"DELETE FROM "_s + table);
}
