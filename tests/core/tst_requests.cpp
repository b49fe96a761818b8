#include "api/requests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>

using namespace Qt::StringLiterals;

// Each request type must serialise to exactly the JSON the spec describes.
class TestRequests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void serialises_data();
    void serialises();
    void propertiesKeepOrderAndReplace();
    void propertyValueRoundTrip_data();
    void propertyValueRoundTrip();
};

static QJsonObject json(const char *text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", text);
    return document.object();
}

void TestRequests::serialises_data() {
    QTest::addColumn<QJsonObject>("actual");
    QTest::addColumn<QJsonObject>("expected");

    const QDateTime when(QDate(2026, 3, 1), QTime(12, 30, 5, 250), QTimeZone::utc());

    UpsertUserRequest upsertUser;
    upsertUser.identification = {u"u-20"_s, u"john@acme.com"_s};
    upsertUser.properties.set(u"plan"_s, PropertyValue::string(u"Pro"_s));
    upsertUser.properties.set(u"mrr"_s, PropertyValue::number(399.5));
    upsertUser.properties.set(u"admin"_s, PropertyValue::boolean(true));
    upsertUser.properties.set(u"registered_at"_s, PropertyValue::dateTime(when));
    upsertUser.properties.set(u"tags"_s, PropertyValue::stringList({u"a"_s, u"b"_s}));
    upsertUser.properties.set(u"old_flag"_s, PropertyValue::null());
    upsertUser.properties.set(u"empty"_s, PropertyValue::string(QString()));
    QTest::newRow("upsertUser")
        << upsertUser.toJson()
        << json(R"({"identification":{"userId":"u-20","email":"john@acme.com"},
        "properties":{"plan":"Pro","mrr":399.5,"admin":true,"registered_at":"2026-03-01T12:30:05.250Z",
        "tags":["a","b"],"old_flag":null,"empty":""}})");

    UpsertUserRequest emailOnly;
    emailOnly.identification.email = u"jane@acme.com"_s;
    QTest::newRow("upsertUser without properties")
        << emailOnly.toJson() << json(R"({"identification":{"email":"jane@acme.com"}})");

    DeleteUserRequest deleteUser{{u"u-1"_s, {}}};
    QTest::newRow("deleteUser") << deleteUser.toJson()
                                << json(R"({"identification":{"userId":"u-1"}})");

    UpsertAccountRequest upsertAccount;
    upsertAccount.identification = {u"a-1"_s, u"acme-inc.com"_s};
    upsertAccount.properties.set(u"name"_s, PropertyValue::string(u"Acme"_s));
    QTest::newRow("upsertAccount")
        << upsertAccount.toJson()
        << json(
               R"({"identification":{"accountId":"a-1","domain":"acme-inc.com"},"properties":{"name":"Acme"}})");

    DeleteAccountRequest deleteAccount{{{}, u"acme-inc.com"_s}};
    QTest::newRow("deleteAccount")
        << deleteAccount.toJson() << json(R"({"identification":{"domain":"acme-inc.com"}})");

    MembershipRequest membership;
    membership.account.accountId = u"a-1"_s;
    membership.users = {{u"u-1"_s, {}}, {{}, u"x@acme.com"_s}};
    QTest::newRow("membership") << membership.toJson() << json(R"({"account":{"accountId":"a-1"},
        "users":[{"identification":{"userId":"u-1"}},{"identification":{"email":"x@acme.com"}}]})");

    LinkRequest link{u"device-7"_s, {u"u-1"_s, {}}};
    QTest::newRow("link") << link.toJson()
                          << json(R"({"deviceId":"device-7","identification":{"userId":"u-1"}})");

    EventRequest event;
    event.name = u"signed_in"_s;
    event.user.userId = u"u-1"_s;
    event.account.accountId = u"a-1"_s;
    event.metadata.set(u"plan"_s, PropertyValue::string(u"Pro"_s));
    event.metadata.set(u"seats"_s, PropertyValue::number(3));
    event.triggeredAt = when;
    QTest::newRow("event") << event.toJson() << json(R"({"name":"signed_in",
        "identification":{"user":{"userId":"u-1"},"account":{"accountId":"a-1"}},
        "metadata":{"plan":"Pro","seats":3},"triggeredAt":"2026-03-01T12:30:05.250Z"})");

    EventRequest accountEvent;
    accountEvent.name = u"created_invoice"_s;
    accountEvent.account.domain = u"acme-inc.com"_s;
    QTest::newRow("account event, nothing optional")
        << accountEvent.toJson()
        << json(
               R"({"name":"created_invoice","identification":{"account":{"domain":"acme-inc.com"}}})");

    const QDateTime offset(QDate(2026, 3, 1), QTime(9, 0), QTimeZone(3600));
    EventRequest withOffset;
    withOffset.name = u"x"_s;
    withOffset.user.email = u"a@b.co"_s;
    withOffset.triggeredAt = offset;
    QTest::newRow("time zone kept") << withOffset.toJson() << json(R"({"name":"x",
        "identification":{"user":{"email":"a@b.co"}},"triggeredAt":"2026-03-01T09:00:00.000+01:00"})");
}

void TestRequests::serialises() {
    QFETCH(QJsonObject, actual);
    QFETCH(QJsonObject, expected);
    QCOMPARE(actual, expected);
}

void TestRequests::propertiesKeepOrderAndReplace() {
    Properties properties;
    properties.set(u"b"_s, PropertyValue::number(1));
    properties.set(u"a"_s, PropertyValue::number(2));
    properties.set(u"b"_s, PropertyValue::string(u"x"_s));
    QCOMPARE(properties.size(), 2);
    QCOMPARE(properties.entries().at(0).first, u"b"_s);
    QCOMPARE(properties.value(u"b"_s), PropertyValue::string(u"x"_s));
    QVERIFY(!properties.contains(u"c"_s));
}

void TestRequests::propertyValueRoundTrip_data() {
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("string") << QJsonValue(u"x"_s);
    QTest::newRow("empty string") << QJsonValue(QString(u""_s));
    QTest::newRow("number") << QJsonValue(-1.25);
    QTest::newRow("bool") << QJsonValue(false);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("list") << QJsonValue(QJsonArray{u"a"_s, u"b"_s});
}

void TestRequests::propertyValueRoundTrip() {
    QFETCH(QJsonValue, value);
    QCOMPARE(PropertyValue::fromJson(value).toJson(), value);
}

QTEST_GUILESS_MAIN(TestRequests)
#include "tst_requests.moc"
