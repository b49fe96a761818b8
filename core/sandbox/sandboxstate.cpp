#include "sandboxstate.h"

#include "sandboxstore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxState", text);
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// "Expected a date but found a boolean."
QString typeMismatch(PropertyKind expected, const QJsonValue &found)
{
    QString expectedText;
    switch (expected) {
    case PropertyKind::String:
        expectedText = tr("a string");
        break;
    case PropertyKind::DateTime:
        expectedText = tr("a date");
        break;
    case PropertyKind::Number:
        expectedText = tr("a number");
        break;
    case PropertyKind::Boolean:
        expectedText = tr("a boolean");
        break;
    case PropertyKind::Array:
    case PropertyKind::Unknown:
        expectedText = tr("an array");
        break;
    }
    QString foundText;
    switch (found.type()) {
    case QJsonValue::String:
        foundText = tr("a string");
        break;
    case QJsonValue::Double:
        foundText = tr("a number");
        break;
    case QJsonValue::Bool:
        foundText = tr("a boolean");
        break;
    case QJsonValue::Array:
        foundText = tr("an array");
        break;
    default:
        foundText = tr("an object");
        break;
    }
    return tr("Expected %1 but found %2.").arg(expectedText, foundText);
}

QString label(const QString &name)
{
    QString text = name;
    text.replace(u'_', u' ').replace(u'-', u' ');
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString entityId(SandboxScope scope, qint64 seq)
{
    return (scope == SandboxScope::Users ? u"user-"_s : u"account-"_s) + QString::number(seq);
}
} // namespace

void SandboxState::Table::index(const SandboxEntity &entity)
{
    if (!entity.externalId.isEmpty())
        byExternalId.insert(entity.externalId, entity.seq);
    if (!entity.secondary.isEmpty())
        bySecondary.insert(entity.secondary.toLower(), entity.seq);
}

SandboxState::SandboxState(QObject *parent)
    : QObject(parent)
{
}

SandboxState::~SandboxState() = default;

bool SandboxState::isPersistent() const
{
    return m_store && m_store->isOpen();
}

bool SandboxState::openFile(const QString &path, QString *error)
{
    auto store = std::make_unique<SandboxStore>();
    if (!store->open(path, error))
        return false;
    SandboxStore::Snapshot snapshot = store->load();
    m_users.clear();
    m_accounts.clear();
    for (const SandboxEntity &user : std::as_const(snapshot.users)) {
        m_users.entities.insert(user.seq, user);
        m_users.index(user);
    }
    for (const SandboxEntity &account : std::as_const(snapshot.accounts)) {
        m_accounts.entities.insert(account.seq, account);
        m_accounts.index(account);
    }
    m_users.properties = snapshot.userProperties;
    m_accounts.properties = snapshot.accountProperties;
    m_members = snapshot.members;
    m_events.assign(snapshot.events.cbegin(), snapshot.events.cend());
    m_eventNames.clear();
    const QJsonArray names =
        QJsonDocument::fromJson(snapshot.meta.value(u"eventNames"_s).toUtf8()).array();
    for (const QJsonValue &name : names)
        m_eventNames.append(name.toString());
    m_eventNameSet = QSet<QString>(m_eventNames.cbegin(), m_eventNames.cend());
    m_links.clear();
    for (const SandboxLink &link : std::as_const(snapshot.links))
        m_links.insert(link.deviceId, link);
    m_requests.assign(snapshot.requests.cbegin(), snapshot.requests.cend());
    m_nextSeq = snapshot.nextSeq;
    m_store = std::move(store);
    Q_EMIT changed();
    return true;
}

qint64 SandboxState::nextSeq()
{
    return m_nextSeq++;
}

bool SandboxState::isDateTime(const QString &text)
{
    // Cheap shape check first: this runs for every string property of every upsert.
    if (text.size() < 20 || text.size() > 40 || text.at(4) != u'-' || text.at(7) != u'-' ||
        text.at(10) != u'T')
        return false;
    const QChar last = text.back();
    const bool hasZone = last == u'Z' || last == u'z' ||
                         (text.size() >= 6 &&
                          (text.at(text.size() - 6) == u'+' || text.at(text.size() - 6) == u'-'));
    return hasZone && QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
}

std::pair<QString, QString> SandboxState::keysOf(SandboxScope scope,
                                                 const QJsonObject &identification)
{
    if (scope == SandboxScope::Users)
        return {identification.value(u"userId"_s).toString(),
                identification.value(u"email"_s).toString()};
    return {identification.value(u"accountId"_s).toString(),
            identification.value(u"domain"_s).toString()};
}

