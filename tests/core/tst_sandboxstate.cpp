#include "ratewindow.h"
#include "sandboxfixture.h"
#include "sandboxkeys.h"
#include "sandboxstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}
} // namespace

// The sandbox's parts below HTTP: state semantics and its SQLite file, the rate window,
// keys and the --keys file.
class TestSandboxState : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void isDateTime_data();
    void isDateTime();
    void stateSurvivesReopening();
    void typesSurviveReopening();
    void idsAreNotReusedAfterRestart();
    void resetIsPersisted();
    void unopenableFile();
    void historyIsBounded();
    void requestBodiesAreCut();
    void sameEmailOtherUserId();

    void rateWindow();
    void rateWindowPerKey();

    void defaultKey();
    void keysFile();
    void keysFileErrors_data();
    void keysFileErrors();
};

void TestSandboxState::isDateTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("Z with ms") << u"2023-11-14T22:13:20.000Z"_s << true;
    QTest::newRow("Z") << u"2023-11-14T22:13:20Z"_s << true;
    QTest::newRow("offset") << u"2023-11-14T22:13:20+01:00"_s << true;
    QTest::newRow("negative offset") << u"2023-11-14T22:13:20.5-05:00"_s << true;
    QTest::newRow("no zone") << u"2023-11-14T22:13:20"_s << false;
    QTest::newRow("date only") << u"2023-11-14"_s << false;
    QTest::newRow("space") << u"2023-11-14 22:13:20Z"_s << false;
    QTest::newRow("month 13") << u"2023-13-14T22:13:20Z"_s << false;
    QTest::newRow("words") << u"yesterday at noon, roughly"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestSandboxState::isDateTime()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(SandboxState::isDateTime(text), expected);
}

void TestSandboxState::stateSurvivesReopening()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"state.sqlite"_s);
    QJsonArray users, accounts, events, links, requests, userProperties, eventNames;
    {
        SandboxState state;
        QString error;
        QVERIFY2(state.openFile(file, &error), qPrintable(error));
        QVERIFY(state.isPersistent());
        state.upsert(SandboxScope::Users, json(R"({"userId":"u-1","email":"a@b.co"})"),
                     json(R"({"plan":"pro","seats":2,"tags":["x"],"at":"2023-01-01T00:00:00Z"})"));
        state.upsert(SandboxScope::Users, json(R"({"userId":"u-2"})"), json(R"({"gone":null})"));
        state.upsert(SandboxScope::Accounts, json(R"({"accountId":"a-1"})"), json(R"({"mrr":9})"));
        state.addMembers(json(R"({"accountId":"a-1"})"),
                         {json(R"({"userId":"u-1"})"), json(R"({"userId":"u-2"})")});
        state.removeMembers(json(R"({"accountId":"a-1"})"), {json(R"({"userId":"u-2"})")});
        state.trackEvent(u"trackEvent"_s, json(R"({"user":{"userId":"u-1"}})"), u"signed_in"_s,
                         json(R"({"n":1})"), {});
        state.link(u"dev-1"_s, json(R"({"userId":"u-1"})"));
        SandboxRequestRecord record;
        record.requestId = u"r-1"_s;
        record.method = "POST";
        record.path = u"/users/upsert"_s;
        record.status = 201;
        record.requestBody = "{}";
        state.logRequest(record);
        users = state.usersJson();
        accounts = state.accountsJson();
        events = state.eventsJson();
        links = state.linksJson();
        requests = state.requestsJson();
        userProperties = state.propertiesJson(SandboxScope::Users);
        eventNames = state.eventNamesJson();
    }
    SandboxState reopened;
    QString error;
    QVERIFY2(reopened.openFile(file, &error), qPrintable(error));
    QCOMPARE(reopened.usersJson(), users);
    QCOMPARE(reopened.accountsJson(), accounts);
    QCOMPARE(reopened.eventsJson(), events);
    QCOMPARE(reopened.linksJson(), links);
    QCOMPARE(reopened.requestsJson(), requests);
    QCOMPARE(reopened.propertiesJson(SandboxScope::Users), userProperties);
    QCOMPARE(reopened.eventNamesJson(), eventNames);
    QCOMPARE(users.size(), 2);
    QCOMPARE(userProperties.size(), 5); // plan, seats, tags, at, gone
    QCOMPARE(accounts.first()[u"members"_s].toArray().size(), 2);
    QCOMPARE(accounts.first()[u"members"_s][1][u"removed"_s].toBool(), true);
}

