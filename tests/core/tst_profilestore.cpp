#include "profiles/profilestore.h"
#include "secrets/secretstore.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

// Profiles in a settings file of their own; secrets are never part of it.
class TestProfileStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void sandboxAlwaysThere();
    void sandboxCannotChange();
    void addAndReload();
    void defaults();
    void renameKeepsId();
    void invalidProfiles_data();
    void invalidProfiles();
    void findByNameOrId();
    void sortedByName();
    void duplicate();
    void remove();
    void defaultProfileRule();
    void activeProfile();
    void secretFlags();
    void colours();
    void typedKeysInFile();

private:
    QString file() const { return m_dir.filePath(u"profiles.conf"_s); }
    Profile make(const QString &name, const QString &url = u"https://api.journy.io"_s) const;
    QTemporaryDir m_dir;
};

Profile TestProfileStore::make(const QString &name, const QString &url) const
{
    Profile profile;
    profile.name = name;
    profile.baseUrl = QUrl(url);
    return profile;
}

void TestProfileStore::init()
{
    QFile::remove(file());
}

void TestProfileStore::sandboxAlwaysThere()
{
    ProfileStore store(file());
    const QList<Profile> profiles = store.profiles();
    QCOMPARE(profiles.size(), 1);
    QVERIFY(profiles.first().isSandbox());
    QCOMPARE(profiles.first().id, u"sandbox"_s);
    QCOMPARE(profiles.first().name, u"Sandbox"_s);
    QVERIFY(profiles.first().baseUrl.isEmpty());
    QVERIFY(!profiles.first().production);
    QVERIFY(!profiles.first().needsWriteConfirmation());
    QCOMPARE(store.activeProfile().id, u"sandbox"_s);
    QVERIFY(store.contains(u"sandbox"_s));
}

void TestProfileStore::sandboxCannotChange()
{
    ProfileStore store(file());
    Profile sandbox = Profile::sandbox();
    sandbox.name = u"Mine"_s;
    QString why;
    QVERIFY(!store.save(sandbox, &why));
    QVERIFY(why.contains(u"Sandbox"_s));
    QVERIFY(!store.remove(u"sandbox"_s, &why));
    QVERIFY(!store.save(make(u"sandbox"_s), &why));
    QVERIFY(!store.save(make(u"SANDBOX"_s), &why));
    QCOMPARE(store.profiles().size(), 1);
}

void TestProfileStore::addAndReload()
{
    Profile added;
    {
        ProfileStore store(file());
        QSignalSpy addedSpy(&store, &ProfileStore::profileAdded);
        Profile profile = make(u"Acme production"_s);
        profile.production = true;
        profile.colour = u"#112233"_s;
        const std::optional<Profile> saved = store.save(profile);
        QVERIFY(saved);
        QVERIFY(!saved->id.isEmpty());
        QCOMPARE(addedSpy.size(), 1);
        QCOMPARE(addedSpy.first().first().value<Profile>().id, saved->id);
        added = *saved;
    }
    ProfileStore again(file());
    const std::optional<Profile> loaded = again.profile(added.id);
    QVERIFY(loaded);
    QCOMPARE(*loaded, added);
    QCOMPARE(loaded->name, u"Acme production"_s);
    QCOMPARE(loaded->baseUrl, QUrl(u"https://api.journy.io"_s));
    QVERIFY(loaded->production);
    QCOMPARE(loaded->colour, u"#112233"_s);
    QVERIFY(loaded->needsWriteConfirmation());
}

void TestProfileStore::defaults()
{
    Profile profile;
    QCOMPARE(profile.baseUrl, QUrl(u"https://api.journy.io"_s));
    QVERIFY(profile.confirmWrites);
    QVERIFY(!profile.production);
    QVERIFY(!profile.needsWriteConfirmation());
    profile.production = true;
    QVERIFY(profile.needsWriteConfirmation());
    profile.confirmWrites = false;
    QVERIFY(!profile.needsWriteConfirmation());
    QVERIFY(Profile::newId() != Profile::newId());
}

void TestProfileStore::renameKeepsId()
{
    ProfileStore store(file());
    const std::optional<Profile> saved = store.save(make(u"Old"_s));
    QVERIFY(saved);
    QSignalSpy changed(&store, &ProfileStore::profileChanged);
    Profile renamed = *saved;
    renamed.name = u"New"_s;
    renamed.confirmWrites = false;
    QVERIFY(store.save(renamed));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(store.profiles().size(), 2);
    QCOMPARE(store.profile(saved->id)->name, u"New"_s);
    QVERIFY(!store.profile(saved->id)->confirmWrites);
    QVERIFY(!store.find(u"Old"_s));
    // Saving without a change says nothing.
    QVERIFY(store.save(renamed));
    QCOMPARE(changed.size(), 1);
}

