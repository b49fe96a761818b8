#pragma once

#include "profile.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QSettings;
class SecretStore;
enum class SecretKind;

// The profiles, kept with QSettings (organization "journy.io", application "Journy Console":
// on Linux ~/.config/journy.io/Journy Console.conf), shared by journy-console and journyctl.
// No secret is ever written here; SecretStore keeps them in the OS keychain.
//
// The built-in Sandbox profile always exists, cannot be changed or removed, and is the
// default when no other profile has a key.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    // The application's settings (QCoreApplication's organization and application name).
    explicit ProfileStore(QObject *parent = nullptr);
    // A settings file of its own (INI format), for tests.
    explicit ProfileStore(const QString &settingsFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    // Where the profiles are stored.
    QString fileName() const;

    // Sandbox first, then the others sorted by name.
    QList<Profile> profiles() const;
    std::optional<Profile> profile(const QString &id) const;
    // By name (case-insensitive) or by id.
    std::optional<Profile> find(const QString &nameOrId) const;
    bool contains(const QString &id) const { return profile(id).has_value(); }

    // Checks a profile before it is saved; the reason for people in *why.
    bool isValid(const Profile &profile, QString *why = nullptr) const;
    // Adds a profile (a new id when its id is empty or unknown) or updates the one with its
    // id. Returns the stored profile, or nothing (with *why) when it is invalid or is the
    // Sandbox. An empty colour gets one from the palette.
    std::optional<Profile> save(const Profile &profile, QString *why = nullptr);
    // A copy under a new id and name; the copy has no secrets.
    std::optional<Profile> duplicate(const QString &id, const QString &newName,
                                     QString *why = nullptr);
    // Removes a profile from the settings (never the Sandbox). Its keychain entries are
    // removed by SecretStore::removeAll(), which the caller runs first.
    bool remove(const QString &id, QString *why = nullptr);

    // The profile the console shows: the one chosen last if it still exists, else the
    // first profile (by name) with a key, else the Sandbox.
    Profile activeProfile() const;
    QString activeProfileId() const { return activeProfile().id; }
    bool setActiveProfile(const QString &id);
    Profile defaultProfile() const;

    // What SecretStore last reported about a profile's secrets (a flag, not the secret).
    void setHasSecret(const QString &id, SecretKind kind, bool stored);
    // Keeps the flags up to date from the store's signals.
    void trackSecrets(SecretStore *secrets);

    // Re-reads the file, e.g. after journyctl changed it.
    void reload();

    // A colour for a new profile that differs from those in use when possible.
    QString suggestColour() const;

Q_SIGNALS:
    void profileAdded(const Profile &profile);
    void profileChanged(const Profile &profile);
    void profileRemoved(const QString &id);
    void activeProfileChanged(const Profile &profile);
    void reloaded();

private:
    QStringList storedIds() const;
    std::optional<Profile> load(const QString &id) const;
    void write(const Profile &profile);

    std::unique_ptr<QSettings> m_settings;
};
