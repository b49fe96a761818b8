#include "secrets/redaction.h"

#include <QtTest>

using namespace Qt::StringLiterals;

// The one redaction function: explicit secrets, registered secrets and secret headers.
class TestRedaction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void explicitSecrets_data();
    void explicitSecrets();
    void secretHeaders_data();
    void secretHeaders();
    void registeredSecrets();
    void longestSecretFirst();
    void bytes();
    void headerList();
    void hint_data();
    void hint();
    void isSecretHeader_data();
    void isSecretHeader();
};

static const QString P = Redaction::Placeholder.toString();

void TestRedaction::cleanup()
{
    for (const QString &secret : Redaction::registeredSecrets())
        Redaction::forgetSecret(secret);
}

void TestRedaction::explicitSecrets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << u"nothing secret"_s << QStringList() << u"nothing secret"_s;
    QTest::newRow("one") << u"key sk-123456 here"_s << QStringList{u"sk-123456"_s}
                         << u"key "_s + P + u" here"_s;
    QTest::newRow("twice") << u"a:sk-1 b:sk-1"_s << QStringList{u"sk-1"_s}
                           << u"a:"_s + P + u" b:"_s + P;
    QTest::newRow("two secrets") << u"k=abc s=xyz"_s << QStringList{u"abc"_s, u"xyz"_s}
                                 << u"k="_s + P + u" s="_s + P;
    QTest::newRow("empty secret ignored") << u"text"_s << QStringList{QString()} << u"text"_s;
    QTest::newRow("in a URL") << u"https://x.io/?key=sk-99"_s << QStringList{u"sk-99"_s}
                              << u"https://x.io/?key="_s + P;
}

void TestRedaction::explicitSecrets()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(Redaction::redact(text, secrets), expected);
}

void TestRedaction::secretHeaders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("header line") << u"X-Api-Key: abc123\nAccept: json"_s
                                 << u"X-Api-Key: "_s + P + u"\nAccept: json"_s;
    QTest::newRow("lower case") << u"x-api-key:abc"_s << u"x-api-key:"_s + P;
    QTest::newRow("curl") << u"curl -H 'X-Api-Key: abc123' https://api.journy.io"_s
                          << u"curl -H 'X-Api-Key: "_s + P + u"' https://api.journy.io"_s;
    QTest::newRow("json") << uR"({"x-api-key": "abc123", "a": 1})"_s
                          << uR"({"x-api-key": ")"_s + P + uR"(", "a": 1})"_s;
    QTest::newRow("authorization")
        << u"Authorization: Bearer abc.def"_s << u"Authorization: "_s + P;
    QTest::newRow("assignment") << u"X-API-KEY=abc"_s << u"X-API-KEY="_s + P;
    QTest::newRow("no header") << u"the api key is fine"_s << u"the api key is fine"_s;
}

void TestRedaction::secretHeaders()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(Redaction::redact(text), expected);
}

void TestRedaction::registeredSecrets()
{
    const QString secret = u"registered-secret-0815"_s;
    QCOMPARE(Redaction::redact(u"x "_s + secret), u"x "_s + secret);
    Redaction::registerSecret(secret);
    Redaction::registerSecret(secret);
    Redaction::registerSecret(QString());
    QCOMPARE(Redaction::registeredSecrets(), QStringList{secret});
    QCOMPARE(Redaction::redact(u"x "_s + secret), u"x "_s + P);
    QCOMPARE(Redaction::redact((u"x "_s + secret).toUtf8()), (u"x "_s + P).toUtf8());
    Redaction::forgetSecret(secret);
    QCOMPARE(Redaction::redact(u"x "_s + secret), u"x "_s + secret);
}

void TestRedaction::longestSecretFirst()
{
    // A secret that contains another one is hidden whole, in either order.
    QCOMPARE(Redaction::redact(u"abcdef"_s, {u"abc"_s, u"abcdef"_s}), P);
    QCOMPARE(Redaction::redact(u"abcdef"_s, {u"abcdef"_s, u"abc"_s}), P);
}

void TestRedaction::bytes()
{
    QCOMPARE(Redaction::redact(QByteArray("k=sk-1;"), {u"sk-1"_s}),
             (u"k="_s + P + u";"_s).toUtf8());
    QCOMPARE(Redaction::redact(QByteArray("X-Api-Key: abc\r\n")),
             (u"X-Api-Key: "_s + P + u"\r\n"_s).toUtf8());
    const QByteArray binary("\xff\xfe\x00 no header", 14);
    QCOMPARE(Redaction::redact(binary), binary);
}

void TestRedaction::headerList()
{
    const QList<std::pair<QByteArray, QByteArray>> headers = {{"X-Api-Key", "abc"},
                                                              {"authorization", "Bearer x"},
                                                              {"X-Echo", "has sk-7 inside"},
                                                              {"Accept", "application/json"}};
    const auto redacted = Redaction::redactHeaders(headers, {u"sk-7"_s});
    const QByteArray p = P.toUtf8();
    QCOMPARE(redacted.size(), 4);
    QCOMPARE(redacted.at(0).second, p);
    QCOMPARE(redacted.at(1).second, p);
    QCOMPARE(redacted.at(2).second, "has " + p + " inside");
    QCOMPARE(redacted.at(3).second, QByteArray("application/json"));
}

void TestRedaction::hint_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << u"abc"_s << P;
    QTest::newRow("11") << u"12345678901"_s << P;
    QTest::newRow("12") << u"123456789012"_s << P + u"9012"_s;
}

void TestRedaction::hint()
{
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    QCOMPARE(Redaction::hint(secret), expected);
}

void TestRedaction::isSecretHeader_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");
    QTest::newRow("X-Api-Key") << QByteArray("X-Api-Key") << true;
    QTest::newRow("x-api-key") << QByteArray("x-api-key") << true;
    QTest::newRow("Authorization") << QByteArray("AUTHORIZATION") << true;
    QTest::newRow("Accept") << QByteArray("Accept") << false;
    QTest::newRow("X-Api-Key-Hint") << QByteArray("X-Api-Key-Hint") << false;
}

void TestRedaction::isSecretHeader()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(Redaction::isSecretHeader(name), secret);
}

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