const SandboxEntity *SandboxState::find(SandboxScope scope, const QJsonObject &identification) const
{
    const Table &t = table(scope);
    const auto [externalId, secondary] = keysOf(scope, identification);
    if (!externalId.isEmpty()) {
        const auto it = t.byExternalId.constFind(externalId);
        if (it != t.byExternalId.cend())
            return &t.entities.find(*it).value();
    }
    if (!secondary.isEmpty()) {
        const auto it = t.bySecondary.constFind(secondary.toLower());
        if (it != t.bySecondary.cend()) {
            const SandboxEntity &entity = t.entities.find(*it).value();
            // The same email with another userId is another user.
            if (externalId.isEmpty() || entity.externalId.isEmpty())
                return &entity;
        }
    }
    return nullptr;
}

const SandboxEntity *SandboxState::findUser(const QJsonObject &identification) const
{
    return find(SandboxScope::Users, identification);
}

const SandboxEntity *SandboxState::findAccount(const QJsonObject &identification) const
{
    return find(SandboxScope::Accounts, identification);
}

PropertyKind SandboxState::propertyKind(SandboxScope scope, const QString &name) const
{
    return table(scope).properties.kinds.value(name, PropertyKind::Unknown);
}

SandboxEntity &SandboxState::findOrCreate(SandboxScope scope, const QJsonObject &identification)
{
    Table &t = table(scope);
    const auto [externalId, secondary] = keysOf(scope, identification);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    SandboxEntity *entity = const_cast<SandboxEntity *>(find(scope, identification));
    if (!entity) {
        SandboxEntity created;
        created.seq = nextSeq();
        created.createdAt = now;
        entity = &t.entities.insert(created.seq, created).value();
    }
    if (!externalId.isEmpty() && entity->externalId != externalId) {
        t.byExternalId.remove(entity->externalId);
        entity->externalId = externalId;
    }
    if (!secondary.isEmpty() && entity->secondary != secondary) {
        if (t.bySecondary.value(entity->secondary.toLower(), -1) == entity->seq)
            t.bySecondary.remove(entity->secondary.toLower());
        entity->secondary = secondary;
    }
    t.index(*entity);
    entity->updatedAt = now;
    return *entity;
}

// Returns why the value was not stored, or an empty string.
QString SandboxState::storeProperty(SandboxScope scope, SandboxEntity &entity, const QString &name,
                                    const QJsonValue &value)
{
    SandboxPropertyCatalogue &catalogue = table(scope).properties;
    if (!catalogue.kinds.contains(name)) {
        catalogue.names.append(name);
        catalogue.kinds.insert(name, PropertyKind::Unknown);
        if (m_store)
            m_store->saveProperty(scope, name, PropertyKind::Unknown, catalogue.names.size() - 1);
    }
    if (value.isNull()) {
        entity.properties.remove(name);
        return {};
    }
    PropertyKind kind = PropertyKind::Unknown;
    switch (value.type()) {
    case QJsonValue::String:
        kind = isDateTime(value.toString()) ? PropertyKind::DateTime : PropertyKind::String;
        break;
    case QJsonValue::Double:
        kind = PropertyKind::Number;
        break;
    case QJsonValue::Bool:
        kind = PropertyKind::Boolean;
        break;
    case QJsonValue::Array:
        kind = PropertyKind::Array;
        break;
    default: // objects: the spec allows none, the validator normally stops them first
        return tr("Expected a string, number, boolean, date or array but found an object.");
    }
    PropertyKind &known = catalogue.kinds[name];
    if (known == PropertyKind::Unknown) {
        known = kind;
        if (m_store)
            m_store->saveProperty(scope, name, kind, catalogue.names.indexOf(name));
    } else if (known != kind &&
               !(known == PropertyKind::String && kind == PropertyKind::DateTime)) {
        return typeMismatch(known, value);
    }
    // Re-sending the same value is common (daily syncs); skipping it spares a detach.
    const auto stored = entity.properties.constFind(name);
    if (stored == entity.properties.constEnd() || *stored != value)
        entity.properties.insert(name, value);
    return {};
}

QMap<QString, QString> SandboxState::upsert(SandboxScope scope, const QJsonObject &identification,
                                            const QJsonObject &properties)
{
    SandboxEntity &entity = findOrCreate(scope, identification);
    QMap<QString, QString> rejected;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QString why = storeProperty(scope, entity, it.key(), it.value());
        if (!why.isEmpty())
            rejected.insert(it.key(), why);
    }
    if (m_store)
        m_store->saveEntity(scope, entity);
    Q_EMIT changed();
    return rejected;
}

