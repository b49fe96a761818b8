#pragma once

#include "sandboxdata.h"

#include <QString>

// SQLite persistence of the sandbox state (--state FILE.sqlite): every change is written
// through as it happens, so a crash or kill loses at most the request in flight. Records
// are stored as JSON rows; the file is the sandbox's own, not a format for other programs.
class SandboxStore {
public:
    struct Snapshot {
        QList<SandboxEntity> users;
        QList<SandboxEntity> accounts;
        QHash<qint64, QList<SandboxMember>> members; // by account seq
        QList<SandboxEvent> events;
        QList<SandboxLink> links;
        SandboxPropertyCatalogue userProperties;
        SandboxPropertyCatalogue accountProperties;
        QList<SandboxRequestRecord> requests;
        qint64 nextSeq = 1;
        QHash<QString, QString> meta;
    };

    SandboxStore();
    ~SandboxStore();
    SandboxStore(const SandboxStore &) = delete;
    SandboxStore &operator=(const SandboxStore &) = delete;

    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_open; }
    QString lastError() const { return m_lastError; }
    Snapshot load();

    void saveEntity(SandboxScope scope, const SandboxEntity &entity);
    void removeEntity(SandboxScope scope, qint64 seq);
    void saveMembers(qint64 accountSeq, const QList<SandboxMember> &members);
    // Rows older than `oldestKept` (a seq) are dropped: the state keeps a bounded history.
    void addEvent(const SandboxEvent &event, qint64 oldestKept);
    void saveLink(const SandboxLink &link);
    void saveProperty(SandboxScope scope, const QString &name, PropertyKind kind, qsizetype order);
    void addRequest(const SandboxRequestRecord &record, qint64 oldestKept);
    void saveMeta(const QString &key, const QString &value);
    void clear();

private:
    bool exec(const QString &sql, const QVariantList &values = {});

    QString m_connection;
    bool m_open = false;
    QString m_lastError;
};