void TestSandboxState::typesSurviveReopening()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"state.sqlite"_s);
    QString error;
    {
        SandboxState state;
        QVERIFY(state.openFile(file, &error));
        state.upsert(SandboxScope::Accounts, json(R"({"domain":"acme.com"})"),
                     json(R"({"created_at":"2023-01-01T00:00:00Z"})"));
    }
    SandboxState state;
    QVERIFY(state.openFile(file, &error));
    QCOMPARE(state.propertyKind(SandboxScope::Accounts, u"created_at"_s), PropertyKind::DateTime);
    const auto rejected = state.upsert(SandboxScope::Accounts, json(R"({"domain":"ACME.com"})"),
                                       json(R"({"created_at":false})"));
    QCOMPARE(rejected.value(u"created_at"_s), u"Expected a date but found a boolean."_s);
    QCOMPARE(state.accountCount(), 1); // domains match case-insensitively
}

void TestSandboxState::idsAreNotReusedAfterRestart()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"state.sqlite"_s);
    QString error;
    QString deletedId;
    {
        SandboxState state;
        QVERIFY(state.openFile(file, &error));
        state.upsert(SandboxScope::Users, json(R"({"userId":"u-1"})"), {});
        deletedId = state.usersJson().first()[u"id"_s].toString();
        QVERIFY(state.remove(SandboxScope::Users, json(R"({"userId":"u-1"})")));
        QVERIFY(!state.remove(SandboxScope::Users, json(R"({"userId":"u-1"})")));
    }
    SandboxState state;
    QVERIFY(state.openFile(file, &error));
    QCOMPARE(state.userCount(), 0);
    state.upsert(SandboxScope::Users, json(R"({"userId":"u-2"})"), {});
    QVERIFY(state.usersJson().first()[u"id"_s].toString() != deletedId);
}

void TestSandboxState::resetIsPersisted()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"state.sqlite"_s);
    QString error;
    {
        SandboxState state;
        QVERIFY(state.openFile(file, &error));
        state.upsert(SandboxScope::Users, json(R"({"userId":"u-1"})"), json(R"({"a":1})"));
        state.trackEvent(u"trackEvent"_s, json(R"({"user":{"userId":"u-1"}})"), u"x"_s, {}, {});
        QSignalSpy changed(&state, &SandboxState::changed);
        state.reset();
        QCOMPARE(changed.size(), 1);
    }
    SandboxState state;
    QVERIFY(state.openFile(file, &error));
    QCOMPARE(state.userCount(), 0);
    QCOMPARE(state.eventCount(), 0);
    QVERIFY(state.eventNamesJson().isEmpty());
    QVERIFY(state.propertiesJson(SandboxScope::Users).isEmpty());
}

