#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItem;
class QStandardItemModel;
class QTabWidget;
class QTreeView;
class SandboxState;

// What the in-process sandbox holds, so QA can see exactly what a payload did: users
// (identification, properties with their types), accounts (properties, members, removed
// members), events (name, identification, metadata, triggeredAt) and device links. Newest
// (most recently changed) first, filterable, rebuilt whenever the sandbox changes while the
// browser is visible; Reset clears the sandbox after a confirmation.
class SandboxBrowser : public QWidget {
    Q_OBJECT
public:
    enum Tab { Users, Accounts, Events, Links, TabCount };
    // Each tab lists at most this many entries (the newest that match the filter).
    static constexpr int MaxRows = 500;
    // Column 0 of every entry and group row carries a stable key ("user-3",
    // "account-2/members") in this role; expansion is kept by it across refreshes.
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit SandboxBrowser(QWidget *parent = nullptr);

    // The sandbox to show; nullptr when the connection is not the built-in sandbox.
    void setState(SandboxState *state);
    SandboxState *state() const;

    // Rebuilds the lists now (normally done after every change, while visible).
    void refresh();
    // Asks, then deletes everything the sandbox holds (its keys stay).
    bool reset();

    QTabWidget *tabs() const { return m_tabs; }
    QTreeView *view(Tab tab) const { return m_views[tab]; }
    QStandardItemModel *model(Tab tab) const { return m_models[tab]; }
    QLineEdit *filter() const { return m_filter; }
    QPushButton *resetButton() const { return m_reset; }
    QLabel *summaryLabel() const { return m_summary; }
    // How many entries the sandbox holds and how many match the filter, per tab.
    int totalCount(Tab tab) const { return m_total[tab]; }
    int matchCount(Tab tab) const { return m_matched[tab]; }

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleRefresh();
    void fillUsers(const QString &needle);
    void fillAccounts(const QString &needle);
    void fillEvents(const QString &needle);
    void fillLinks(const QString &needle);
    void restoreExpansion(Tab tab, const QSet<QString> &expanded);
    QSet<QString> expandedKeys(Tab tab) const;
    void updateTexts();

    QPointer<SandboxState> m_state;
    QLineEdit *m_filter;
    QLabel *m_summary;
    QPushButton *m_reset;
    QLabel *m_placeholder;
    QTabWidget *m_tabs;
    QTreeView *m_views[TabCount] = {};
    QStandardItemModel *m_models[TabCount] = {};
    int m_total[TabCount] = {};
    int m_matched[TabCount] = {};
    QString m_newestKey[TabCount]; // key and time of the newest entry, opened when it changes
    bool m_dirty = true;
    bool m_scheduled = false;
};