void TestProfileStore::invalidProfiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("colour");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty name") << QString() << u"https://api.journy.io"_s << QString()
                                << u"name"_s;
    QTest::newRow("spaces") << u" a "_s << u"https://api.journy.io"_s << QString() << u"space"_s;
    QTest::newRow("taken") << u"TAKEN"_s << u"https://api.journy.io"_s << QString() << u"already"_s;
    QTest::newRow("too long") << QString(65, u'x') << u"https://api.journy.io"_s << QString()
                              << u"64"_s;
    QTest::newRow("http remote") << u"a"_s << u"http://api.journy.io"_s << QString() << u"https"_s;
    QTest::newRow("no host") << u"a"_s << u"https://"_s << QString() << u"URL"_s;
    QTest::newRow("query") << u"a"_s << u"https://api.journy.io/?a=b"_s << QString() << u"query"_s;
    QTest::newRow("user info") << u"a"_s << u"https://u:p@api.journy.io"_s << QString()
                               << u"user"_s;
    QTest::newRow("colour") << u"a"_s << u"https://api.journy.io"_s << u"red"_s << u"#rrggbb"_s;
}

void TestProfileStore::invalidProfiles()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, colour);
    QFETCH(QString, why);
    ProfileStore store(file());
    QVERIFY(store.save(make(u"taken"_s)));
    Profile profile = make(name, url);
    profile.colour = colour;
    QString reason;
    QVERIFY(!store.isValid(profile, &reason));
    QVERIFY2(reason.contains(why, Qt::CaseInsensitive), qPrintable(reason));
    QVERIFY(!store.save(profile));
    QCOMPARE(store.profiles().size(), 2);
}

void TestProfileStore::findByNameOrId()
{
    ProfileStore store(file());
    const std::optional<Profile> saved = store.save(make(u"Staging EU"_s));
    QVERIFY(saved);
    QCOMPARE(store.find(u"staging eu"_s)->id, saved->id);
    QCOMPARE(store.find(saved->id)->id, saved->id);
    QCOMPARE(store.find(u"sandbox"_s)->id, u"sandbox"_s);
    QVERIFY(!store.find(u"nope"_s));
    QVERIFY(!store.find(QString()));
}

void TestProfileStore::sortedByName()
{
    ProfileStore store(file());
    for (const QString &name : {u"delta"_s, u"Alpha"_s, u"charlie"_s, u"Bravo"_s})
        QVERIFY(store.save(make(name)));
    QStringList names;
    for (const Profile &profile : store.profiles())
        names << profile.name;
    QCOMPARE(names, (QStringList{u"Sandbox"_s, u"Alpha"_s, u"Bravo"_s, u"charlie"_s, u"delta"_s}));
}

void TestProfileStore::duplicate()
{
    ProfileStore store(file());
    Profile original = make(u"Prod"_s);
    original.production = true;
    const std::optional<Profile> saved = store.save(original);
    QVERIFY(saved);
    store.setHasSecret(saved->id, SecretKind::ApiKey, true);
    const std::optional<Profile> copy = store.duplicate(saved->id, u"Prod copy"_s);
    QVERIFY(copy);
    QVERIFY(copy->id != saved->id);
    QVERIFY(copy->production);
    QCOMPARE(copy->baseUrl, saved->baseUrl);
    QVERIFY(!copy->hasApiKey); // the copy has no secrets of its own
    QString why;
    QVERIFY(!store.duplicate(saved->id, u"prod"_s, &why));
    QVERIFY(!store.duplicate(u"missing"_s, u"x"_s, &why));
    const std::optional<Profile> fromSandbox = store.duplicate(u"sandbox"_s, u"Remote"_s);
    QVERIFY(fromSandbox);
    QCOMPARE(fromSandbox->baseUrl, QUrl(u"https://api.journy.io"_s));
}

void TestProfileStore::remove()
{
    ProfileStore store(file());
    const std::optional<Profile> saved = store.save(make(u"Gone"_s));
    QVERIFY(saved);
    QVERIFY(store.setActiveProfile(saved->id));
    QSignalSpy removed(&store, &ProfileStore::profileRemoved);
    QSignalSpy active(&store, &ProfileStore::activeProfileChanged);
    QVERIFY(store.remove(saved->id));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().toString(), saved->id);
    QCOMPARE(active.size(), 1);
    QCOMPARE(store.activeProfile().id, u"sandbox"_s);
    QVERIFY(!store.contains(saved->id));
    QVERIFY(!store.remove(saved->id));
    QSettings settings(file(), QSettings::IniFormat);
    for (const QString &key : settings.allKeys())
        QVERIFY2(!key.contains(saved->id), qPrintable(key));
}

