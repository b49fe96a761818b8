#pragma once

#include "sandboxdata.h"

#include <QJsonArray>
#include <QMap>
#include <QObject>
#include <QSet>

#include <deque>
#include <memory>

class SandboxStore;

// Everything the sandbox has learnt from requests: users, accounts, members, events, links,
// the property names and types seen, and the recent requests. In memory, and written
// through to SQLite when opened on a file.
//
// Property types: a property name gets its type (per scope: all users share one catalogue,
// all accounts another, as journy.io defines properties per workspace) the first time a
// non-null value is stored for it:
//   - a string that is an ISO 8601 date-time with a time zone -> datetime
//   - any other string (including "") -> string
//   - number, boolean, array (of strings) -> number, boolean, array
// Later values must have the same type, except that a string property also takes
// date-time strings. A value of another type is not stored and is reported in `rejected`
// ("Expected a date but found a boolean."); the rest of the request still succeeds.
// `null` deletes the property from that user or account and is never rejected.
class SandboxState : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype MaxEvents = 10000;  // older events are forgotten
    static constexpr qsizetype MaxRequests = 1000; // the requests log keeps the newest

    explicit SandboxState(QObject *parent = nullptr);
    ~SandboxState() override;

    // Loads the file (creating it) and writes every later change to it.
    bool openFile(const QString &path, QString *error);
    bool isPersistent() const;

    // The API operations. Identifications are the JSON objects of the spec.
    // Returns the properties not stored, with the reason.
    QMap<QString, QString> upsert(SandboxScope scope, const QJsonObject &identification,
                                  const QJsonObject &properties);
    bool remove(SandboxScope scope, const QJsonObject &identification); // false: not found
    void addMembers(const QJsonObject &account, const QList<QJsonObject> &users);
    void removeMembers(const QJsonObject &account, const QList<QJsonObject> &users);
    void trackEvent(const QString &operationId, const QJsonObject &identification,
                    const QString &name, const QJsonObject &metadata, const QString &triggeredAt);
    void link(const QString &deviceId, const QJsonObject &identification);
    void logRequest(SandboxRequestRecord record);
    void reset();

    // Reading: JSON views for the inspection endpoints and the console.
    QJsonArray usersJson() const;
    QJsonArray accountsJson() const;
    QJsonArray eventsJson() const;
    QJsonArray linksJson() const;
    QJsonArray requestsJson() const;
    QJsonArray propertiesJson(SandboxScope scope) const; // GET /properties/*
    QJsonArray eventNamesJson() const;                   // GET /events
    const SandboxEntity *findUser(const QJsonObject &identification) const;
    const SandboxEntity *findAccount(const QJsonObject &identification) const;
    PropertyKind propertyKind(SandboxScope scope, const QString &name) const;
    qsizetype userCount() const { return m_users.entities.size(); }
    qsizetype accountCount() const { return m_accounts.entities.size(); }
    qsizetype eventCount() const { return qsizetype(m_events.size()); }
    const std::deque<SandboxRequestRecord> &requests() const { return m_requests; }

    static bool isDateTime(const QString &text);

Q_SIGNALS:
    void changed(); // users, accounts, members, events or links changed
    void requestLogged(const SandboxRequestRecord &record);

private:
    // Users or accounts with their lookup indexes.
    struct Table {
        QMap<qint64, SandboxEntity> entities; // by seq, so listing keeps creation order
        QHash<QString, qint64> byExternalId;  // userId / accountId
        QHash<QString, qint64> bySecondary;   // email / domain
        SandboxPropertyCatalogue properties;
        void clear()
        {
            entities.clear();
            byExternalId.clear();
            bySecondary.clear();
            properties.clear();
        }
        void index(const SandboxEntity &entity);
    };

    Table &table(SandboxScope scope) { return scope == SandboxScope::Users ? m_users : m_accounts; }
    const Table &table(SandboxScope scope) const
    {
        return scope == SandboxScope::Users ? m_users : m_accounts;
    }
    static std::pair<QString, QString> keysOf(SandboxScope scope,
                                              const QJsonObject &identification);
    const SandboxEntity *find(SandboxScope scope, const QJsonObject &identification) const;
    SandboxEntity &findOrCreate(SandboxScope scope, const QJsonObject &identification);
    QString storeProperty(SandboxScope scope, SandboxEntity &entity, const QString &name,
                          const QJsonValue &value);
    void setMembership(const QJsonObject &account, const QList<QJsonObject> &users, bool removed);
    qint64 nextSeq();

    Table m_users;
    Table m_accounts;
    QHash<qint64, QList<SandboxMember>> m_members; // by account seq
    std::deque<SandboxEvent> m_events;
    QList<QString> m_eventNames; // in the order first seen
    QSet<QString> m_eventNameSet;
    QMap<QString, SandboxLink> m_links;
    std::deque<SandboxRequestRecord> m_requests;
    qint64 m_nextSeq = 1;
    std::unique_ptr<SandboxStore> m_store;
};
