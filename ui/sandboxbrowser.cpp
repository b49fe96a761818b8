#include "sandboxbrowser.h"

#include "messagebox.h"

#include "sandboxstate.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

// One listed record with what orders it (newest first).
struct Entry {
    QDateTime when;
    qint64 seq = 0;
    QJsonObject object;
};

qint64 seqOf(const QJsonObject &object)
{
    return object.value(u"id"_s).toString().section(u'-', -1).toLongLong();
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// The texts a filter looks at: every value, and the names of properties and metadata
// (not the record's own structural keys, which every record has).
void collectText(const QJsonValue &value, bool withKeys, QStringList &texts)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const bool named = it.key() == u"properties"_s || it.key() == u"metadata"_s;
            if (withKeys)
                texts << it.key();
            collectText(it.value(), withKeys || named, texts);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectText(item, withKeys, texts);
    } else if (value.isString()) {
        texts << value.toString();
    } else if (value.isDouble()) {
        texts << value.toVariant().toString();
    } else if (value.isBool()) {
        texts << (value.toBool() ? u"true"_s : u"false"_s);
    }
}

bool matches(const QJsonObject &object, const QString &needle)
{
    if (needle.isEmpty())
        return true;
    QStringList texts;
    collectText(object, false, texts);
    for (const QString &text : std::as_const(texts)) {
        if (text.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// Newest first; the newest `limit` only.
QList<Entry> newest(QList<Entry> entries, int limit)
{
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.when != b.when)
            return a.when > b.when;
        return a.seq > b.seq;
    });
    if (entries.size() > limit)
        entries.resize(limit);
    return entries;
}

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return value.toVariant().toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return SandboxBrowser::tr("string");
    case QJsonValue::Double:
        return SandboxBrowser::tr("number");
    case QJsonValue::Bool:
        return SandboxBrowser::tr("boolean");
    case QJsonValue::Null:
        return SandboxBrowser::tr("null");
    case QJsonValue::Array:
        return SandboxBrowser::tr("list");
    case QJsonValue::Object:
        return SandboxBrowser::tr("object");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString kindName(PropertyKind kind)
{
    switch (kind) {
    case PropertyKind::String:
        return SandboxBrowser::tr("string");
    case PropertyKind::DateTime:
        return SandboxBrowser::tr("datetime");
    case PropertyKind::Number:
        return SandboxBrowser::tr("number");
    case PropertyKind::Boolean:
        return SandboxBrowser::tr("boolean");
    case PropertyKind::Array:
        return SandboxBrowser::tr("list of strings");
    case PropertyKind::Unknown:
        break;
    }
    return SandboxBrowser::tr("unknown");
}

// "userId 20 · email john@acme.com", with the spec's field names, as QA types them.
QString identificationText(const QJsonObject &object, const QString &idKey,
                           const QString &secondKey)
{
    QStringList parts;
    if (!object.value(idKey).toString().isEmpty())
        parts << idKey + u' ' + object.value(idKey).toString();
    if (!object.value(secondKey).toString().isEmpty())
        parts << secondKey + u' ' + object.value(secondKey).toString();
    return parts.join(u" · "_s);
}

// An event's identification as sent: {"user": {...}, "account": {...}}.
QString eventIdentificationText(const QJsonObject &identification)
{
    QStringList parts;
    for (const QString &scope : {u"user"_s, u"account"_s}) {
        const QJsonObject object = identification.value(scope).toObject();
        if (object.isEmpty())
            continue;
        QStringList fields;
        for (auto it = object.begin(); it != object.end(); ++it)
            fields << it.key() + u' ' + valueText(it.value());
        parts << scope + u": "_s + fields.join(u", "_s);
    }
    return parts.join(u" · "_s);
}

QString countText(qsizetype count, const QString &one, const QString &many)
{
    return count == 1 ? one : many.arg(count);
}

QList<QStandardItem *> row(const QString &name, const QString &value, const QString &type,
                           const QString &time, const QString &key = {})
{
    QList<QStandardItem *> items;
    for (const QString &text : {name, value, type, time}) {
        auto *item = new QStandardItem(text);
        item->setEditable(false);
        if (text.size() > 40)
            item->setToolTip(text);
        items << item;
    }
    if (!key.isEmpty())
        items.first()->setData(key, SandboxBrowser::KeyRole);
    return items;
}

} // namespace

