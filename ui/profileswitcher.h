#pragma once

#include "profiles/profile.h"

#include <QToolButton>

class QAction;
class QActionGroup;
class QMenu;
class ProfileStore;

// The toolbar's profile button: the active profile's colour dot and name, and a menu of
// every profile (production ones say so in words) with "Profiles…" at the end. Choosing
// only emits profileChosen(); ProfileSession does the switching.
class ProfileSwitcher : public QToolButton {
    Q_OBJECT
public:
    explicit ProfileSwitcher(ProfileStore *profiles, QWidget *parent = nullptr);

    // What the button shows: a profile, or a connection made without one.
    void showProfile(const Profile &profile, bool connecting = false);
    void showConnection(const QString &name);
    QString shownProfileId() const { return m_shownId; }

    QAction *manageAction() const { return m_manage; }
    // The menu's entry for a profile (tests trigger it).
    QAction *actionFor(const QString &profileId);
    QMenu *profileMenu() const { return m_menu; }

    // A round dot of `colour` with a contrasting rim, for buttons and lists.
    static QIcon colourDot(const QString &colour, int size = 12);
    // "Sandbox", "acme — production", "staging — no key".
    static QString describe(const Profile &profile);

Q_SIGNALS:
    void profileChosen(const QString &id);
    void manageRequested();

private:
    void scheduleRebuild();
    void rebuildMenu();

    ProfileStore *m_profiles;
    QMenu *m_menu;
    QActionGroup *m_group;
    QAction *m_manage;
    QString m_shownId;
    bool m_rebuildScheduled = false;
};
