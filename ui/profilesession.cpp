#include "profilesession.h"

#include "api/apiresult.h"
#include "api/journyclient.h"
#include "api/operation.h"
#include "profiles/profilestore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {
const QString ValidityOperation = u"getValidity"_s;

// Whether switching from `before` to `after` needs a new connection.
bool sameTarget(const Profile &before, const Profile &after)
{
    return before.id == after.id && before.baseUrl == after.baseUrl;
}
} // namespace

ProfileSession::ProfileSession(ProfileStore *profiles, SecretStore *secrets, JournyClient *client,
                               QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_client(client)
{
    m_profiles->trackSecrets(m_secrets);
    connect(m_profiles, &ProfileStore::activeProfileChanged, this,
            &ProfileSession::onStoreActiveChanged);
    connect(m_secrets, &SecretStore::finished, this, &ProfileSession::onSecretFinished);
    connect(m_client, &JournyClient::requestFinished, this, &ProfileSession::onRequestFinished);
}

void ProfileSession::activateStored()
{
    activate(m_profiles->activeProfile());
}

void ProfileSession::choose(const QString &id)
{
    const std::optional<Profile> chosen = m_profiles->profile(id);
    if (!chosen)
        return;
    if (m_profiles->activeProfileId() != id) {
        // Also when it is the default now: choosing it keeps it when others get keys.
        m_profiles->setActiveProfile(id); // activeProfileChanged → activate()
        return;
    }
    m_profiles->setActiveProfile(id);
    const Profile &current = m_reading ? m_pending : m_active;
    if (current.id != id)
        activate(*chosen);
}

void ProfileSession::clearActive()
{
    ++m_generation;
    m_reading = false;
    m_active = {};
    m_pending = {};
    setPermissions(false, {});
}

void ProfileSession::onStoreActiveChanged(const Profile &profile)
{
    const Profile &current = m_reading ? m_pending : m_active;
    if (!current.id.isEmpty() && sameTarget(current, profile)) {
        // Renamed, recoloured, production flag or key flags: no new connection needed.
        if (m_reading)
            m_pending = profile;
        else
            m_active = profile;
        Q_EMIT activeProfileUpdated(profile);
        return;
    }
    activate(profile);
}

void ProfileSession::activate(const Profile &profile)
{
    const quint64 generation = ++m_generation;
    setPermissions(false, {});
    if (profile.isSandbox()) {
        m_reading = false;
        m_pending = {};
        m_active = profile;
        Q_EMIT connectRequested(profile, {});
        return;
    }
    m_reading = true;
    m_pending = profile;
    m_secrets->read(profile.id, SecretKind::ApiKey, this,
                    [this, generation](const SecretResult &result) {
                        if (generation != m_generation) // another profile was chosen since
                            return;
                        m_reading = false;
                        m_active = m_pending;
                        m_pending = {};
                        const QString key = result.ok() ? result.secret : QString();
                        Q_EMIT connectRequested(m_active, key);
                        if (result.status == SecretResult::NotFound)
                            Q_EMIT keyMissing(m_active);
                    });
}

void ProfileSession::onSecretFinished(const SecretResult &result)
{
    // A new or removed key of the active profile: connect again with what is stored now.
    if (result.operation == SecretResult::Read || result.kind != SecretKind::ApiKey)
        return;
    const Profile &current = m_reading ? m_pending : m_active;
    if (current.id.isEmpty() || current.id != result.profileId || current.isSandbox())
        return;
    if (const std::optional<Profile> fresh = m_profiles->profile(current.id))
        activate(*fresh);
}

void ProfileSession::validateKey()
{
    if (m_client->baseUrl().isEmpty())
        return;
    m_client->getValidity(); // the answer arrives through JournyClient::requestFinished
}

void ProfileSession::onRequestFinished(const ApiResult &result)
{
    if (result.operationId != ValidityOperation || !result.hasResponse())
        return;
    if (result.status == 200) {
        QStringList permissions;
        const QJsonArray list = result.data.toObject().value(u"permissions"_s).toArray();
        for (const QJsonValue &value : list)
            permissions << value.toString();
        m_permissionsAt =
            result.receivedAt.isValid() ? result.receivedAt : QDateTime::currentDateTime();
        setPermissions(true, permissions);
    } else if (result.status == 401 || result.status == 403) {
        // No, an unknown or a disabled key: it can do nothing.
        m_permissionsAt = QDateTime::currentDateTime();
        setPermissions(true, {});
    }
}

void ProfileSession::setPermissions(bool known, const QStringList &permissions)
{
    if (m_permissionsKnown == known && m_permissions == permissions)
        return;
    m_permissionsKnown = known;
    m_permissions = permissions;
    Q_EMIT permissionsChanged();
}

QString ProfileSession::missingPermission(const Operation &operation) const
{
    if (!m_permissionsKnown || operation.permission.isEmpty() ||
        m_permissions.contains(operation.permission))
        return {};
    const QString when = QLocale().toString(m_permissionsAt.time(), QLocale::ShortFormat);
    const QString granted = m_permissions.isEmpty() ? tr("none") : m_permissions.join(u", "_s);
    return tr("The active key lacks the %1 permission (GET /validate at %2 listed: %3). "
              "journy.io will answer 401. Change the key's permissions in journy.io, or "
              "choose another profile.")
        .arg(operation.permission, when, granted);
}
