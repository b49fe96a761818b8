#include "navigationpanel.h"

#include "fieldmark.h"

#include "api/operation.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int OperationRole = Qt::UserRole + 1;

struct Entry {
    NavigationPanel::Group group;
    const char16_t *id;
};
// The order people look for them in, not the spec's order.
constexpr Entry Entries[] = {
    {NavigationPanel::Users, u"upsertUser"},
    {NavigationPanel::Users, u"deleteUser"},
    {NavigationPanel::Users, u"link"},
    {NavigationPanel::Accounts, u"upsertAccount"},
    {NavigationPanel::Accounts, u"deleteAccount"},
    {NavigationPanel::Accounts, u"addUserToAccount"},
    {NavigationPanel::Accounts, u"removeUserFromAccount"},
    {NavigationPanel::Track, u"trackEvent"},
    {NavigationPanel::Track, u"trackJourneyEvent"},
    {NavigationPanel::Read, u"getValidity"},
    {NavigationPanel::Read, u"getUserProperties"},
    {NavigationPanel::Read, u"getAccountProperties"},
    {NavigationPanel::Read, u"getUserSegments"},
    {NavigationPanel::Read, u"getAccountSegments"},
    {NavigationPanel::Read, u"getEvents"},
    {NavigationPanel::Read, u"getTrackingSnippet"},
};
} // namespace

QString NavigationPanel::title(const QString &id)
{
    static const QHash<QString, const char *> titles = {
        {u"upsertUser"_s, QT_TR_NOOP("Upsert user")},
        {u"deleteUser"_s, QT_TR_NOOP("Delete user")},
        {u"link"_s, QT_TR_NOOP("Link device")},
        {u"upsertAccount"_s, QT_TR_NOOP("Upsert account")},
        {u"deleteAccount"_s, QT_TR_NOOP("Delete account")},
        {u"addUserToAccount"_s, QT_TR_NOOP("Add users")},
        {u"removeUserFromAccount"_s, QT_TR_NOOP("Remove users")},
        {u"trackEvent"_s, QT_TR_NOOP("Track event")},
        {u"trackJourneyEvent"_s, QT_TR_NOOP("Track event (deprecated)")},
        {u"getValidity"_s, QT_TR_NOOP("Validate key")},
        {u"getUserProperties"_s, QT_TR_NOOP("User properties")},
        {u"getAccountProperties"_s, QT_TR_NOOP("Account properties")},
        {u"getUserSegments"_s, QT_TR_NOOP("User segments")},
        {u"getAccountSegments"_s, QT_TR_NOOP("Account segments")},
        {u"getEvents"_s, QT_TR_NOOP("Event definitions")},
        {u"getTrackingSnippet"_s, QT_TR_NOOP("Tracking snippet")},
    };
    const char *text = titles.value(id);
    return text ? tr(text) : id;
}

NavigationPanel::NavigationPanel(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_filter->setPlaceholderText(tr("Filter (Ctrl+L)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter operations"));
    layout->addWidget(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setAccessibleName(tr("Operations"));
    m_tree->setUniformRowHeights(true);
    layout->addWidget(m_tree, 1);

    const QString groupNames[GroupCount] = {tr("Users"), tr("Accounts"), tr("Track"), tr("Read")};
    QTreeWidgetItem *groups[GroupCount];
    for (int i = 0; i < GroupCount; ++i) {
        groups[i] = new QTreeWidgetItem(m_tree, {groupNames[i]});
        groups[i]->setFlags(Qt::ItemIsEnabled);
        QFont font = groups[i]->font(0);
        font.setBold(true);
        groups[i]->setFont(0, font);
    }
    for (const Entry &entry : Entries) {
        const QString id = QString::fromUtf16(entry.id);
        const Operation *operation = OperationCatalogue::find(id);
        if (!operation)
            continue;
        auto *item = new QTreeWidgetItem(groups[entry.group], {title(id)});
        item->setData(0, OperationRole, id);
        item->setToolTip(0, u"%1 %2 — %3"_s.arg(QString::fromLatin1(operation->method),
                                                operation->path, operation->summary));
        if (operation->deprecated) {
            QFont font = item->font(0);
            font.setItalic(true);
            item->setFont(0, font);
        }
    }
    m_tree->expandAll();
    m_tree->setItemsExpandable(false);

    connect(m_filter, &QLineEdit::textChanged, this, &NavigationPanel::applyFilter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && item->data(0, OperationRole).isValid())
            Q_EMIT operationSelected(item->data(0, OperationRole).toString());
    });
    // Return in the filter goes to the first match.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        const QStringList visible = visibleOperations();
        if (!visible.isEmpty()) {
            selectOperation(visible.first());
            m_tree->setFocus();
        }
    });
    applyFilter();
}

QTreeWidgetItem *NavigationPanel::findItem(const QString &operationId) const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, OperationRole).toString() == operationId)
                return group->child(i);
        }
    }
    return nullptr;
}

QString NavigationPanel::currentOperation() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, OperationRole).toString() : QString();
}

bool NavigationPanel::selectOperation(const QString &operationId)
{
    QTreeWidgetItem *item = findItem(operationId);
    if (item && item->isHidden() && !m_filter->text().isEmpty()) {
        m_filter->clear(); // filtered out: show everything again
    }
    if (!item || item->isHidden())
        return false;
    m_tree->setCurrentItem(item);
    return true;
}

void NavigationPanel::selectGroup(Group group)
{
    QTreeWidgetItem *groupItem = m_tree->topLevelItem(group);
    if (!groupItem)
        return;
    if (groupItem->isHidden()) { // filtered out: show everything again
        m_filter->clear();
    }
    for (int i = 0; i < groupItem->childCount(); ++i) {
        if (!groupItem->child(i)->isHidden()) {
            m_tree->setCurrentItem(groupItem->child(i));
            break;
        }
    }
    m_tree->setFocus();
}

void NavigationPanel::setShowDeprecated(bool show)
{
    m_showDeprecated = show;
    applyFilter();
}

QStringList NavigationPanel::visibleOperations() const
{
    QStringList ids;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (!group->child(i)->isHidden())
                ids << group->child(i)->data(0, OperationRole).toString();
        }
    }
    return ids;
}

void NavigationPanel::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        const bool groupMatches =
            !text.isEmpty() && group->text(0).contains(text, Qt::CaseInsensitive);
        bool any = false;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const QString id = item->data(0, OperationRole).toString();
            const Operation *operation = OperationCatalogue::find(id);
            const bool allowed = !operation->deprecated || m_showDeprecated;
            const bool matches = text.isEmpty() || groupMatches ||
                                 item->text(0).contains(text, Qt::CaseInsensitive) ||
                                 operation->path.contains(text, Qt::CaseInsensitive) ||
                                 id.contains(text, Qt::CaseInsensitive);
            item->setHidden(!(allowed && matches));
            any = any || !item->isHidden();
        }
        group->setHidden(!any);
    }
}