SandboxBrowser::SandboxBrowser(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_reset(new QPushButton(tr("Reset…"), this))
    , m_placeholder(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("Filter"), this);
    filterLabel->setBuddy(m_filter);
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setPlaceholderText(tr("any name, value or identification"));
    m_filter->setClearButtonEnabled(true);
    m_reset->setAccessibleName(tr("Reset"));
    m_reset->setToolTip(tr("Delete every user, account, event and link the sandbox holds"));
    top->addWidget(filterLabel);
    top->addWidget(m_filter, 1);
    top->addWidget(m_reset);
    layout->addLayout(top);

    m_summary->setWordWrap(true);
    m_summary->setAccessibleDescription(tr("What the list shows"));
    layout->addWidget(m_summary);

    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_placeholder->setText(tr("The connection is not the built-in sandbox: there is nothing to "
                              "browse. Choose Built-in sandbox in the toolbar."));
    layout->addWidget(m_placeholder);

    const QStringList headers[TabCount] = {
        {tr("User / property"), tr("Value"), tr("Type"), tr("Updated")},
        {tr("Account / item"), tr("Value"), tr("Type"), tr("Updated / added")},
        {tr("Event / metadata"), tr("Identification / value"), tr("Type"), tr("Triggered at")},
        {tr("Device ID"), tr("Identification"), tr("Type"), tr("Linked at")},
    };
    const QString names[TabCount] = {tr("Users"), tr("Accounts"), tr("Events"), tr("Links")};
    for (int tab = 0; tab < TabCount; ++tab) {
        auto *model = new QStandardItemModel(this);
        model->setHorizontalHeaderLabels(headers[tab]);
        auto *view = new QTreeView(this);
        view->setModel(model);
        view->setAccessibleName(names[tab]);
        view->setUniformRowHeights(true);
        view->setAlternatingRowColors(true);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setTextElideMode(Qt::ElideMiddle);
        view->header()->setStretchLastSection(true);
        view->header()->resizeSection(0, 220);
        view->header()->resizeSection(1, 160);
        view->header()->resizeSection(2, 90);
        m_models[tab] = model;
        m_views[tab] = view;
        m_tabs->addTab(view, names[tab]);
    }
    layout->addWidget(m_tabs, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &SandboxBrowser::scheduleRefresh);
    connect(m_reset, &QPushButton::clicked, this, &SandboxBrowser::reset);
    connect(m_tabs, &QTabWidget::currentChanged, this, &SandboxBrowser::updateTexts);
    setState(nullptr);
}

void SandboxBrowser::setState(SandboxState *state)
{
    if (m_state == state && state)
        return;
    if (m_state)
        disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    if (m_state)
        connect(m_state, &SandboxState::changed, this, &SandboxBrowser::scheduleRefresh);
    const bool on = !m_state.isNull();
    m_placeholder->setVisible(!on);
    m_tabs->setVisible(on);
    m_filter->setEnabled(on);
    m_reset->setEnabled(on);
    for (QString &key : m_newestKey)
        key.clear();
    m_dirty = true;
    if (isVisible() || !m_state)
        refresh();
}

SandboxState *SandboxBrowser::state() const
{
    return m_state;
}

void SandboxBrowser::scheduleRefresh()
{
    m_dirty = true;
    if (m_scheduled || !isVisible())
        return;
    // Many changes in one go (a members request) rebuild the lists once.
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        if (m_dirty)
            refresh();
    });
}

void SandboxBrowser::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

QSet<QString> SandboxBrowser::expandedKeys(Tab tab) const
{
    QSet<QString> keys;
    const QStandardItemModel *model = m_models[tab];
    std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex index = model->index(r, 0, parent);
            if (m_views[tab]->isExpanded(index)) {
                keys.insert(index.data(KeyRole).toString());
                visit(index);
            }
        }
    };
    visit({});
    return keys;
}

void SandboxBrowser::restoreExpansion(Tab tab, const QSet<QString> &expanded)
{
    const QStandardItemModel *model = m_models[tab];
    const QString newest =
        model->rowCount() > 0 ? model->index(0, 0).data(KeyRole).toString() : QString();
    // The newest entry opens whenever it is new or changed (its time moved), so a send
    // shows at once what it did.
    const QString signature =
        newest + u'|' + (newest.isEmpty() ? QString() : model->index(0, 3).data().toString());
    const bool openNewest = !newest.isEmpty() && signature != m_newestKey[tab];
    m_newestKey[tab] = signature;
    std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex index = model->index(r, 0, parent);
            if (!model->hasChildren(index))
                continue;
            const QString key = index.data(KeyRole).toString();
            if (expanded.contains(key) ||
                (openNewest && (key == newest || key.startsWith(newest + u'/')))) {
                m_views[tab]->setExpanded(index, true);
                visit(index);
            }
        }
    };
    visit({});
}

void SandboxBrowser::refresh()
{
    m_dirty = false;
    const QString needle = m_filter->text().trimmed();
    QSet<QString> expanded[TabCount];
    for (int tab = 0; tab < TabCount; ++tab) {
        expanded[tab] = expandedKeys(Tab(tab));
        m_models[tab]->removeRows(0, m_models[tab]->rowCount());
        m_total[tab] = m_matched[tab] = 0;
    }
    if (m_state) {
        fillUsers(needle);
        fillAccounts(needle);
        fillEvents(needle);
        fillLinks(needle);
        for (int tab = 0; tab < TabCount; ++tab)
            restoreExpansion(Tab(tab), expanded[tab]);
    }
    updateTexts();
    Q_EMIT refreshed();
}

