#include "api/operation.h"
#include "validation/jsonschema.h"
#include "validation/validator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

// The spec validator on every operation: valid payloads, and each way a payload can be
// invalid, with the exact dotted path and message the user sees.
class TestValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void concurrentFirstUse();
    void operations_data();
    void operations();
    void everyCatalogueOperationIsKnown();
    void specUsesOnlyImplementedKeywords();
    void userLimitComesFromTheProse();
    void validateField();
    void validateQueryParameter();
    void describe();
    void bodySchema();
};

namespace {

const QString Undefined = u"<undefined>"_s;

QJsonValue parse(const QString &json)
{
    if (json == Undefined)
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(u"[%1]"_s.arg(json).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON %s: %s", qPrintable(json), qPrintable(error.errorString()));
    return document.array().at(0);
}

// "B path: message" for the body, "Q path: message" for the query.
QStringList render(const QList<ValidationError> &errors)
{
    QStringList lines;
    for (const ValidationError &error : errors) {
        lines.append((error.location == ValidationError::Location::Query ? u"Q "_s : u"B "_s) +
                     error.path + u": "_s + error.message);
    }
    return lines;
}

QString users(int count, const QString &item = u"{\"identification\":{\"userId\":\"u-%1\"}}"_s)
{
    QStringList items;
    for (int i = 0; i < count; ++i)
        items.append(item.contains(u"%1"_s) ? item.arg(i) : item);
    return u"["_s + items.join(u","_s) + u"]"_s;
}

void row(const char *name, const QString &operation, const QString &body,
         const QStringList &expected, const QStringList &query = {})
{
    QTest::newRow(name) << operation << body << query << expected;
}

const QString OneOfProperty = u"must be a string, a boolean, a number, a list of strings or null"_s;
const QString OneOfMetadata = u"must be a string, a boolean or a number"_s;

} // namespace

void TestValidator::concurrentFirstUse()
{
    // The spec is compiled on first use; many threads asking at once must all get the same,
    // complete answer.
    const QJsonValue body = parse(uR"({"identification":{"email":"nope"}})"_s);
    const QStringList expected{u"B identification.email: must be a valid email address"_s};
    std::atomic<int> wrong = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (render(Validator::instance().validate(u"upsertUser"_s, body)) != expected)
                    ++wrong;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
}

void TestValidator::operations_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("body"); // JSON text, or <undefined> for no body at all
    QTest::addColumn<QStringList>("query");
    QTest::addColumn<QStringList>("expected");

    // ---- operations without a body: nothing to get wrong, and a body is ignored
    for (const char *id : {"getEvents", "getAccountProperties", "getUserProperties",
                           "getAccountSegments", "getUserSegments", "getValidity"}) {
        QTest::addRow("%s no body", id)
            << QString::fromLatin1(id) << Undefined << QStringList() << QStringList();
        QTest::addRow("%s body ignored", id)
            << QString::fromLatin1(id) << u"[1,2]"_s << QStringList{u"x=y"_s} << QStringList();
    }

    // ---- getTrackingSnippet: the one query parameter
    row("snippet valid", u"getTrackingSnippet"_s, Undefined, {}, {u"domain=www.journy.io"_s});
    row("snippet single label", u"getTrackingSnippet"_s, Undefined, {}, {u"domain=localhost"_s});
    row("snippet missing domain", u"getTrackingSnippet"_s, Undefined, {u"Q domain: required"_s});
    row("snippet other parameter only", u"getTrackingSnippet"_s, Undefined,
        {u"Q domain: required"_s}, {u"site=www.journy.io"_s});
    row("snippet empty domain", u"getTrackingSnippet"_s, Undefined,
        {u"Q domain: must not be empty"_s}, {u"domain="_s});
    row("snippet url", u"getTrackingSnippet"_s, Undefined,
        {u"Q domain: must be a host name without a scheme: www.acme-inc.com, not "
         "https://www.acme-inc.com"_s},
        {u"domain=https://www.journy.io"_s});
    row("snippet port", u"getTrackingSnippet"_s, Undefined,
        {u"Q domain: must be a domain name without a port"_s}, {u"domain=journy.io:443"_s});
    row("snippet ip", u"getTrackingSnippet"_s, Undefined,
        {u"Q domain: must be a valid host name, e.g. www.acme-inc.com"_s}, {u"domain=10.0.0.1"_s});

