#include "identity/identityverification.h"
#include "secrets/redaction.h"
#include "secrets/secretstore.h"

#include "httpfixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

// journyctl's profiles as a user runs them: the real binary, the real keychain (run under
// packaging/run-tests.sh), a fresh HOME per test, HTTP to a loopback server.
class TestJournyCtlProfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help();
    void addListRemove();
    void addRejects_data();
    void addRejects();
    void setKeyAndSend();
    void setKeyNeverFromArguments();
    void setKeyRejectsEmptyInput();
    void environmentOverridesStoredKey();
    void profileTestPrintsPermissions();
    void profileTestFailures();
    void connectionErrors_data();
    void connectionErrors();
    void verboseHidesKey();
    void removeDeletesKeychainEntries();
    void hmacWithTheProfilesSecret();
    void noSecretStore();

private:
    ProcessResult ctl(const QStringList &arguments, const QByteArray &input = {},
                      const QStringList &environment = {});
    QJsonArray listJson();
    QString idOf(const QString &name);
    void addWithKey(const QString &name, const QString &key);

    std::unique_ptr<HttpFixture> m_server;
    std::unique_ptr<QTemporaryDir> m_home;
};

static const QString Key = u"sk-profile-test-7c41e0b2"_s;

void TestJournyCtlProfile::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_server = std::make_unique<HttpFixture>();
    m_server->answerJson(200, R"({"meta":{"requestId":"r-1","status":200},"data":[]})");
}

ProcessResult TestJournyCtlProfile::ctl(const QStringList &arguments, const QByteArray &input,
                                        const QStringList &environment)
{
    const QString home = m_home->path();
    QStringList env{u"JOURNY_API_KEY"_s,
                    u"HOME="_s + home,
                    u"XDG_CONFIG_HOME="_s + home + u"/config"_s,
                    u"XDG_DATA_HOME="_s + home + u"/data"_s,
                    u"XDG_CACHE_HOME="_s + home + u"/cache"_s,
                    u"XDG_STATE_HOME="_s + home + u"/state"_s};
    env << environment;
    return runProcess(QStringLiteral(JOURNYCTL_PATH), arguments, input, env);
}

