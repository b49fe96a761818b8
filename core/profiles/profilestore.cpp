#include "profilestore.h"

#include "api/journyclient.h"
#include "settings/typedsetting.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Every key the profiles use; %1 is the profile's id.
const QString ProfilesGroup = u"profiles"_s;
const TypedSetting<QString> NameKey{u"profiles/%1/name"};
const TypedSetting<QString> BaseUrlKey{u"profiles/%1/baseUrl"};
const TypedSetting<bool> ProductionKey{u"profiles/%1/production", false};
const TypedSetting<QString> ColourKey{u"profiles/%1/colour"};
const TypedSetting<bool> ConfirmWritesKey{u"profiles/%1/confirmWrites", true};
const TypedSetting<bool> HasApiKeyKey{u"profiles/%1/hasApiKey", false};
const TypedSetting<bool> HasHmacSecretKey{u"profiles/%1/hasHmacSecret", false};
const TypedSetting<QString> ActiveProfileKey{u"activeProfile"};

constexpr int MaxNameLength = 64;

const QStringList &palette()
{
    static const QStringList colours = {u"#2e86de"_s, u"#8e44ad"_s, u"#e67e22"_s, u"#16a085"_s,
                                        u"#c0392b"_s, u"#7f8c8d"_s, u"#d4ac0d"_s, u"#2c3e50"_s};
    return colours;
}

bool byName(const Profile &a, const Profile &b)
{
    const int order = QString::localeAwareCompare(a.name.toCaseFolded(), b.name.toCaseFolded());
    return order != 0 ? order < 0 : a.id < b.id;
}
} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>())
{
}

ProfileStore::ProfileStore(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

QStringList ProfileStore::storedIds() const
{
    m_settings->beginGroup(ProfilesGroup);
    QStringList ids = m_settings->childGroups();
    m_settings->endGroup();
    ids.removeAll(Profile::SandboxId.toString());
    return ids;
}

std::optional<Profile> ProfileStore::load(const QString &id) const
{
    if (id == Profile::SandboxId)
        return Profile::sandbox();
    if (id.isEmpty() || !m_settings->contains(NameKey.key(id)))
        return std::nullopt;
    Profile profile;
    profile.id = id;
    profile.name = NameKey.value(*m_settings, id);
    const QString baseUrl = BaseUrlKey.value(*m_settings, id);
    profile.baseUrl = QUrl(baseUrl.isEmpty() ? Profile::DefaultBaseUrl.toString() : baseUrl);
    profile.production = ProductionKey.value(*m_settings, id);
    profile.colour = ColourKey.value(*m_settings, id);
    profile.confirmWrites = ConfirmWritesKey.value(*m_settings, id);
    profile.hasApiKey = HasApiKeyKey.value(*m_settings, id);
    profile.hasHmacSecret = HasHmacSecretKey.value(*m_settings, id);
    return profile;
}

void ProfileStore::write(const Profile &profile)
{
    const QString &id = profile.id;
    NameKey.setValue(*m_settings, profile.name, id);
    BaseUrlKey.setValue(*m_settings, profile.baseUrl.toString(), id);
    ProductionKey.setValue(*m_settings, profile.production, id);
    ColourKey.setValue(*m_settings, profile.colour, id);
    ConfirmWritesKey.setValue(*m_settings, profile.confirmWrites, id);
    HasApiKeyKey.setValue(*m_settings, profile.hasApiKey, id);
    HasHmacSecretKey.setValue(*m_settings, profile.hasHmacSecret, id);
    m_settings->sync();
}

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> stored;
    for (const QString &id : storedIds()) {
        if (std::optional<Profile> profile = load(id))
            stored.append(*profile);
    }
    std::sort(stored.begin(), stored.end(), byName);
    stored.prepend(Profile::sandbox());
    return stored;
}

std::optional<Profile> ProfileStore::profile(const QString &id) const
{
    return load(id);
}