    // ---- upsertUser
    const QString upsertUser = u"upsertUser"_s;
    row("upsertUser userId", upsertUser, uR"({"identification":{"userId":"u-1"}})"_s, {});
    row("upsertUser email", upsertUser, uR"({"identification":{"email":"a@b.co"}})"_s, {});
    row("upsertUser both", upsertUser,
        uR"({"identification":{"userId":"u-1","email":"jane@acme.com"}})"_s, {});
    row("upsertUser every property kind", upsertUser,
        uR"({"identification":{"userId":"u-1"},"properties":{"plan":"Pro","gone":null,
            "blank":"","paying":true,"seats":12,"mrr":99.5,"negative":-3,
            "tags":["a","b"],"noTags":[],"since":"2026-03-01T12:00:00Z","notADate":"2026-99"}})"_s,
        {});
    row("upsertUser empty properties", upsertUser,
        uR"({"identification":{"userId":"u-1"},"properties":{}})"_s, {});
    row("upsertUser unknown top-level field is allowed", upsertUser,
        uR"({"identification":{"userId":"u-1"},"extra":1})"_s, {});
    row("upsertUser unknown identification field is allowed", upsertUser,
        uR"({"identification":{"userId":"u-1","phone":"+32"}})"_s, {});
    row("upsertUser no body", upsertUser, Undefined, {u"B : a JSON request body is required"_s});
    row("upsertUser body is an array", upsertUser, u"[]"_s, {u"B : must be an object"_s});
    row("upsertUser body is null", upsertUser, u"null"_s, {u"B : must be an object"_s});
    row("upsertUser empty body", upsertUser, u"{}"_s, {u"B identification: required"_s});
    row("upsertUser identification string", upsertUser, uR"({"identification":"u-1"})"_s,
        {u"B identification: must be an object"_s});
    row("upsertUser identification null", upsertUser, uR"({"identification":null})"_s,
        {u"B identification: must be an object"_s});
    row("upsertUser identification empty", upsertUser, uR"({"identification":{}})"_s,
        {u"B identification: must contain email, userId or both"_s});
    row("upsertUser identification only unknown", upsertUser,
        uR"({"identification":{"phone":"1"}})"_s,
        {u"B identification: must contain email, userId or both"_s});
    row("upsertUser identification key typo", upsertUser,
        uR"({"identification":{"userid":"u-1"}})"_s,
        {u"B identification: must contain email, userId or both"_s});
    row("upsertUser userId empty", upsertUser, uR"({"identification":{"userId":""}})"_s,
        {u"B identification.userId: must not be empty"_s});
    row("upsertUser userId padded", upsertUser, uR"({"identification":{"userId":" u-1"}})"_s,
        {u"B identification.userId: must not start or end with a space"_s});
    row("upsertUser userId number", upsertUser, uR"({"identification":{"userId":42}})"_s,
        {u"B identification.userId: must be a string"_s});
    row("upsertUser userId null", upsertUser, uR"({"identification":{"userId":null}})"_s,
        {u"B identification.userId: must be a string"_s});
    row("upsertUser userId too long", upsertUser,
        uR"({"identification":{"userId":"%1"}})"_s.arg(QString(256, u'x')),
        {u"B identification.userId: must be at most 255 characters long"_s});
    row("upsertUser email invalid", upsertUser, uR"({"identification":{"email":"jane"}})"_s,
        {u"B identification.email: must be a valid email address"_s});
    row("upsertUser email and userId invalid", upsertUser,
        uR"({"identification":{"userId":"","email":"jane@"}})"_s,
        {u"B identification.email: must be a valid email address"_s,
         u"B identification.userId: must not be empty"_s});
    row("upsertUser properties array", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":["plan"]})"_s,
        {u"B properties: must be an object"_s});
    row("upsertUser property object", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":{"plan":{"name":"Pro"}}})"_s,
        {u"B properties.plan: "_s + OneOfProperty});
    row("upsertUser list with a number", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":{"tags":["a",1]}})"_s,
        {u"B properties.tags.1: must be a string"_s});
    row("upsertUser list with an empty string", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":{"tags":["a",""]}})"_s,
        {u"B properties.tags.1: must not be empty"_s});
    row("upsertUser list with a blank string", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":{"tags":["  "]}})"_s,
        {u"B properties.tags.0: must not be empty"_s});
    row("upsertUser list with null", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":{"tags":[null]}})"_s,
        {u"B properties.tags.0: must be a string"_s});
    row("upsertUser nested list", upsertUser,
        uR"({"identification":{"userId":"u"},"properties":{"tags":[["a"]]}})"_s,
        {u"B properties.tags.0: must be a string"_s});
    row("upsertUser every problem at once", upsertUser,
        uR"({"identification":{"email":"x"},"properties":{"a":{},"b":[2],"c":"ok"}})"_s,
        {u"B identification.email: must be a valid email address"_s,
         u"B properties.a: "_s + OneOfProperty, u"B properties.b.0: must be a string"_s});

    // ---- deleteUser
    row("deleteUser valid", u"deleteUser"_s, uR"({"identification":{"userId":"u-1"}})"_s, {});
    row("deleteUser missing identification", u"deleteUser"_s, u"{}"_s,
        {u"B identification: required"_s});
    row("deleteUser bad email", u"deleteUser"_s, uR"({"identification":{"email":"a@b"}})"_s,
        {u"B identification.email: must be a valid email address"_s});
    row("deleteUser empty identification", u"deleteUser"_s, uR"({"identification":{}})"_s,
        {u"B identification: must contain email, userId or both"_s});

    // ---- upsertAccount
    const QString upsertAccount = u"upsertAccount"_s;
    row("upsertAccount accountId", upsertAccount, uR"({"identification":{"accountId":"acc-1"}})"_s,
        {});
    row("upsertAccount domain", upsertAccount, uR"({"identification":{"domain":"acme-inc.com"}})"_s,
        {});
    row("upsertAccount both and properties", upsertAccount,
        uR"({"identification":{"accountId":"a","domain":"acme.co.uk"},
            "properties":{"mrr":1200,"plan":"Enterprise","churned":false,"regions":["eu"]}})"_s,
        {});
    row("upsertAccount missing identification", upsertAccount, uR"({"properties":{}})"_s,
        {u"B identification: required"_s});
    row("upsertAccount empty identification", upsertAccount, uR"({"identification":{}})"_s,
        {u"B identification: must contain accountId, domain or both"_s});
    row("upsertAccount accountId empty", upsertAccount, uR"({"identification":{"accountId":""}})"_s,
        {u"B identification.accountId: must not be empty"_s});
    row("upsertAccount accountId with newline", upsertAccount,
        uR"({"identification":{"accountId":"a\nb"}})"_s,
        {u"B identification.accountId: must not contain line breaks, tabs or other control "
         "characters"_s});
    row("upsertAccount domain url", upsertAccount,
        uR"({"identification":{"domain":"https://acme.com"}})"_s,
        {u"B identification.domain: must be a domain name without a scheme: acme-inc.com, not "
         "https://acme-inc.com"_s});
    row("upsertAccount domain path", upsertAccount,
        uR"({"identification":{"domain":"acme.com/about"}})"_s,
        {u"B identification.domain: must be a domain name only, without a path"_s});
    row("upsertAccount domain no dot", upsertAccount, uR"({"identification":{"domain":"acme"}})"_s,
        {u"B identification.domain: must contain at least one dot, e.g. acme-inc.com"_s});
    row("upsertAccount domain number", upsertAccount, uR"({"identification":{"domain":1}})"_s,
        {u"B identification.domain: must be a string"_s});
    row("upsertAccount property bad list", upsertAccount,
        uR"({"identification":{"accountId":"a"},"properties":{"regions":[true]}})"_s,
        {u"B properties.regions.0: must be a string"_s});

    // ---- deleteAccount
    row("deleteAccount valid", u"deleteAccount"_s, uR"({"identification":{"domain":"acme.com"}})"_s,
        {});
    row("deleteAccount missing identification", u"deleteAccount"_s, u"{}"_s,
        {u"B identification: required"_s});
    row("deleteAccount user identification", u"deleteAccount"_s,
        uR"({"identification":{"userId":"u-1"}})"_s,
        {u"B identification: must contain accountId, domain or both"_s});
    row("deleteAccount bad domain", u"deleteAccount"_s,
        uR"({"identification":{"domain":"acme .com"}})"_s,
        {u"B identification.domain: must not contain spaces"_s});

    // ---- link
    row("link valid", u"link"_s, uR"({"deviceId":"d-1","identification":{"userId":"u"}})"_s, {});
    row("link missing everything", u"link"_s, u"{}"_s,
        {u"B deviceId: required"_s, u"B identification: required"_s});
    row("link empty deviceId", u"link"_s,
        uR"({"deviceId":"","identification":{"email":"a@b.co"}})"_s,
        {u"B deviceId: must not be empty"_s});
    row("link deviceId number", u"link"_s, uR"({"deviceId":7,"identification":{"userId":"u"}})"_s,
        {u"B deviceId: must be a string"_s});
    row("link account identification", u"link"_s, uR"({"deviceId":"d","identification":{}})"_s,
        {u"B identification: must contain email, userId or both"_s});

    // ---- addUserToAccount and removeUserFromAccount share their body
    for (const char *id : {"addUserToAccount", "removeUserFromAccount"}) {
        const QString op = QString::fromLatin1(id);
        const QString account = uR"("account":{"accountId":"acc-1"})"_s;
        QTest::addRow("%s one user", id) << op << u"{%1,\"users\":%2}"_s.arg(account, users(1))
                                         << QStringList() << QStringList();
        QTest::addRow("%s no users", id)
            << op << u"{%1,\"users\":[]}"_s.arg(account) << QStringList() << QStringList();
        QTest::addRow("%s 100 users", id) << op << u"{%1,\"users\":%2}"_s.arg(account, users(100))
                                          << QStringList() << QStringList();
        QTest::addRow("%s 101 users", id)
            << op << u"{%1,\"users\":%2}"_s.arg(account, users(101)) << QStringList()
            << QStringList{u"B users: must contain at most 100 items"_s};
        QTest::addRow("%s missing both", id)
            << op << u"{}"_s << QStringList()
            << QStringList{u"B account: required"_s, u"B users: required"_s};
        QTest::addRow("%s users object", id)
            << op << u"{%1,\"users\":{}}"_s.arg(account) << QStringList()
            << QStringList{u"B users: must be a list of objects"_s};
        QTest::addRow("%s user is a string", id)
            << op << u"{%1,\"users\":[\"u-1\"]}"_s.arg(account) << QStringList()
            << QStringList{u"B users.0: must be an object"_s};
        QTest::addRow("%s user without identification", id)
            << op << u"{%1,\"users\":[{\"userId\":\"u-1\"}]}"_s.arg(account) << QStringList()
            << QStringList{u"B users.0.identification: required"_s};
        QTest::addRow("%s fourth user bad email", id)
            << op
            << u"{%1,\"users\":%2}"_s.arg(account, users(3).chopped(1) +
                                                       uR"(,{"identification":{"email":"x@"}}])"_s)
            << QStringList()
            << QStringList{u"B users.3.identification.email: must be a valid email address"_s};
        QTest::addRow("%s empty user identification", id)
            << op << u"{%1,\"users\":[{\"identification\":{}}]}"_s.arg(account) << QStringList()
            << QStringList{u"B users.0.identification: must contain email, userId or both"_s};
        QTest::addRow("%s empty account", id)
            << op << u"{\"account\":{},\"users\":%1}"_s.arg(users(1)) << QStringList()
            << QStringList{u"B account: must contain accountId, domain or both"_s};
        QTest::addRow("%s bad account domain", id)
            << op << u"{\"account\":{\"domain\":\"acme.com:80\"},\"users\":%1}"_s.arg(users(1))
            << QStringList()
            << QStringList{u"B account.domain: must be a domain name without a port"_s};
    }

    // ---- trackEvent and the deprecated trackJourneyEvent
    for (const char *id : {"trackEvent", "trackJourneyEvent"}) {
        const QString op = QString::fromLatin1(id);
        auto add = [&](const char *name, const QString &body, const QStringList &expected) {
            QTest::addRow("%s %s", id, name) << op << body << QStringList() << expected;
        };
        add("user", uR"({"identification":{"user":{"userId":"u"}},"name":"signed_in"})"_s, {});
        add("account", uR"({"identification":{"account":{"domain":"acme.com"}},"name":"x"})"_s, {});
        add("everything",
            uR"({"identification":{"user":{"email":"a@b.co"},"account":{"accountId":"a"}},
                "name":"created_invoice","triggeredAt":"2026-03-01T12:00:00.5+01:00",
                "metadata":{"amount":12.5,"currency":"EUR","paid":true,"count":3}})"_s,
            {});
        add("metadata datetime", uR"({"identification":{"user":{"userId":"u"}},"name":"n",
                "metadata":{"when":"2026-03-01T12:00:00Z"}})"_s,
            {});
        add("metadata malformed datetime is a string",
            uR"({"identification":{"user":{"userId":"u"}},"name":"n",
                "metadata":{"when":"2026-03-01"}})"_s,
            {});
        add("missing everything", u"{}"_s,
            {u"B identification: required"_s, u"B name: required"_s});
        add("empty identification", uR"({"identification":{},"name":"n"})"_s,
            {u"B identification: must contain account, user or both"_s});
        add("empty user", uR"({"identification":{"user":{}},"name":"n"})"_s,
            {u"B identification.user: must contain email, userId or both"_s});
        add("bad user email", uR"({"identification":{"user":{"email":"@x.io"}},"name":"n"})"_s,
            {u"B identification.user.email: must be a valid email address"_s});
        add("bad account id", uR"({"identification":{"account":{"accountId":"a "}},"name":"n"})"_s,
            {u"B identification.account.accountId: must not start or end with a space"_s});
        add("empty name", uR"({"identification":{"user":{"userId":"u"}},"name":""})"_s,
            {u"B name: must not be empty"_s});
        add("name number", uR"({"identification":{"user":{"userId":"u"}},"name":1})"_s,
            {u"B name: must be a string"_s});
        add("triggeredAt without zone", uR"({"identification":{"user":{"userId":"u"}},"name":"n",
                "triggeredAt":"2026-03-01T12:00:00"})"_s,
            {u"B triggeredAt: must include a time zone: Z or an offset such as +01:00"_s});
        add("triggeredAt date only", uR"({"identification":{"user":{"userId":"u"}},"name":"n",
                "triggeredAt":"2026-03-01"})"_s,
            {u"B triggeredAt: must be a date and time in ISO 8601 with a time zone, e.g. "
             "2026-03-01T12:00:00Z"_s});
        add("triggeredAt number",
            uR"({"identification":{"user":{"userId":"u"}},"name":"n","triggeredAt":1772366400})"_s,
            {u"B triggeredAt: must be a string"_s});
        add("metadata null value",
            uR"({"identification":{"user":{"userId":"u"}},"name":"n","metadata":{"x":null}})"_s,
            {u"B metadata.x: "_s + OneOfMetadata});
        add("metadata list value",
            uR"({"identification":{"user":{"userId":"u"}},"name":"n","metadata":{"x":["a"]}})"_s,
            {u"B metadata.x: "_s + OneOfMetadata});
        add("metadata object value",
            uR"({"identification":{"user":{"userId":"u"}},"name":"n","metadata":{"x":{}}})"_s,
            {u"B metadata.x: "_s + OneOfMetadata});
        add("metadata not an object",
            uR"({"identification":{"user":{"userId":"u"}},"name":"n","metadata":"x"})"_s,
            {u"B metadata: must be an object"_s});
    }

    // ---- unknown operation
    row("unknown operation", u"upsertUsers"_s, u"{}"_s, {u"B : unknown operation “upsertUsers”"_s});
    row("empty operation", QString(), Undefined, {u"B : unknown operation “”"_s});
}

