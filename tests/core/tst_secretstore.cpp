#include "profiles/profilestore.h"
#include "secrets/redaction.h"
#include "secrets/secretstore.h"

#include "httpfixture.h"

#include <QDBusConnection>
#include <QDBusVirtualObject>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

using namespace Qt::StringLiterals;

// The real keychain through SecretStore, the code path the console and journyctl use.
// Run it under packaging/run-tests.sh (session bus + unlocked gnome-keyring): without a
// working store the round trip FAILS, it never skips.
class TestSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void removeMissingIsOk();
    void kindsAreSeparate();
    void presenceTracksProfiles();
    void callbacksMayQueueMore();
    void contextGuardsCallback();
    void readSecretsAreRegistered();
    void entryKeys();
    void noSecretStore();
    void silentStoreTimesOut();

private:
    QString uniqueId() const { return u"test-"_s + Profile::newId(); }
};

// Child modes, chosen by JOURNY_SECRETSTORE_CHILD; the secret comes on standard input.
namespace {
// Writes, reads and removes with no usable store; prints what happened, never the secret.
int noStoreChild()
{
    QTextStream out(stdout);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    const QString key = QString::fromUtf8(in.readAll()).trimmed();
    SecretStore store;
    QString message;
    QObject::connect(&store, &SecretStore::unavailable,
                     [&](const QString &text, const QString &) { message = text; });
    const SecretResult written = store.writeNow(u"child"_s, SecretKind::ApiKey, key);
    const bool memoryOnly = store.isMemoryOnly(u"child"_s, SecretKind::ApiKey);
    const SecretResult read = store.readNow(u"child"_s, SecretKind::ApiKey);
    const SecretResult removed = store.removeNow(u"child"_s, SecretKind::ApiKey);
    const SecretResult after = store.readNow(u"child"_s, SecretKind::ApiKey);
    out << "write=" << written.status << " memoryOnly=" << int(written.memoryOnly && memoryOnly)
        << " read=" << read.status << " readMemory=" << int(read.memoryOnly)
        << " same=" << int(read.secret == key) << " remove=" << removed.status
        << " after=" << after.status << " stillMemory=" << int(store.hasMemoryOnlySecrets()) << '\n'
        << "message=" << message << '\n'
        << "detail=" << written.detail << '\n';
    return 0;
}

// A Secret Service that takes every call and never answers.
class SilentService : public QDBusVirtualObject {
public:
    bool handleMessage(const QDBusMessage &, const QDBusConnection &) override { return true; }
    QString introspect(const QString &) const override { return {}; }
};

int silentStoreChild()
{
    QTextStream out(stdout);
    QDBusConnection bus = QDBusConnection::sessionBus();
    SilentService service;
    if (!bus.registerService(u"org.freedesktop.secrets"_s) ||
        !bus.registerVirtualObject(u"/"_s, &service, QDBusConnection::SubPath)) {
        out << "cannot own org.freedesktop.secrets\n";
        return 2;
    }
    SecretStore store;
    store.setTimeout(std::chrono::milliseconds(1500));
    const SecretResult written = store.writeNow(u"silent"_s, SecretKind::ApiKey, u"sk-silent"_s);
    const SecretResult read = store.readNow(u"silent"_s, SecretKind::ApiKey);
    out << "write=" << written.status << " memoryOnly=" << int(written.memoryOnly)
        << " read=" << read.status << " same=" << int(read.secret == u"sk-silent"_s) << '\n'
        << "detail=" << written.detail << '\n';
    return 0;
}
} // namespace

void TestSecretStore::initTestCase()
{
    // Fail loudly (not skip) when the store does not work: that is what this test is for.
    SecretStore store;
    const SecretResult probe = store.writeNow(u"probe"_s, SecretKind::ApiKey, u"probe-value"_s);
    QVERIFY2(probe.ok(), qPrintable(u"No working secret store: "_s + probe.detail +
                                    u" — run under packaging/run-tests.sh "
                                    u"(dbus-run-session + unlocked gnome-keyring)."_s));
    QVERIFY(store.removeNow(u"probe"_s, SecretKind::ApiKey).ok());
}

void TestSecretStore::roundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("api key") << int(SecretKind::ApiKey);
    QTest::newRow("hmac secret") << int(SecretKind::HmacSecret);
}