std::optional<Profile> ProfileStore::find(const QString &nameOrId) const
{
    const QString wanted = nameOrId.trimmed();
    if (wanted.isEmpty())
        return std::nullopt;
    const QList<Profile> all = profiles();
    for (const Profile &candidate : all) {
        if (candidate.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    for (const Profile &candidate : all) {
        if (candidate.id.compare(wanted, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return std::nullopt;
}

bool ProfileStore::isValid(const Profile &profile, QString *why) const
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (profile.isSandbox())
        return fail(tr("The Sandbox profile is built in and cannot be changed."));
    const QString name = profile.name.trimmed();
    if (name.isEmpty())
        return fail(tr("A profile needs a name."));
    if (name.size() > MaxNameLength)
        return fail(tr("A profile name has at most %1 characters.").arg(MaxNameLength));
    if (name != profile.name)
        return fail(tr("A profile name cannot begin or end with a space."));
    for (const Profile &other : profiles()) {
        if (other.id != profile.id &&
            (other.name.compare(name, Qt::CaseInsensitive) == 0 ||
             (other.isSandbox() && name.compare(Profile::SandboxId, Qt::CaseInsensitive) == 0)))
            return fail(tr("There is already a profile named “%1”.").arg(other.name));
    }
    if (!profile.baseUrl.isValid() || profile.baseUrl.host().isEmpty())
        return fail(
            tr("“%1” is not a URL such as https://api.journy.io.").arg(profile.baseUrl.toString()));
    if (profile.baseUrl.hasQuery() || profile.baseUrl.hasFragment() ||
        !profile.baseUrl.userInfo().isEmpty())
        return fail(tr("A base URL has no user name, query or fragment."));
    QString urlWhy;
    if (!JournyClient::isAllowedUrl(profile.baseUrl, &urlWhy))
        return fail(urlWhy);
    static const QRegularExpression colourPattern(u"^#[0-9a-fA-F]{6}$"_s);
    if (!profile.colour.isEmpty() && !colourPattern.match(profile.colour).hasMatch())
        return fail(tr("A colour is written #rrggbb, not “%1”.").arg(profile.colour));
    return true;
}

std::optional<Profile> ProfileStore::save(const Profile &profile, QString *why)
{
    if (!isValid(profile, why))
        return std::nullopt;
    Profile stored = profile;
    const std::optional<Profile> existing = profile.id.isEmpty() ? std::nullopt : load(profile.id);
    if (!existing)
        stored.id = profile.id.isEmpty() ? Profile::newId() : profile.id;
    if (stored.colour.isEmpty())
        stored.colour = suggestColour();
    // The secret flags follow the keychain, not the caller.
    stored.hasApiKey = existing ? existing->hasApiKey : false;
    stored.hasHmacSecret = existing ? existing->hasHmacSecret : false;
    if (existing && *existing == stored)
        return stored;
    write(stored);
    if (existing)
        Q_EMIT profileChanged(stored);
    else
        Q_EMIT profileAdded(stored);
    if (existing && activeProfileId() == stored.id)
        Q_EMIT activeProfileChanged(stored);
    return stored;
}

std::optional<Profile> ProfileStore::duplicate(const QString &id, const QString &newName,
                                               QString *why)
{
    const std::optional<Profile> original = load(id);
    if (!original) {
        if (why)
            *why = tr("There is no such profile.");
        return std::nullopt;
    }
    Profile copy = *original;
    if (copy.isSandbox()) {
        copy.baseUrl = QUrl(Profile::DefaultBaseUrl.toString());
        copy.confirmWrites = true;
    }
    copy.id.clear();
    copy.name = newName;
    copy.colour.clear();
    return save(copy, why);
}

bool ProfileStore::remove(const QString &id, QString *why)
{
    if (id == Profile::SandboxId) {
        if (why)
            *why = tr("The Sandbox profile is built in and cannot be removed.");
        return false;
    }
    if (!load(id)) {
        if (why)
            *why = tr("There is no such profile.");
        return false;
    }
    const bool wasActive = activeProfileId() == id;
    m_settings->remove(ProfilesGroup + u'/' + id);
    if (ActiveProfileKey.value(*m_settings) == id)
        ActiveProfileKey.remove(*m_settings);
    m_settings->sync();
    Q_EMIT profileRemoved(id);
    if (wasActive)
        Q_EMIT activeProfileChanged(activeProfile());
    return true;
}

Profile ProfileStore::defaultProfile() const
{
    const QList<Profile> all = profiles();
    for (const Profile &candidate : all) {
        if (!candidate.isSandbox() && candidate.hasApiKey)
            return candidate;
    }
    return Profile::sandbox();
}

Profile ProfileStore::activeProfile() const
{
    if (std::optional<Profile> chosen = load(ActiveProfileKey.value(*m_settings)))
        return *chosen;
    return defaultProfile();
}

bool ProfileStore::setActiveProfile(const QString &id)
{
    const std::optional<Profile> chosen = load(id);
    if (!chosen)
        return false;
    const QString before = activeProfileId();
    ActiveProfileKey.setValue(*m_settings, id);
    m_settings->sync();
    if (before != id)
        Q_EMIT activeProfileChanged(*chosen);
    return true;
}

void ProfileStore::setHasSecret(const QString &id, SecretKind kind, bool stored)
{
    std::optional<Profile> profile = load(id);
    if (!profile || profile->isSandbox())
        return;
    const TypedSetting<bool> &key = kind == SecretKind::ApiKey ? HasApiKeyKey : HasHmacSecretKey;
    if (key.value(*m_settings, id) == stored)
        return;
    const Profile before = activeProfile();
    key.setValue(*m_settings, stored, id);
    m_settings->sync();
    const Profile changed = *load(id);
    Q_EMIT profileChanged(changed);
    const Profile after = activeProfile();
    if (after.id != before.id || after.id == id)
        Q_EMIT activeProfileChanged(after);
}

void ProfileStore::trackSecrets(SecretStore *secrets)
{
    connect(secrets, &SecretStore::secretPresenceChanged, this,
            [this](const QString &id, SecretKind kind, bool stored) {
                setHasSecret(id, kind, stored);
            });
}

void ProfileStore::reload()
{
    m_settings->sync();
    Q_EMIT reloaded();
}

QString ProfileStore::suggestColour() const
{
    QStringList used;
    for (const QString &id : storedIds())
        used.append(ColourKey.value(*m_settings, id).toLower());
    for (const QString &colour : palette()) {
        if (!used.contains(colour))
            return colour;
    }
    return palette().at(storedIds().size() % palette().size());
}