QJsonArray TestJournyCtlProfile::listJson()
{
    const ProcessResult result = ctl({u"profile"_s, u"list"_s, u"--json"_s});
    if (result.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(result.out).array();
}

QString TestJournyCtlProfile::idOf(const QString &name)
{
    for (const QJsonValue &profile : listJson()) {
        if (profile[u"name"_s].toString() == name)
            return profile[u"id"_s].toString();
    }
    return {};
}

void TestJournyCtlProfile::addWithKey(const QString &name, const QString &key)
{
    QCOMPARE(ctl({u"profile"_s, u"add"_s, name, u"--base-url"_s, m_server->baseUrl().toString()})
                 .exitCode,
             0);
    const ProcessResult set = ctl({u"profile"_s, u"set-key"_s, name}, key.toUtf8() + '\n');
    QVERIFY2(set.exitCode == 0, set.err.constData());
    QVERIFY(!set.out.contains(key.toUtf8()));
    QVERIFY(!set.err.contains(key.toUtf8()));
}

void TestJournyCtlProfile::help()
{
    const ProcessResult result = ctl({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const char *needle : {"profile list", "profile add NAME", "profile set-key NAME",
                               "profile test NAME", "profile remove NAME", "--profile NAME",
                               "--verbose", "4  no secret store", "Journy Console.conf"})
        QVERIFY2(result.out.contains(needle), needle);
}

void TestJournyCtlProfile::addListRemove()
{
    ProcessResult result = ctl({u"profile"_s, u"add"_s, u"Acme EU"_s, u"--base-url"_s,
                                u"https://eu.example.com"_s, u"--production"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("Acme EU"));

    // Where the console finds them too.
    QVERIFY(QFile::exists(m_home->filePath(u"config/journy.io/Journy Console.conf"_s)));

    result = ctl({u"profile"_s, u"list"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("Sandbox"));
    QVERIFY(result.out.contains("Acme EU"));
    QVERIFY(result.out.contains("https://eu.example.com"));

    const QJsonArray profiles = listJson();
    QCOMPARE(profiles.size(), 2);
    QCOMPARE(profiles[0][u"id"_s].toString(), u"sandbox"_s);
    QVERIFY(profiles[0][u"active"_s].toBool()); // no profile has a key: the Sandbox
    const QJsonObject acme = profiles[1].toObject();
    QCOMPARE(acme[u"name"_s].toString(), u"Acme EU"_s);
    QCOMPARE(acme[u"baseUrl"_s].toString(), u"https://eu.example.com"_s);
    QVERIFY(acme[u"production"_s].toBool());
    QVERIFY(acme[u"confirmWrites"_s].toBool());
    QVERIFY(!acme[u"hasApiKey"_s].toBool());

    result = ctl({u"profile"_s, u"remove"_s, u"acme eu"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(listJson().size(), 1);
    QCOMPARE(ctl({u"profile"_s, u"remove"_s, u"Acme EU"_s}).exitCode, 2);
}

void TestJournyCtlProfile::addRejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("taken") << QStringList{u"profile"_s, u"add"_s, u"TWICE"_s}
                           << QByteArray("already");
    QTest::newRow("sandbox") << QStringList{u"profile"_s, u"add"_s, u"sandbox"_s}
                             << QByteArray("already");
    QTest::newRow("plain http") << QStringList{u"profile"_s, u"add"_s, u"x"_s, u"--base-url"_s,
                                               u"http://journy.io"_s}
                                << QByteArray("https");
    QTest::newRow("no name") << QStringList{u"profile"_s, u"add"_s} << QByteArray("NAME");
    QTest::newRow("unknown action")
        << QStringList{u"profile"_s, u"rename"_s, u"x"_s} << QByteArray("rename");
    QTest::newRow("no action") << QStringList{u"profile"_s} << QByteArray("set-key");
    QTest::newRow("sandbox remove")
        << QStringList{u"profile"_s, u"remove"_s, u"Sandbox"_s} << QByteArray("built in");
}

void TestJournyCtlProfile::addRejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QCOMPARE(ctl({u"profile"_s, u"add"_s, u"twice"_s}).exitCode, 0);
    const ProcessResult result = ctl(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
}

void TestJournyCtlProfile::setKeyAndSend()
{
    addWithKey(u"acme"_s, Key);
    const QJsonArray profiles = listJson();
    QVERIFY(profiles[1][u"hasApiKey"_s].toBool());
    QVERIFY(profiles[1][u"active"_s].toBool()); // the first profile with a key
    QVERIFY(ctl({u"profile"_s, u"list"_s}).out.contains("stored"));

    const ProcessResult sent = ctl({u"--profile"_s, u"acme"_s, u"send"_s, u"getEvents"_s});
    QCOMPARE(sent.exitCode, 0);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->lastRequest().path, u"/events"_s);
    QCOMPARE(m_server->lastRequest().header("X-Api-Key"), Key.toUtf8());
    QVERIFY(!sent.out.contains(Key.toUtf8()) && !sent.err.contains(Key.toUtf8()));

    // --profile after the command works as well.
    QCOMPARE(ctl({u"send"_s, u"getUserSegments"_s, u"--profile"_s, u"ACME"_s}).exitCode, 0);
    QCOMPARE(m_server->lastRequest().header("X-Api-Key"), Key.toUtf8());

    QVERIFY(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode == 0);
}

void TestJournyCtlProfile::setKeyNeverFromArguments()
{
    QCOMPARE(ctl({u"profile"_s, u"add"_s, u"acme"_s}).exitCode, 0);
    const ProcessResult result =
        ctl({u"profile"_s, u"set-key"_s, u"acme"_s, u"sk-on-the-command-line"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("never pass a key"));
    QVERIFY(!listJson()[1][u"hasApiKey"_s].toBool());
}

void TestJournyCtlProfile::setKeyRejectsEmptyInput()
{
    QCOMPARE(ctl({u"profile"_s, u"add"_s, u"acme"_s}).exitCode, 0);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"acme"_s}, "\n").exitCode, 2);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"acme"_s}, "two words\n").exitCode, 2);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"nobody"_s}, "k\n").exitCode, 2);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"Sandbox"_s}, "k\n").exitCode, 2);
}

void TestJournyCtlProfile::environmentOverridesStoredKey()
{
    addWithKey(u"acme"_s, Key);
    const ProcessResult sent = ctl({u"--profile"_s, u"acme"_s, u"send"_s, u"getEvents"_s}, {},
                                   {u"JOURNY_API_KEY=sk-from-ci-pipeline"_s});
    QCOMPARE(sent.exitCode, 0);
    QCOMPARE(m_server->lastRequest().header("X-Api-Key"), QByteArray("sk-from-ci-pipeline"));
    // --base-url without a profile still works as before.
    QCOMPARE(ctl({u"send"_s, u"getEvents"_s, u"--base-url"_s, m_server->baseUrl().toString()}, {},
                 {u"JOURNY_API_KEY=sk-from-ci-pipeline"_s})
                 .exitCode,
             0);
    QCOMPARE(m_server->lastRequest().header("X-Api-Key"), QByteArray("sk-from-ci-pipeline"));
    QVERIFY(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode == 0);
}

