#include "profileswitcher.h"

#include "profiles/profilestore.h"

#include <QAction>
#include <QActionGroup>
#include <QMenu>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

ProfileSwitcher::ProfileSwitcher(ProfileStore *profiles, QWidget *parent)
    : QToolButton(parent)
    , m_profiles(profiles)
    , m_menu(new QMenu(this))
    , m_group(new QActionGroup(this))
    , m_manage(new QAction(tr("Profiles…"), this))
{
    setObjectName(u"profileSwitcher"_s);
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setAccessibleName(tr("Profile"));
    setText(tr("Not connected"));
    setMenu(m_menu);
    m_manage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_manage->setToolTip(tr("Add, edit or remove profiles and their keys (Ctrl+,)"));
    connect(m_manage, &QAction::triggered, this, &ProfileSwitcher::manageRequested);
    m_group->setExclusive(true);

    // Rebuilt from the event loop: a change can come from inside one of the menu's own
    // actions, which must not be deleted while it is triggering.
    connect(m_profiles, &ProfileStore::profileAdded, this, &ProfileSwitcher::scheduleRebuild);
    connect(m_profiles, &ProfileStore::profileChanged, this, &ProfileSwitcher::scheduleRebuild);
    connect(m_profiles, &ProfileStore::profileRemoved, this, &ProfileSwitcher::scheduleRebuild);
    connect(m_profiles, &ProfileStore::reloaded, this, &ProfileSwitcher::scheduleRebuild);
    rebuildMenu();
}

QIcon ProfileSwitcher::colourDot(const QString &colour, int size)
{
    const qreal ratio = 2.0; // sharp on high-dpi screens too
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor fill(colour.isEmpty() ? u"#7f8c8d"_s : colour);
    // A rim in the opposite lightness keeps the dot visible on light and dark toolbars.
    painter.setPen(QPen(fill.lightness() > 140 ? fill.darker(170) : fill.lighter(170), 1.0));
    painter.setBrush(fill);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    painter.end();
    return QIcon(pixmap);
}

QString ProfileSwitcher::describe(const Profile &profile)
{
    if (profile.isSandbox())
        return profile.name;
    if (profile.production)
        return profile.hasApiKey ? tr("%1 — production").arg(profile.name)
                                 : tr("%1 — production, no key").arg(profile.name);
    return profile.hasApiKey ? profile.name : tr("%1 — no key").arg(profile.name);
}

void ProfileSwitcher::showProfile(const Profile &profile, bool connecting)
{
    m_shownId = profile.id;
    setIcon(colourDot(profile.colour));
    setText(connecting ? tr("%1 (connecting…)").arg(profile.name) : profile.name);
    const QString where =
        profile.isSandbox() ? tr("the local sandbox") : profile.baseUrl.toDisplayString();
    const QString kind = profile.production ? tr("production profile") : tr("profile");
    setToolTip(tr("Requests go to %1 (%2 “%3”). Click to switch profiles.")
                   .arg(where, kind, profile.name));
    setAccessibleDescription(tr("Active profile: %1").arg(describe(profile)));
    for (QAction *action : m_group->actions())
        action->setChecked(action->data().toString() == profile.id);
}

void ProfileSwitcher::showConnection(const QString &name)
{
    m_shownId.clear();
    setIcon(colourDot({}));
    setText(name);
    setToolTip(tr("Requests go to %1 (no profile).").arg(name));
    setAccessibleDescription(tr("Connected without a profile: %1").arg(name));
    for (QAction *action : m_group->actions())
        action->setChecked(false);
}

void ProfileSwitcher::scheduleRebuild()
{
    if (m_rebuildScheduled)
        return;
    m_rebuildScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_rebuildScheduled)
                rebuildMenu();
        },
        Qt::QueuedConnection);
}

QAction *ProfileSwitcher::actionFor(const QString &profileId)
{
    if (m_rebuildScheduled)
        rebuildMenu();
    for (QAction *action : m_group->actions()) {
        if (action->data().toString() == profileId)
            return action;
    }
    return nullptr;
}

void ProfileSwitcher::rebuildMenu()
{
    m_rebuildScheduled = false;
    for (QAction *action : m_group->actions())
        m_group->removeAction(action);
    m_menu->clear(); // deletes the profile actions, which the menu owns
    for (const Profile &profile : m_profiles->profiles()) {
        QAction *action = m_menu->addAction(colourDot(profile.colour), describe(profile));
        action->setData(profile.id);
        action->setCheckable(true);
        action->setChecked(profile.id == m_shownId);
        m_group->addAction(action);
        const QString id = profile.id;
        connect(action, &QAction::triggered, this, [this, id] { Q_EMIT profileChosen(id); });
    }
    m_menu->addSeparator();
    m_menu->addAction(m_manage);
}