bool SandboxState::remove(SandboxScope scope, const QJsonObject &identification)
{
    const SandboxEntity *found = find(scope, identification);
    if (!found)
        return false;
    Table &t = table(scope);
    const qint64 seq = found->seq;
    t.byExternalId.remove(found->externalId);
    if (t.bySecondary.value(found->secondary.toLower(), -1) == seq)
        t.bySecondary.remove(found->secondary.toLower());
    t.entities.remove(seq);
    if (scope == SandboxScope::Accounts) {
        m_members.remove(seq);
    } else {
        for (auto it = m_members.begin(); it != m_members.end(); ++it) {
            const qsizetype removed =
                it->removeIf([seq](const SandboxMember &member) { return member.userSeq == seq; });
            if (removed && m_store)
                m_store->saveMembers(it.key(), *it);
        }
    }
    if (m_store) {
        m_store->removeEntity(scope, seq);
        m_store->saveMeta(u"nextSeq"_s, QString::number(m_nextSeq));
    }
    Q_EMIT changed();
    return true;
}

void SandboxState::setMembership(const QJsonObject &account, const QList<QJsonObject> &users,
                                 bool removed)
{
    const qint64 accountSeq = findOrCreate(SandboxScope::Accounts, account).seq;
    if (m_store)
        m_store->saveEntity(SandboxScope::Accounts, m_accounts.entities.value(accountSeq));
    QList<SandboxMember> &members = m_members[accountSeq];
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QJsonObject &identification : users) {
        qint64 userSeq = 0;
        if (removed) {
            const SandboxEntity *user = findUser(identification);
            if (!user)
                continue;
            userSeq = user->seq;
        } else {
            const SandboxEntity &user = findOrCreate(SandboxScope::Users, identification);
            userSeq = user.seq;
            if (m_store)
                m_store->saveEntity(SandboxScope::Users, user);
        }
        auto member = std::find_if(members.begin(), members.end(),
                                   [userSeq](const auto &m) { return m.userSeq == userSeq; });
        if (removed) {
            if (member != members.end() && !member->removed) {
                member->removed = true;
                member->removedAt = now;
            }
        } else if (member == members.end()) {
            members.append({userSeq, false, now, {}});
        } else if (member->removed) {
            *member = {userSeq, false, now, {}};
        }
    }
    if (m_store)
        m_store->saveMembers(accountSeq, members);
    Q_EMIT changed();
}

void SandboxState::addMembers(const QJsonObject &account, const QList<QJsonObject> &users)
{
    setMembership(account, users, false);
}

void SandboxState::removeMembers(const QJsonObject &account, const QList<QJsonObject> &users)
{
    setMembership(account, users, true);
}

void SandboxState::trackEvent(const QString &operationId, const QJsonObject &identification,
                              const QString &name, const QJsonObject &metadata,
                              const QString &triggeredAt)
{
    SandboxEvent event;
    event.seq = nextSeq();
    event.operationId = operationId;
    event.name = name;
    event.user = identification.value(u"user"_s).toObject();
    event.account = identification.value(u"account"_s).toObject();
    event.metadata = metadata;
    event.receivedAt = QDateTime::currentDateTimeUtc();
    event.triggeredAt = triggeredAt.isEmpty() ? isoNow() : triggeredAt;
    m_events.push_back(event);
    while (qsizetype(m_events.size()) > MaxEvents)
        m_events.pop_front();
    const bool newName = !m_eventNameSet.contains(name);
    if (newName) {
        m_eventNames.append(name);
        m_eventNameSet.insert(name);
    }
    if (m_store) {
        m_store->addEvent(event, m_events.front().seq);
        if (newName)
            m_store->saveMeta(
                u"eventNames"_s,
                QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(m_eventNames))
                                      .toJson(QJsonDocument::Compact)));
    }
    Q_EMIT changed();
}

void SandboxState::link(const QString &deviceId, const QJsonObject &identification)
{
    const SandboxLink link{deviceId, identification, QDateTime::currentDateTimeUtc()};
    m_links.insert(deviceId, link);
    if (m_store)
        m_store->saveLink(link);
    Q_EMIT changed();
}

void SandboxState::logRequest(SandboxRequestRecord record)
{
    record.seq = nextSeq();
    if (record.requestBody.size() > SandboxRequestRecord::MaxBodyBytes)
        record.requestBody.truncate(SandboxRequestRecord::MaxBodyBytes);
    if (record.responseBody.size() > SandboxRequestRecord::MaxBodyBytes)
        record.responseBody.truncate(SandboxRequestRecord::MaxBodyBytes);
    m_requests.push_back(std::move(record));
    while (qsizetype(m_requests.size()) > MaxRequests)
        m_requests.pop_front();
    if (m_store)
        m_store->addRequest(m_requests.back(), m_requests.front().seq);
    Q_EMIT requestLogged(m_requests.back());
}