void TestJournyCtlProfile::profileTestPrintsPermissions()
{
    addWithKey(u"acme"_s, Key);
    m_server->answerJson(
        200,
        R"({"meta":{"requestId":"r-9","status":200},"data":{"permissions":["TrackData","ReadData"]}})");
    const ProcessResult result = ctl({u"profile"_s, u"test"_s, u"acme"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(m_server->lastRequest().method, QByteArray("GET"));
    QCOMPARE(m_server->lastRequest().path, u"/validate"_s);
    QCOMPARE(m_server->lastRequest().header("X-Api-Key"), Key.toUtf8());
    QVERIFY(result.out.contains("TrackData"));
    QVERIFY(result.out.contains("ReadData"));
    QVERIFY(result.err.contains("200"));
    QVERIFY(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode == 0);
}

void TestJournyCtlProfile::profileTestFailures()
{
    addWithKey(u"acme"_s, Key);
    m_server->answerJson(401, R"({"meta":{"requestId":"r-2","status":401},"message":"Bad key"})");
    ProcessResult result = ctl({u"profile"_s, u"test"_s, u"acme"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains("401"));
    QVERIFY(result.err.contains("Bad key"));
    QVERIFY(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode == 0);
    QCOMPARE(ctl({u"profile"_s, u"test"_s, u"acme"_s}).exitCode, 2);
}

void TestJournyCtlProfile::connectionErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("unknown profile")
        << QStringList{u"--profile"_s, u"nobody"_s, u"send"_s, u"getEvents"_s}
        << QByteArray("no profile");
    QTest::newRow("both") << QStringList{u"--profile"_s,    u"nokey"_s, u"--base-url"_s,
                                         u"https://x.io"_s, u"send"_s,  u"getEvents"_s}
                          << QByteArray("not both");
    QTest::newRow("neither") << QStringList{u"send"_s, u"getEvents"_s} << QByteArray("--profile");
    QTest::newRow("no key") << QStringList{u"--profile"_s, u"nokey"_s, u"send"_s, u"getEvents"_s}
                            << QByteArray("set-key");
    QTest::newRow("sandbox") << QStringList{u"--profile"_s, u"Sandbox"_s, u"send"_s, u"getEvents"_s}
                             << QByteArray("journy-sandbox");
}

void TestJournyCtlProfile::connectionErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QCOMPARE(
        ctl({u"profile"_s, u"add"_s, u"nokey"_s, u"--base-url"_s, m_server->baseUrl().toString()})
            .exitCode,
        0);
    const ProcessResult result = ctl(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QCOMPARE(m_server->requests().size(), 0);
}

void TestJournyCtlProfile::verboseHidesKey()
{
    addWithKey(u"acme"_s, Key);
    m_server->answerJson(201, R"({"meta":{"requestId":"r-3","status":201},"message":"ok"})");
    const ProcessResult result = ctl({u"--profile"_s, u"acme"_s, u"send"_s, u"upsertUser"_s,
                                      u"--data"_s, u"-"_s, u"--verbose"_s},
                                     R"({"identification":{"userId":"u-1"}})");
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(m_server->lastRequest().header("X-Api-Key"), Key.toUtf8());
    QVERIFY2(result.err.contains("> POST http://127.0.0.1:"), result.err.constData());
    QVERIFY(result.err.contains("/users/upsert"));
    QVERIFY(result.err.contains(
        QByteArray(QByteArray("X-Api-Key: ") + Redaction::Placeholder.toString().toUtf8())));
    QVERIFY(result.err.contains("\"userId\""));
    QVERIFY(result.err.contains("< HTTP 201"));
    QVERIFY(!result.err.contains(Key.toUtf8()) && !result.out.contains(Key.toUtf8()));
    QVERIFY(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode == 0);
}

void TestJournyCtlProfile::removeDeletesKeychainEntries()
{
    addWithKey(u"acme"_s, Key);
    QCOMPARE(ctl({u"profile"_s, u"set-key"_s, u"acme"_s, u"--hmac-secret"_s}, "hmac-secret-5a5a\n")
                 .exitCode,
             0);
    const QString id = idOf(u"acme"_s);
    QVERIFY(!id.isEmpty());
    QVERIFY(listJson()[1][u"hasHmacSecret"_s].toBool());
    SecretStore store;
    QCOMPARE(store.readNow(id, SecretKind::ApiKey).secret, Key);
    QCOMPARE(store.readNow(id, SecretKind::HmacSecret).secret, u"hmac-secret-5a5a"_s);

    QCOMPARE(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode, 0);
    QCOMPARE(store.readNow(id, SecretKind::ApiKey).status, SecretResult::NotFound);
    QCOMPARE(store.readNow(id, SecretKind::HmacSecret).status, SecretResult::NotFound);
}

// No session bus and no display: a plain message, exit 4, and the key written nowhere.
void TestJournyCtlProfile::hmacWithTheProfilesSecret()
{
    const QStringList noSecretInEnvironment{u"JOURNY_HMAC_SECRET"_s};
    const QString secret = u"hmac-profile-test-51f0c2"_s;
    addWithKey(u"acme"_s, Key);
    const ProcessResult set =
        ctl({u"profile"_s, u"set-key"_s, u"acme"_s, u"--hmac-secret"_s}, secret.toUtf8() + '\n');
    QVERIFY2(set.exitCode == 0, set.err.constData());

    const ProcessResult digest =
        ctl({u"--profile"_s, u"acme"_s, u"hmac"_s, u"user-42"_s}, {}, noSecretInEnvironment);
    QVERIFY2(digest.exitCode == 0, digest.err.constData());
    QCOMPARE(QString::fromUtf8(digest.out),
             IdentityVerification::hmacHex(u"user-42"_s, secret) + u'\n');
    QVERIFY(!digest.out.contains(secret.toUtf8()) && !digest.err.contains(secret.toUtf8()));
    const ProcessResult verify = ctl({u"hmac"_s, u"--profile"_s, u"acme"_s, u"--verify"_s,
                                      QString::fromUtf8(digest.out.trimmed()), u"user-42"_s},
                                     {}, noSecretInEnvironment);
    QCOMPARE(verify.out, QByteArray("match\n"));

    // The environment wins over the profile, as JOURNY_API_KEY does.
    const ProcessResult environment = ctl({u"hmac"_s, u"--profile"_s, u"acme"_s, u"user-42"_s}, {},
                                          {u"JOURNY_HMAC_SECRET=other"_s});
    QCOMPARE(QString::fromUtf8(environment.out),
             IdentityVerification::hmacHex(u"user-42"_s, u"other"_s) + u'\n');

    // A profile without one says how to store one; an unknown profile is named.
    addWithKey(u"bare"_s, Key);
    const ProcessResult none =
        ctl({u"hmac"_s, u"--profile"_s, u"bare"_s, u"user-42"_s}, {}, noSecretInEnvironment);
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("set-key bare --hmac-secret"), none.err.constData());
    const ProcessResult unknown =
        ctl({u"hmac"_s, u"--profile"_s, u"nobody"_s, u"user-42"_s}, {}, noSecretInEnvironment);
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.err.contains("nobody"));

    QCOMPARE(ctl({u"profile"_s, u"remove"_s, u"acme"_s}).exitCode, 0);
    QCOMPARE(ctl({u"profile"_s, u"remove"_s, u"bare"_s}).exitCode, 0);
}