void SandboxBrowser::fillUsers(const QString &needle)
{
    const QJsonArray users = m_state->usersJson();
    QList<Entry> entries;
    for (const QJsonValue &value : users) {
        const QJsonObject user = value.toObject();
        if (matches(user, needle))
            entries.append({timeOf(user.value(u"updatedAt"_s)), seqOf(user), user});
    }
    m_total[Users] = int(users.size());
    m_matched[Users] = int(entries.size());
    for (const Entry &entry : newest(entries, MaxRows)) {
        const QJsonObject &user = entry.object;
        const QString key = user.value(u"id"_s).toString();
        const QJsonObject properties = user.value(u"properties"_s).toObject();
        QList<QStandardItem *> top =
            row(identificationText(user, u"userId"_s, u"email"_s),
                countText(properties.size(), tr("1 property"), tr("%1 properties")), tr("user"),
                user.value(u"updatedAt"_s).toString(), key);
        top.first()->setToolTip(
            tr("%1, created %2").arg(key, user.value(u"createdAt"_s).toString()));
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            top.first()->appendRow(
                row(it.key(), valueText(it.value()),
                    kindName(m_state->propertyKind(SandboxScope::Users, it.key())), {}));
        }
        for (const QJsonValue &membership : user.value(u"accounts"_s).toArray()) {
            const QJsonObject account = membership.toObject();
            top.first()->appendRow(row(identificationText(account, u"accountId"_s, u"domain"_s), {},
                                       account.value(u"removed"_s).toBool()
                                           ? tr("removed from account")
                                           : tr("member of account"),
                                       {}));
        }
        m_models[Users]->appendRow(top);
    }
}

void SandboxBrowser::fillAccounts(const QString &needle)
{
    const QJsonArray accounts = m_state->accountsJson();
    QList<Entry> entries;
    for (const QJsonValue &value : accounts) {
        const QJsonObject account = value.toObject();
        if (!matches(account, needle))
            continue;
        // Adding or removing members is activity too, though it leaves updatedAt alone.
        QDateTime when = timeOf(account.value(u"updatedAt"_s));
        for (const QJsonValue &member : account.value(u"members"_s).toArray()) {
            when = std::max(when, timeOf(member.toObject().value(u"addedAt"_s)));
            when = std::max(when, timeOf(member.toObject().value(u"removedAt"_s)));
        }
        entries.append({when, seqOf(account), account});
    }
    m_total[Accounts] = int(accounts.size());
    m_matched[Accounts] = int(entries.size());
    for (const Entry &entry : newest(entries, MaxRows)) {
        const QJsonObject &account = entry.object;
        const QString key = account.value(u"id"_s).toString();
        const QJsonObject properties = account.value(u"properties"_s).toObject();
        QList<QJsonObject> members;
        QList<QJsonObject> removed;
        for (const QJsonValue &value : account.value(u"members"_s).toArray()) {
            const QJsonObject member = value.toObject();
            (member.value(u"removed"_s).toBool() ? removed : members).append(member);
        }
        const QString summary =
            QStringList{countText(properties.size(), tr("1 property"), tr("%1 properties")),
                        countText(members.size(), tr("1 member"), tr("%1 members")),
                        countText(removed.size(), tr("1 removed"), tr("%1 removed"))}
                .join(u" · "_s);
        QList<QStandardItem *> top =
            row(identificationText(account, u"accountId"_s, u"domain"_s), summary, tr("account"),
                entry.when.toString(Qt::ISODateWithMs), key);
        top.first()->setToolTip(
            tr("%1, created %2").arg(key, account.value(u"createdAt"_s).toString()));

        QList<QStandardItem *> propertyGroup =
            row(tr("Properties (%1)").arg(properties.size()), {}, {}, {}, key + u"/properties"_s);
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            propertyGroup.first()->appendRow(
                row(it.key(), valueText(it.value()),
                    kindName(m_state->propertyKind(SandboxScope::Accounts, it.key())), {}));
        }
        top.first()->appendRow(propertyGroup);

        QList<QStandardItem *> memberGroup =
            row(tr("Members (%1)").arg(members.size()), {}, {}, {}, key + u"/members"_s);
        for (const QJsonObject &member : std::as_const(members)) {
            memberGroup.first()->appendRow(row(identificationText(member, u"userId"_s, u"email"_s),
                                               member.value(u"id"_s).toString(), tr("member"),
                                               member.value(u"addedAt"_s).toString()));
        }
        top.first()->appendRow(memberGroup);

        QList<QStandardItem *> removedGroup =
            row(tr("Removed members (%1)").arg(removed.size()), {}, {}, {}, key + u"/removed"_s);
        for (const QJsonObject &member : std::as_const(removed)) {
            removedGroup.first()->appendRow(row(identificationText(member, u"userId"_s, u"email"_s),
                                                member.value(u"id"_s).toString(),
                                                tr("removed member"),
                                                member.value(u"removedAt"_s).toString()));
        }
        top.first()->appendRow(removedGroup);
        m_models[Accounts]->appendRow(top);
    }
}