void SandboxState::reset()
{
    m_users.clear();
    m_accounts.clear();
    m_members.clear();
    m_events.clear();
    m_eventNames.clear();
    m_eventNameSet.clear();
    m_links.clear();
    m_requests.clear();
    if (m_store) {
        m_store->clear();
        m_store->saveMeta(u"nextSeq"_s, QString::number(m_nextSeq));
    }
    Q_EMIT changed();
}

QJsonArray SandboxState::usersJson() const
{
    QJsonArray users;
    for (const SandboxEntity &user : m_users.entities) {
        QJsonArray accounts;
        for (auto it = m_members.cbegin(); it != m_members.cend(); ++it) {
            for (const SandboxMember &member : *it) {
                if (member.userSeq != user.seq)
                    continue;
                const SandboxEntity account = m_accounts.entities.value(it.key());
                accounts.append(QJsonObject{{u"id"_s, entityId(SandboxScope::Accounts, it.key())},
                                            {u"accountId"_s, account.externalId},
                                            {u"domain"_s, account.secondary},
                                            {u"removed"_s, member.removed}});
            }
        }
        users.append(QJsonObject{{u"id"_s, entityId(SandboxScope::Users, user.seq)},
                                 {u"userId"_s, user.externalId},
                                 {u"email"_s, user.secondary},
                                 {u"properties"_s, user.properties},
                                 {u"accounts"_s, accounts},
                                 {u"createdAt"_s, user.createdAt.toString(Qt::ISODateWithMs)},
                                 {u"updatedAt"_s, user.updatedAt.toString(Qt::ISODateWithMs)}});
    }
    return users;
}

QJsonArray SandboxState::accountsJson() const
{
    QJsonArray accounts;
    for (const SandboxEntity &account : m_accounts.entities) {
        QJsonArray members;
        for (const SandboxMember &member : m_members.value(account.seq)) {
            const SandboxEntity user = m_users.entities.value(member.userSeq);
            QJsonObject object{{u"id"_s, entityId(SandboxScope::Users, member.userSeq)},
                               {u"userId"_s, user.externalId},
                               {u"email"_s, user.secondary},
                               {u"removed"_s, member.removed},
                               {u"addedAt"_s, member.addedAt.toString(Qt::ISODateWithMs)}};
            if (member.removed)
                object.insert(u"removedAt"_s, member.removedAt.toString(Qt::ISODateWithMs));
            members.append(object);
        }
        accounts.append(
            QJsonObject{{u"id"_s, entityId(SandboxScope::Accounts, account.seq)},
                        {u"accountId"_s, account.externalId},
                        {u"domain"_s, account.secondary},
                        {u"properties"_s, account.properties},
                        {u"members"_s, members},
                        {u"createdAt"_s, account.createdAt.toString(Qt::ISODateWithMs)},
                        {u"updatedAt"_s, account.updatedAt.toString(Qt::ISODateWithMs)}});
    }
    return accounts;
}

QJsonArray SandboxState::eventsJson() const
{
    QJsonArray events;
    for (const SandboxEvent &event : m_events) {
        QJsonObject object = event.toJson();
        object.remove(u"seq"_s);
        object.insert(u"id"_s, QString(u"event-"_s + QString::number(event.seq)));
        events.append(object);
    }
    return events;
}

QJsonArray SandboxState::linksJson() const
{
    QJsonArray links;
    for (const SandboxLink &link : m_links)
        links.append(link.toJson());
    return links;
}

QJsonArray SandboxState::requestsJson() const
{
    QJsonArray requests;
    for (const SandboxRequestRecord &record : m_requests) {
        QJsonObject object = record.toJson();
        object.remove(u"seq"_s);
        requests.append(object);
    }
    return requests;
}

QJsonArray SandboxState::propertiesJson(SandboxScope scope) const
{
    QJsonArray properties;
    for (const QString &name : table(scope).properties.names) {
        properties.append(
            QJsonObject{{u"name"_s, name}, {u"label"_s, label(name)}, {u"isComputed"_s, false}});
    }
    return properties;
}

QJsonArray SandboxState::eventNamesJson() const
{
    static const QUuid ns = QUuid::fromString(u"6f1c8f7e-2a4b-4c1e-9a57-3b8e2d0c9f11"_s);
    QJsonArray events;
    for (const QString &name : m_eventNames) {
        events.append(
            QJsonObject{{u"id"_s, QUuid::createUuidV5(ns, name).toString(QUuid::WithoutBraces)},
                        {u"name"_s, name}});
    }
    return events;
}