void TestValidator::operations()
{
    QFETCH(QString, operation);
    QFETCH(QString, body);
    QFETCH(QStringList, query);
    QFETCH(QStringList, expected);

    QueryItems items;
    for (const QString &item : std::as_const(query))
        items.append({item.section(u'=', 0, 0), item.section(u'=', 1)});
    const QStringList actual =
        render(Validator::instance().validate(operation, parse(body), items));
    QCOMPARE(actual, expected);
}

void TestValidator::everyCatalogueOperationIsKnown()
{
    QCOMPARE(OperationCatalogue::all().size(), 16);
    for (const Operation &operation : OperationCatalogue::all()) {
        const QList<ValidationError> errors =
            Validator::instance().validate(operation.id, QJsonObject());
        for (const ValidationError &error : errors)
            QVERIFY2(!error.message.contains(u"unknown operation"_s), qPrintable(operation.id));
        QCOMPARE(Validator::instance().bodySchema(operation.id) != nullptr, operation.hasBody);
    }
}

void TestValidator::specUsesOnlyImplementedKeywords()
{
    QFile file(u":/spec/journy-openapi.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject paths = QJsonDocument::fromJson(file.readAll())[u"paths"_s].toObject();
    int schemas = 0;
    for (const QJsonValue &item : paths) {
        for (const QJsonValue &operation : item.toObject()) {
            QJsonArray found{
                operation[u"requestBody"_s][u"content"_s][u"application/json"_s][u"schema"_s]};
            for (const QJsonValue &parameter : operation[u"parameters"_s].toArray())
                found.append(parameter[u"schema"_s]);
            for (const QJsonValue &schema : std::as_const(found)) {
                if (!schema.isObject())
                    continue;
                QStringList unsupported;
                JsonSchema::compile(schema.toObject(), {}, &unsupported);
                QVERIFY2(unsupported.isEmpty(), qPrintable(unsupported.join(u", "_s)));
                ++schemas;
            }
        }
    }
    QCOMPARE(schemas, 10); // 9 request bodies and the snippet's domain parameter
}

void TestValidator::userLimitComesFromTheProse()
{
    // The schema itself has no maxItems: the limit is the validator's, taken from the
    // operations' descriptions, so it must still be there.
    QFile file(u":/spec/journy-openapi.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject paths = QJsonDocument::fromJson(file.readAll())[u"paths"_s].toObject();
    const QJsonObject add = paths[u"/accounts/users/add"_s][u"post"_s].toObject();
    const QJsonObject remove = paths[u"/accounts/users/remove"_s][u"post"_s].toObject();
    QVERIFY(add[u"description"_s].toString().contains(u"up to 100 users"_s));
    QVERIFY(remove[u"description"_s].toString().contains(u"up to 100 users"_s));
    QVERIFY(!QJsonDocument(add).toJson().contains("maxItems"));
    QCOMPARE(Validator::MaxUsersPerCall, 100);
}

void TestValidator::validateField()
{
    const Validator &validator = Validator::instance();
    QCOMPARE(render(validator.validateField(u"upsertUser"_s, u"identification.email"_s, u"jane"_s)),
             QStringList{u"B identification.email: must be a valid email address"_s});
    QVERIFY(
        validator.validateField(u"upsertUser"_s, u"identification.email"_s, u"j@a.io"_s).isEmpty());
    QCOMPARE(render(validator.validateField(u"upsertUser"_s, u"properties.plan"_s, QJsonObject())),
             QStringList{u"B properties.plan: "_s + OneOfProperty});
    QVERIFY(validator.validateField(u"upsertUser"_s, u"properties.plan"_s, QJsonValue()).isEmpty());
    QCOMPARE(render(validator.validateField(u"addUserToAccount"_s,
                                            u"users.7.identification.userId"_s, u""_s)),
             QStringList{u"B users.7.identification.userId: must not be empty"_s});
    QCOMPARE(render(validator.validateField(u"trackEvent"_s, u"identification"_s, QJsonObject())),
             QStringList{u"B identification: must contain account, user or both"_s});
    QCOMPARE(render(validator.validateField(u"trackEvent"_s, u"triggeredAt"_s, u"soon"_s)).size(),
             1);
    // A field the schema does not describe, or an operation without a body: nothing to say.
    QVERIFY(validator.validateField(u"upsertUser"_s, u"nickname"_s, 1).isEmpty());
    QVERIFY(validator.validateField(u"getEvents"_s, u"x"_s, 1).isEmpty());
    QCOMPARE(validator.validateField(u"nope"_s, u"x"_s, 1).size(), 1);
}

void TestValidator::validateQueryParameter()
{
    const Validator &validator = Validator::instance();
    QVERIFY(
        validator.validateQueryParameter(u"getTrackingSnippet"_s, u"domain"_s, u"www.journy.io"_s)
            .isEmpty());
    QCOMPARE(render(validator.validateQueryParameter(u"getTrackingSnippet"_s, u"domain"_s,
                                                     u"www.journy.io/x"_s)),
             QStringList{u"Q domain: must be a domain name only, without a path"_s});
    QVERIFY(validator.validateQueryParameter(u"getTrackingSnippet"_s, u"other"_s, u""_s).isEmpty());
}

void TestValidator::describe()
{
    QCOMPARE(Validator::describe(
                 {ValidationError::Location::Body, u"identification.userId"_s, u"required"_s}),
             u"identification.userId: required"_s);
    QCOMPARE(Validator::describe({ValidationError::Location::Query, u"domain"_s, u"required"_s}),
             u"query parameter domain: required"_s);
    QCOMPARE(
        Validator::describe({ValidationError::Location::Body, QString(), u"must be an object"_s}),
        u"request body: must be an object"_s);
}

void TestValidator::bodySchema()
{
    const JsonSchema *schema = Validator::instance().bodySchema(u"link"_s);
    QVERIFY(schema);
    QVERIFY(schema->isValid(QJsonObject{
        {u"deviceId"_s, u"d"_s}, {u"identification"_s, QJsonObject{{u"userId"_s, u"u"_s}}}}));
    QVERIFY(!schema->isValid(QJsonObject{{u"deviceId"_s, u"d"_s}}));
    QVERIFY(!Validator::instance().bodySchema(u"getEvents"_s));
    QVERIFY(!Validator::instance().bodySchema(u"nope"_s));
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
