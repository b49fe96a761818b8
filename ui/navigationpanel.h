#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

// The operations, grouped as the spec's tags (Users, Accounts, Track, Read), with a filter.
class NavigationPanel : public QWidget {
    Q_OBJECT
public:
    enum Group { Users, Accounts, Track, Read, GroupCount };

    explicit NavigationPanel(QWidget *parent = nullptr);

    QLineEdit *filter() const { return m_filter; }
    QTreeWidget *tree() const { return m_tree; }
    QString currentOperation() const;
    bool selectOperation(const QString &operationId);
    // Selects the group's first visible operation and focuses the list.
    void selectGroup(Group group);
    void setShowDeprecated(bool show);
    bool showsDeprecated() const { return m_showDeprecated; }
    // The operation ids listed (and not filtered out), in order.
    QStringList visibleOperations() const;
    static QString title(const QString &operationId);

Q_SIGNALS:
    void operationSelected(const QString &operationId);

private:
    void applyFilter();
    QTreeWidgetItem *findItem(const QString &operationId) const;

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
    bool m_showDeprecated = false;
};