void SandboxBrowser::fillEvents(const QString &needle)
{
    const QJsonArray events = m_state->eventsJson();
    QList<Entry> entries;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        // Events arrive in order: the sandbox's sequence is the order to show.
        if (matches(event, needle))
            entries.append({{}, seqOf(event), event});
    }
    m_total[Events] = int(events.size());
    m_matched[Events] = int(entries.size());
    for (const Entry &entry : newest(entries, MaxRows)) {
        const QJsonObject &event = entry.object;
        const bool deprecated = event.value(u"operationId"_s).toString() != u"trackEvent"_s;
        QList<QStandardItem *> top =
            row(event.value(u"name"_s).toString(),
                eventIdentificationText(event.value(u"identification"_s).toObject()),
                deprecated ? tr("event (deprecated POST /events)") : tr("event"),
                event.value(u"triggeredAt"_s).toString(), event.value(u"id"_s).toString());
        top.last()->setToolTip(tr("Received %1").arg(event.value(u"receivedAt"_s).toString()));
        const QJsonObject metadata = event.value(u"metadata"_s).toObject();
        for (auto it = metadata.begin(); it != metadata.end(); ++it)
            top.first()->appendRow(
                row(it.key(), valueText(it.value()), jsonTypeName(it.value()), {}));
        m_models[Events]->appendRow(top);
    }
}

void SandboxBrowser::fillLinks(const QString &needle)
{
    const QJsonArray links = m_state->linksJson();
    QList<Entry> entries;
    for (const QJsonValue &value : links) {
        const QJsonObject link = value.toObject();
        if (matches(link, needle))
            entries.append({timeOf(link.value(u"linkedAt"_s)), 0, link});
    }
    m_total[Links] = int(links.size());
    m_matched[Links] = int(entries.size());
    for (const Entry &entry : newest(entries, MaxRows)) {
        const QJsonObject &link = entry.object;
        const QString deviceId = link.value(u"deviceId"_s).toString();
        m_models[Links]->appendRow(row(
            deviceId,
            identificationText(link.value(u"identification"_s).toObject(), u"userId"_s, u"email"_s),
            tr("device link"), link.value(u"linkedAt"_s).toString(), u"link-"_s + deviceId));
    }
}

void SandboxBrowser::updateTexts()
{
    const QString names[TabCount] = {tr("Users"), tr("Accounts"), tr("Events"), tr("Links")};
    const bool filtered = !m_filter->text().trimmed().isEmpty();
    for (int tab = 0; tab < TabCount; ++tab) {
        m_tabs->setTabText(
            tab, filtered
                     ? tr("%1 (%2 of %3)").arg(names[tab]).arg(m_matched[tab]).arg(m_total[tab])
                     : tr("%1 (%2)").arg(names[tab]).arg(m_total[tab]));
    }
    const int tab = m_tabs->currentIndex();
    QString text;
    if (!m_state)
        text = QString();
    else if (m_matched[tab] > MaxRows)
        text = tr("Showing the newest %1 of %2; filter to find older ones.")
                   .arg(MaxRows)
                   .arg(m_matched[tab]);
    else if (filtered && m_matched[tab] == 0 && m_total[tab] > 0)
        text = tr("Nothing here matches the filter.");
    else if (m_total[tab] == 0)
        text = tr("Nothing yet: send a request and what it stored shows here, newest first.");
    else
        text = tr("Newest first. Expand an entry to see what it holds.");
    m_summary->setText(text);
    m_summary->setVisible(!text.isEmpty());
}

bool SandboxBrowser::reset()
{
    if (!m_state)
        return false;
    const QString question =
        tr("Delete everything the sandbox holds: %1, %2, %3 and %4? Its keys stay.")
            .arg(
                countText(m_state->userCount(), tr("1 user"), tr("%1 users")),
                countText(m_state->accountCount(), tr("1 account"), tr("%1 accounts")),
                countText(m_state->eventCount(), tr("1 event"), tr("%1 events")),
                countText(m_state->linksJson().size(), tr("1 device link"), tr("%1 device links")));
    if (!MessageBox::confirm(this, tr("Reset the sandbox?"), question, tr("Reset")))
        return false;
    m_state->reset();
    refresh();
    return true;
}