void TestJournyCtlProfile::noSecretStore()
{
    QTemporaryDir runtime;
    const QStringList noBus{u"DBUS_SESSION_BUS_ADDRESS"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s,
                            u"XDG_RUNTIME_DIR="_s + runtime.path()};
    QCOMPARE(
        ctl({u"profile"_s, u"add"_s, u"acme"_s, u"--base-url"_s, m_server->baseUrl().toString()},
            {}, noBus)
            .exitCode,
        0);
    ProcessResult result = ctl({u"profile"_s, u"set-key"_s, u"acme"_s}, Key.toUtf8(), noBus);
    QCOMPARE(result.exitCode, 4);
    QVERIFY2(result.err.contains("No secret store"), result.err.constData());
    QVERIFY(result.err.contains("gnome-keyring"));
    QVERIFY(result.err.contains("unlock"));
    QVERIFY(result.err.contains("not stored"));
    QVERIFY(!result.err.contains(Key.toUtf8()) && !result.out.contains(Key.toUtf8()));
    QVERIFY(!listJson()[1][u"hasApiKey"_s].toBool());

    result = ctl({u"--profile"_s, u"acme"_s, u"send"_s, u"getEvents"_s}, {}, noBus);
    QCOMPARE(result.exitCode, 4);
    QVERIFY(result.err.contains("No secret store"));
    QCOMPARE(m_server->requests().size(), 0);
    // JOURNY_API_KEY needs no store.
    result = ctl({u"--profile"_s, u"acme"_s, u"send"_s, u"getEvents"_s}, {},
                 noBus + QStringList{u"JOURNY_API_KEY="_s + Key});
    QCOMPARE(result.exitCode, 0);

    for (const QString &root : {m_home->path(), runtime.path()}) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(Key.toUtf8()), qPrintable(file.fileName()));
        }
    }
}

QTEST_GUILESS_MAIN(TestJournyCtlProfile)
#include "tst_journyctl_profile.moc"