void TestSecretStore::roundTrip()
{
    QFETCH(int, kind);
    const SecretKind secretKind = SecretKind(kind);
    const QString id = uniqueId();
    SecretStore store;
    QSignalSpy finished(&store, &SecretStore::finished);
    QSignalSpy unavailable(&store, &SecretStore::unavailable);

    QCOMPARE(store.readNow(id, secretKind).status, SecretResult::NotFound);

    const SecretResult written = store.writeNow(id, secretKind, u"sk-live-first-1234"_s);
    QVERIFY2(written.ok(), qPrintable(written.detail));
    QVERIFY(!written.memoryOnly);
    QVERIFY(written.secret.isEmpty());
    QVERIFY(!store.hasMemoryOnlySecrets());

    // A second store (another run of the program) reads it from the keychain.
    SecretStore other;
    SecretResult read = other.readNow(id, secretKind);
    QCOMPARE(read.status, SecretResult::Ok);
    QCOMPARE(read.secret, u"sk-live-first-1234"_s);
    QVERIFY(!read.memoryOnly);

    QVERIFY(store.writeNow(id, secretKind, u"sk-live-second-5678"_s).ok());
    read = other.readNow(id, secretKind);
    QCOMPARE(read.secret, u"sk-live-second-5678"_s);

    const SecretResult removed = store.removeNow(id, secretKind);
    QVERIFY2(removed.ok(), qPrintable(removed.detail));
    QCOMPARE(other.readNow(id, secretKind).status, SecretResult::NotFound);

    QCOMPARE(finished.size(), 4); // this store: read, write, replace, remove
    QCOMPARE(unavailable.size(), 0);
    const SecretResult last = finished.last().first().value<SecretResult>();
    QCOMPARE(last.operation, SecretResult::Remove);
    QCOMPARE(last.profileId, id);
}

void TestSecretStore::removeMissingIsOk()
{
    SecretStore store;
    QVERIFY(store.removeNow(uniqueId(), SecretKind::ApiKey).ok());
    QVERIFY(store.removeAllNow(uniqueId()).ok());
}

void TestSecretStore::kindsAreSeparate()
{
    const QString id = uniqueId();
    SecretStore store;
    QVERIFY(store.writeNow(id, SecretKind::ApiKey, u"the-api-key"_s).ok());
    QVERIFY(store.writeNow(id, SecretKind::HmacSecret, u"the-hmac-secret"_s).ok());
    QCOMPARE(store.readNow(id, SecretKind::ApiKey).secret, u"the-api-key"_s);
    QCOMPARE(store.readNow(id, SecretKind::HmacSecret).secret, u"the-hmac-secret"_s);
    QCOMPARE(store.readNow(uniqueId(), SecretKind::ApiKey).status, SecretResult::NotFound);
    QVERIFY(store.removeAllNow(id).ok());
    QCOMPARE(store.readNow(id, SecretKind::ApiKey).status, SecretResult::NotFound);
    QCOMPARE(store.readNow(id, SecretKind::HmacSecret).status, SecretResult::NotFound);
}

void TestSecretStore::presenceTracksProfiles()
{
    QTemporaryDir dir;
    ProfileStore profiles(dir.filePath(u"p.conf"_s));
    Profile profile;
    profile.name = u"tracked"_s;
    const std::optional<Profile> saved = profiles.save(profile);
    QVERIFY(saved);
    SecretStore store;
    profiles.trackSecrets(&store);
    QSignalSpy presence(&store, &SecretStore::secretPresenceChanged);

    QVERIFY(store.writeNow(saved->id, SecretKind::ApiKey, u"tracked-key-1"_s).ok());
    QVERIFY(profiles.profile(saved->id)->hasApiKey);
    QCOMPARE(profiles.defaultProfile().id, saved->id);
    QVERIFY(store.removeAllNow(saved->id).ok());
    QVERIFY(!profiles.profile(saved->id)->hasApiKey);
    QCOMPARE(profiles.defaultProfile().id, u"sandbox"_s);
    // A read that finds nothing corrects a stale flag.
    profiles.setHasSecret(saved->id, SecretKind::ApiKey, true);
    QCOMPARE(store.readNow(saved->id, SecretKind::ApiKey).status, SecretResult::NotFound);
    QVERIFY(!profiles.profile(saved->id)->hasApiKey);
    QVERIFY(presence.size() >= 3);
    // The flag is all that reaches the settings file.
    QFile file(profiles.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("tracked-key-1"));
}

void TestSecretStore::callbacksMayQueueMore()
{
    const QString id = uniqueId();
    SecretStore store;
    QStringList order;
    QString readBack;
    store.write(id, SecretKind::ApiKey, u"chained-secret"_s, this, [&](const SecretResult &r) {
        order << u"write %1"_s.arg(r.status);
        // Queued from a callback: starts from the event loop, after this job has ended.
        store.read(id, SecretKind::ApiKey, this, [&](const SecretResult &readResult) {
            order << u"read %1"_s.arg(readResult.status);
            readBack = readResult.secret;
            store.remove(id, SecretKind::ApiKey, this,
                         [&](const SecretResult &g) { order << u"remove %1"_s.arg(g.status); });
        });
    });
    QVERIFY(store.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 30000);
    QCOMPARE(order, (QStringList{u"write 0"_s, u"read 0"_s, u"remove 0"_s}));
    QCOMPARE(readBack, u"chained-secret"_s);
    QTRY_VERIFY(!store.isBusy());
}

