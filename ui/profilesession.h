#pragma once

#include "profiles/profile.h"
#include "secrets/secretstore.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class ApiReply;
class JournyClient;
class ProfileStore;
struct ApiResult;
struct Operation;

// The console's active profile: follows ProfileStore's choice, reads the profile's key
// from the keychain without blocking (SecretStore::read) and asks the window to connect;
// remembers the permissions of the key from its last GET /validate, so that forms can
// say before sending when the key lacks what an operation needs.
class ProfileSession : public QObject {
    Q_OBJECT
public:
    ProfileSession(ProfileStore *profiles, SecretStore *secrets, JournyClient *client,
                   QObject *parent = nullptr);

    ProfileStore *profiles() const { return m_profiles; }
    SecretStore *secrets() const { return m_secrets; }

    // The profile requests go to (set once its key has been read).
    const Profile &activeProfile() const { return m_active; }
    bool hasActiveProfile() const { return !m_active.id.isEmpty(); }
    bool isReadingKey() const { return m_reading; }

    // Connects to the profile ProfileStore names active (the Sandbox by default).
    void activateStored();
    // Makes `id` the active profile and connects to it.
    void choose(const QString &id);
    // Forgets the active profile (a connection made by hand, not through a profile).
    void clearActive();

    // Asks GET /validate with the connected key; the answer updates permissions().
    void validateKey();
    bool permissionsKnown() const { return m_permissionsKnown; }
    QStringList permissions() const { return m_permissions; }
    // Why `operation` will be refused with the active key, empty when it will not (or when
    // nothing is known yet).
    QString missingPermission(const Operation &operation) const;

Q_SIGNALS:
    // The window connects to `profile` with `apiKey` (empty when the profile has none; the
    // Sandbox's key comes from the in-process sandbox).
    void connectRequested(const Profile &profile, const QString &apiKey);
    // Name, colour or production flag of the active profile changed, not where it points.
    void activeProfileUpdated(const Profile &profile);
    // A profile without a key was chosen.
    void keyMissing(const Profile &profile);
    void permissionsChanged();

private:
    void activate(const Profile &profile);
    void onStoreActiveChanged(const Profile &profile);
    void onSecretFinished(const SecretResult &result);
    void onRequestFinished(const ApiResult &result);
    void setPermissions(bool known, const QStringList &permissions);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    JournyClient *m_client;
    Profile m_active;
    Profile m_pending; // being connected: its key is being read
    quint64 m_generation = 0;
    bool m_reading = false;
    bool m_permissionsKnown = false;
    QStringList m_permissions;
    QDateTime m_permissionsAt;
};