void TestProfileStore::defaultProfileRule()
{
    ProfileStore store(file());
    const std::optional<Profile> b = store.save(make(u"b"_s));
    const std::optional<Profile> a = store.save(make(u"a"_s));
    QVERIFY(a && b);
    // No other profile has a key: the Sandbox.
    QCOMPARE(store.defaultProfile().id, u"sandbox"_s);
    QCOMPARE(store.activeProfile().id, u"sandbox"_s);
    // Else the first one by name that has a key.
    store.setHasSecret(b->id, SecretKind::ApiKey, true);
    QCOMPARE(store.defaultProfile().id, b->id);
    store.setHasSecret(a->id, SecretKind::HmacSecret, true); // an HMAC secret alone is no key
    QCOMPARE(store.defaultProfile().id, b->id);
    store.setHasSecret(a->id, SecretKind::ApiKey, true);
    QCOMPARE(store.defaultProfile().id, a->id);
    QCOMPARE(store.activeProfile().id, a->id);
}

void TestProfileStore::activeProfile()
{
    ProfileStore store(file());
    const std::optional<Profile> saved = store.save(make(u"x"_s));
    QVERIFY(saved);
    QSignalSpy active(&store, &ProfileStore::activeProfileChanged);
    QVERIFY(store.setActiveProfile(saved->id));
    QCOMPARE(active.size(), 1);
    QVERIFY(store.setActiveProfile(saved->id));
    QCOMPARE(active.size(), 1);
    QVERIFY(!store.setActiveProfile(u"missing"_s));
    QCOMPARE(ProfileStore(file()).activeProfileId(), saved->id);
    QVERIFY(store.setActiveProfile(u"sandbox"_s));
    QCOMPARE(ProfileStore(file()).activeProfileId(), u"sandbox"_s);
}

void TestProfileStore::secretFlags()
{
    ProfileStore store(file());
    const std::optional<Profile> saved = store.save(make(u"k"_s));
    QVERIFY(saved);
    QSignalSpy changed(&store, &ProfileStore::profileChanged);
    store.setHasSecret(saved->id, SecretKind::HmacSecret, true);
    QCOMPARE(changed.size(), 1);
    QVERIFY(store.profile(saved->id)->hasHmacSecret);
    store.setHasSecret(saved->id, SecretKind::HmacSecret, true);
    QCOMPARE(changed.size(), 1);
    // A caller cannot claim a secret the keychain did not report.
    Profile claimed = *store.profile(saved->id);
    claimed.hasApiKey = true;
    claimed.hasHmacSecret = false;
    QVERIFY(store.save(claimed));
    QVERIFY(!store.profile(saved->id)->hasApiKey);
    QVERIFY(store.profile(saved->id)->hasHmacSecret);
    store.setHasSecret(u"sandbox"_s, SecretKind::ApiKey, true);
    QVERIFY(!store.profile(u"sandbox"_s)->hasApiKey);
}

void TestProfileStore::colours()
{
    ProfileStore store(file());
    QStringList colours;
    for (int i = 0; i < 5; ++i) {
        const std::optional<Profile> saved = store.save(make(u"p%1"_s.arg(i)));
        QVERIFY(saved);
        QVERIFY(QRegularExpression(u"^#[0-9a-f]{6}$"_s).match(saved->colour).hasMatch());
        colours << saved->colour;
    }
    colours.removeDuplicates();
    QCOMPARE(colours.size(), 5);
}

void TestProfileStore::typedKeysInFile()
{
    ProfileStore store(file());
    QCOMPARE(store.fileName(), file());
    Profile profile = make(u"File"_s, u"http://127.0.0.1:8080"_s);
    const std::optional<Profile> saved = store.save(profile);
    QVERIFY(saved);
    QSettings settings(file(), QSettings::IniFormat);
    const QString prefix = u"profiles/"_s + saved->id + u'/';
    QCOMPARE(settings.value(prefix + u"name"_s).toString(), u"File"_s);
    QCOMPARE(settings.value(prefix + u"baseUrl"_s).toString(), u"http://127.0.0.1:8080"_s);
    QCOMPARE(settings.value(prefix + u"production"_s).toBool(), false);
    QCOMPARE(settings.value(prefix + u"confirmWrites"_s).toBool(), true);
    // Only these keys: nothing that could hold a secret.
    QStringList keys = settings.allKeys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList{prefix + u"baseUrl"_s, prefix + u"colour"_s, prefix + u"confirmWrites"_s,
                          prefix + u"hasApiKey"_s, prefix + u"hasHmacSecret"_s, prefix + u"name"_s,
                          prefix + u"production"_s}));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