void TestSandboxState::unopenableFile()
{
    QTemporaryDir dir;
    SandboxState state;
    QString error;
    QVERIFY(!state.openFile(dir.filePath(u"missing-dir/state.sqlite"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!state.isPersistent());
}

void TestSandboxState::historyIsBounded()
{
    SandboxState state;
    for (qsizetype i = 0; i < SandboxState::MaxEvents + 5; ++i)
        state.trackEvent(u"trackEvent"_s, json(R"({"user":{"userId":"u"}})"), u"e%1"_s.arg(i % 3),
                         {}, {});
    QCOMPARE(state.eventCount(), SandboxState::MaxEvents);
    QCOMPARE(state.eventNamesJson().size(), 3);
    for (qsizetype i = 0; i < SandboxState::MaxRequests + 5; ++i)
        state.logRequest({});
    QCOMPARE(qsizetype(state.requests().size()), SandboxState::MaxRequests);
}

void TestSandboxState::requestBodiesAreCut()
{
    SandboxState state;
    SandboxRequestRecord record;
    record.requestBody = QByteArray(SandboxRequestRecord::MaxBodyBytes * 2, 'x');
    state.logRequest(record);
    QCOMPARE(state.requests().back().requestBody.size(), SandboxRequestRecord::MaxBodyBytes);
}

void TestSandboxState::sameEmailOtherUserId()
{
    SandboxState state;
    state.upsert(SandboxScope::Users, json(R"({"userId":"u-1","email":"a@b.co"})"), {});
    state.upsert(SandboxScope::Users, json(R"({"userId":"u-2","email":"a@b.co"})"), {});
    QCOMPARE(state.userCount(), 2);
    state.upsert(SandboxScope::Users, json(R"({"email":"c@d.co"})"), {});
    state.upsert(SandboxScope::Users, json(R"({"userId":"u-3","email":"c@d.co"})"), {});
    QCOMPARE(state.userCount(), 3); // the email-only user got its userId
    QVERIFY(state.findUser(json(R"({"userId":"u-3"})")));
}

void TestSandboxState::rateWindow()
{
    RateWindow window;
    QCOMPARE(window.remaining(u"k"_s, 2, 0), 2);
    RateWindow::Result result = window.acquire(u"k"_s, 2, 0);
    QVERIFY(result.allowed);
    QCOMPARE(result.remaining, 1);
    result = window.acquire(u"k"_s, 2, 30'000);
    QVERIFY(result.allowed);
    QCOMPARE(result.remaining, 0);
    QVERIFY(!window.acquire(u"k"_s, 2, 59'999).allowed);
    QCOMPARE(window.remaining(u"k"_s, 2, 59'999), 0);
    QCOMPARE(window.remaining(u"k"_s, 2, 60'000), 1);
    QVERIFY(window.acquire(u"k"_s, 2, 60'000).allowed);
    QVERIFY(!window.acquire(u"k"_s, 2, 89'999).allowed);
    QVERIFY(window.acquire(u"k"_s, 2, 90'000).allowed);
    window.clear();
    QCOMPARE(window.remaining(u"k"_s, 2, 90'000), 2);
}

void TestSandboxState::rateWindowPerKey()
{
    RateWindow window;
    QVERIFY(window.acquire(u"a"_s, 1, 0).allowed);
    QVERIFY(!window.acquire(u"a"_s, 1, 1).allowed);
    QVERIFY(window.acquire(u"b"_s, 1, 1).allowed);
}

void TestSandboxState::defaultKey()
{
    SandboxKeys keys;
    const QString first = keys.createDefaultKey();
    const QString second = keys.createDefaultKey();
    QVERIFY(first.startsWith(u"sbx_"_s));
    QCOMPARE(first.size(), 36);
    QVERIFY(first != second);
    QCOMPARE(keys.size(), 2);
    const SandboxKey *key = keys.find(first);
    QVERIFY(key);
    QVERIFY(key->enabled);
    QCOMPARE(key->permissions, SandboxKeys::allPermissions());
    QCOMPARE(SandboxKeys::allPermissions(),
             (QStringList{u"TrackData"_s, u"ReadEvents"_s, u"ReadProperties"_s, u"ReadSegments"_s,
                          u"GetTrackingSnippet"_s}));
    QVERIFY(!keys.find(u"sbx_nope"_s));
}

void TestSandboxState::keysFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"keys.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({
      "keys": [
        {"key": "qa-key", "name": "qa", "permissions": ["TrackData", "ReadEvents"]},
        {"key": "old-key", "enabled": false},
        {"key": "nothing", "permissions": []}
      ],
      "segments": {"users": [{"id": "s-1", "name": "Active"}],
                   "accounts": [{"id": "s-2", "name": "Paying"}]},
      "snippetDomains": ["WWW.Acme-Inc.com"]
    })");
    file.close();
    SandboxKeys keys;
    SandboxFixture fixture;
    QString error;
    QVERIFY2(SandboxFixture::loadFile(file.fileName(), &keys, &fixture, &error), qPrintable(error));
    QCOMPARE(keys.size(), 3);
    QCOMPARE(keys.find(u"qa-key"_s)->name, u"qa"_s);
    QCOMPARE(keys.find(u"qa-key"_s)->permissions, (QStringList{u"TrackData"_s, u"ReadEvents"_s}));
    QVERIFY(!keys.find(u"old-key"_s)->enabled);
    QCOMPARE(keys.find(u"old-key"_s)->permissions, SandboxKeys::allPermissions());
    QVERIFY(!keys.find(u"old-key"_s)->name.isEmpty());
    QVERIFY(keys.find(u"nothing"_s)->permissions.isEmpty());
    QVERIFY(keys.find(u"nothing"_s)->hasPermission(QString())); // getValidity needs none
    QCOMPARE(fixture.userSegments.size(), 1);
    QCOMPARE(fixture.accountSegments.first().name, u"Paying"_s);
    QVERIFY(fixture.hasSnippet(u"www.acme-inc.com"_s));
    QVERIFY(!fixture.hasSnippet(u"acme-inc.com"_s));
}

void TestSandboxState::keysFileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{keys:") << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << u"JSON object"_s;
    QTest::newRow("keys not array") << QByteArray(R"({"keys":{}})") << u"\"keys\""_s;
    QTest::newRow("key missing") << QByteArray(R"({"keys":[{"name":"x"}]})") << u"\"key\""_s;
    QTest::newRow("unknown permission")
        << QByteArray(R"({"keys":[{"key":"k","permissions":["Admin"]}]})") << u"Admin"_s;
    QTest::newRow("segment without id")
        << QByteArray(R"({"segments":{"users":[{"name":"x"}]}})") << u"segments.users"_s;
    QTest::newRow("empty domain") << QByteArray(R"({"snippetDomains":[""]})")
                                  << u"snippetDomains"_s;
}

void TestSandboxState::keysFileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    SandboxKeys keys;
    keys.add({u"kept"_s, {}, {}, true});
    SandboxFixture fixture;
    QString error;
    QVERIFY(!SandboxFixture::loadJson(content, &keys, &fixture, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(keys.size(), 1); // unchanged
    QVERIFY(!SandboxFixture::loadFile(u"/nonexistent/keys.json"_s, &keys, &fixture, &error));
}

QTEST_GUILESS_MAIN(TestSandboxState)
#include "tst_sandboxstate.moc"