void TestSecretStore::contextGuardsCallback()
{
    SecretStore store;
    bool called = false;
    auto *context = new QObject;
    store.read(uniqueId(), SecretKind::ApiKey, context,
               [&](const SecretResult &) { called = true; });
    delete context;
    QSignalSpy finished(&store, &SecretStore::finished);
    QVERIFY(finished.wait(30000));
    QVERIFY(!called);
}

void TestSecretStore::readSecretsAreRegistered()
{
    const QString id = uniqueId();
    const QString secret = u"registered-by-read-9876"_s;
    {
        SecretStore writer;
        QVERIFY(writer.writeNow(id, SecretKind::ApiKey, secret).ok());
    }
    Redaction::forgetSecret(secret);
    QCOMPARE(Redaction::redact(secret), secret);
    SecretStore reader;
    QCOMPARE(reader.readNow(id, SecretKind::ApiKey).secret, secret);
    QCOMPARE(Redaction::redact(u"x"_s + secret), u"x"_s + Redaction::Placeholder.toString());
    QVERIFY(reader.removeNow(id, SecretKind::ApiKey).ok());
}

void TestSecretStore::entryKeys()
{
    QCOMPARE(SecretStore::entryKey(u"abc"_s, SecretKind::ApiKey), u"profile/abc/api-key"_s);
    QCOMPARE(SecretStore::entryKey(u"abc"_s, SecretKind::HmacSecret), u"profile/abc/hmac-secret"_s);
    QCOMPARE(SecretStore::ServiceName, u"io.journy.Console");
}

// No session bus, no display: the store says so, keeps the key in memory for this run
// only, and writes it nowhere.
void TestSecretStore::noSecretStore()
{
    QTemporaryDir home;
    QTemporaryDir runtime;
    const QString key = u"no-store-key-4f1d9c2e"_s;
    const ProcessResult child = runProcess(
        QCoreApplication::applicationFilePath(), {}, key.toUtf8(),
        {u"JOURNY_SECRETSTORE_CHILD=nostore"_s, u"DBUS_SESSION_BUS_ADDRESS"_s, u"DISPLAY"_s,
         u"WAYLAND_DISPLAY"_s, u"HOME="_s + home.path(), u"XDG_RUNTIME_DIR="_s + runtime.path(),
         u"XDG_CONFIG_HOME="_s + home.filePath(u"config"_s),
         u"XDG_DATA_HOME="_s + home.filePath(u"data"_s),
         u"XDG_CACHE_HOME="_s + home.filePath(u"cache"_s),
         u"XDG_STATE_HOME="_s + home.filePath(u"state"_s)});
    QCOMPARE(child.exitCode, 0);
    const QString out = QString::fromUtf8(child.out);
    QVERIFY2(out.contains(u"write=2 memoryOnly=1 read=0 readMemory=1 same=1 remove=2 after=2 "
                          u"stillMemory=0"_s),
             qPrintable(out + QString::fromUtf8(child.err)));
    QVERIFY2(out.contains(u"gnome-keyring"_s) && out.contains(u"unlock"_s), qPrintable(out));
    QVERIFY(!child.out.contains(key.toUtf8()));
    QVERIFY(!child.err.contains(key.toUtf8()));
    for (const QTemporaryDir *dir : {&home, &runtime}) {
        QDirIterator it(dir->path(), QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(key.toUtf8()), qPrintable(file.fileName()));
        }
    }
}

// A Secret Service that never answers: after the timeout the store counts as unavailable.
void TestSecretStore::silentStoreTimesOut()
{
    const ProcessResult child =
        runProcess(u"dbus-run-session"_s, {u"--"_s, QCoreApplication::applicationFilePath()}, {},
                   {u"JOURNY_SECRETSTORE_CHILD=silent"_s, u"DISPLAY"_s}, 60000);
    const QString out = QString::fromUtf8(child.out);
    QCOMPARE(child.exitCode, 0);
    QVERIFY2(out.contains(u"write=2 memoryOnly=1 read=0 same=1"_s),
             qPrintable(out + QString::fromUtf8(child.err)));
    QVERIFY2(out.contains(u"did not answer"_s), qPrintable(out));
}

int main(int argc, char *argv[])
{
    const QByteArray mode = qgetenv("JOURNY_SECRETSTORE_CHILD");
    QCoreApplication app(argc, argv);
    if (mode == "nostore")
        return noStoreChild();
    if (mode == "silent")
        return silentStoreChild();
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
