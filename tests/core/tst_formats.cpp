#include "validation/formats.h"

#include <QtTest>

using namespace Qt::StringLiterals;

// Every format of the spec with its edge cases: what is accepted, what is refused and the
// message a user sees for it.
class TestFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void names();
    void unknownFormatIsNotChecked();
    void convenienceFunctions();
};

Q_DECLARE_METATYPE(Formats::Format)

void TestFormats::formats_data()
{
    QTest::addColumn<Formats::Format>("format");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem"); // empty: valid; otherwise a part of the message

    using F = Formats::Format;
    const QString longLabel(63, u'a');
    const QString tooLongLabel(64, u'a');

    // email
    QTest::newRow("email plain") << F::Email << u"jane@acme-inc.com"_s << QString();
    QTest::newRow("email short") << F::Email << u"a@b.co"_s << QString();
    QTest::newRow("email plus tag") << F::Email << u"jane+news@acme.com"_s << QString();
    QTest::newRow("email dots") << F::Email << u"jane.q.doe@mail.acme.co.uk"_s << QString();
    QTest::newRow("email specials") << F::Email << u"o'hara!#$%&*/=?^_`{|}~-@x.io"_s << QString();
    QTest::newRow("email uppercase") << F::Email << u"JANE@ACME.COM"_s << QString();
    QTest::newRow("email unicode") << F::Email << u"josé@exämple.de"_s << QString();
    QTest::newRow("email subdomain digits") << F::Email << u"a@123.example.com"_s << QString();
    QTest::newRow("email empty") << F::Email << QString() << u"must not be empty"_s;
    QTest::newRow("email no at") << F::Email << u"jane.acme.com"_s << u"valid email"_s;
    QTest::newRow("email two ats") << F::Email << u"jane@doe@acme.com"_s << u"valid email"_s;
    QTest::newRow("email double at") << F::Email << u"jane@@acme.com"_s << u"valid email"_s;
    QTest::newRow("email no local") << F::Email << u"@acme.com"_s << u"valid email"_s;
    QTest::newRow("email no domain") << F::Email << u"jane@"_s << u"valid email"_s;
    QTest::newRow("email no dot") << F::Email << u"jane@localhost"_s << u"valid email"_s;
    QTest::newRow("email space") << F::Email << u"jane doe@acme.com"_s << u"valid email"_s;
    QTest::newRow("email trailing space") << F::Email << u"jane@acme.com "_s << u"valid email"_s;
    QTest::newRow("email display name")
        << F::Email << u"Jane <jane@acme.com>"_s << u"valid email"_s;
    QTest::newRow("email leading dot") << F::Email << u".jane@acme.com"_s << u"valid email"_s;
    QTest::newRow("email trailing dot") << F::Email << u"jane.@acme.com"_s << u"valid email"_s;
    QTest::newRow("email double dot") << F::Email << u"ja..ne@acme.com"_s << u"valid email"_s;
    QTest::newRow("email domain double dot") << F::Email << u"jane@acme..com"_s << u"valid email"_s;
    QTest::newRow("email domain hyphen") << F::Email << u"jane@-acme.com"_s << u"valid email"_s;
    QTest::newRow("email ip literal") << F::Email << u"jane@[10.0.0.1]"_s << u"valid email"_s;
    QTest::newRow("email ip") << F::Email << u"jane@10.0.0.1"_s << u"valid email"_s;
    QTest::newRow("email quoted") << F::Email << u"\"jane doe\"@acme.com"_s << u"valid email"_s;
    QTest::newRow("email local 64") << F::Email << QString(64, u'a') + u"@acme.com"_s << QString();
    QTest::newRow("email local 65")
        << F::Email << QString(65, u'a') + u"@acme.com"_s << u"valid email"_s;
    QTest::newRow("email 255 long") << F::Email
                                    << u"a@"_s + longLabel + u"."_s + longLabel + u"."_s +
                                           longLabel + u"."_s + QString(59, u'b') + u".com"_s
                                    << u"valid email"_s;

    // non-empty-string
    QTest::newRow("non-empty one char") << F::NonEmptyString << u"x"_s << QString();
    QTest::newRow("non-empty inner spaces") << F::NonEmptyString << u" a b "_s << QString();
    QTest::newRow("non-empty cookie") << F::NonEmptyString << u"4c2d3a7f-9e1b"_s << QString();
    QTest::newRow("non-empty empty") << F::NonEmptyString << QString() << u"must not be empty"_s;
    QTest::newRow("non-empty spaces") << F::NonEmptyString << u"   "_s << u"must not be empty"_s;
    QTest::newRow("non-empty tab newline")
        << F::NonEmptyString << u"\t\n"_s << u"must not be empty"_s;

    // user-id, account-id, event-name share the identifier rules
    for (const auto &[format, tag] :
         {std::pair{F::UserId, "user-id"}, std::pair{F::AccountId, "account-id"},
          std::pair{F::EventName, "event-name"}}) {
        const QByteArray t(tag);
        auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(QByteArray(t + name).constData());
        };
        row(" simple") << format << u"abc-123"_s << QString();
        row(" one char") << format << u"7"_s << QString();
        row(" inner space") << format << u"signed in"_s << QString();
        row(" unicode") << format << u"用户-42"_s << QString();
        row(" emoji") << format << u"🚀-launch"_s << QString();
        row(" 255") << format << QString(255, u'x') << QString();
        row(" 255 emoji") << format << QString(255, u'x').replace(0, 1, u"😀"_s) << QString();
        row(" 256") << format << QString(256, u'x') << u"at most 255"_s;
        row(" empty") << format << QString() << u"must not be empty"_s;
        row(" blank") << format << u" "_s << u"start or end with a space"_s;
        row(" leading space") << format << u" 42"_s << u"start or end"_s;
        row(" trailing space") << format << u"42 "_s << u"start or end"_s;
        row(" trailing newline") << format << u"42\n"_s << u"start or end"_s;
        row(" inner newline") << format << u"4\n2"_s << u"control characters"_s;
        row(" inner tab") << format << u"4\t2"_s << u"control characters"_s;
        row(" nul") << format << QString(u"4\0002"_s) << u"control characters"_s;
    }
    QTest::newRow("user-id email is allowed") << F::UserId << u"jane@acme.com"_s << QString();
    QTest::newRow("event-name past tense") << F::EventName << u"created_invoice"_s << QString();
    QTest::newRow("event-name any tense") << F::EventName << u"create invoice"_s << QString();

    // datetime
    QTest::newRow("datetime Z") << F::DateTime << u"2026-03-01T12:00:00Z"_s << QString();
    QTest::newRow("datetime lowercase") << F::DateTime << u"2026-03-01t12:00:00z"_s << QString();
    QTest::newRow("datetime offset") << F::DateTime << u"2026-03-01T12:00:00+01:00"_s << QString();
    QTest::newRow("datetime negative offset")
        << F::DateTime << u"2026-03-01T12:00:00-05:30"_s << QString();
    QTest::newRow("datetime millis") << F::DateTime << u"2026-03-01T12:00:00.123Z"_s << QString();
    QTest::newRow("datetime nanos")
        << F::DateTime << u"2026-03-01T12:00:00.123456789+00:00"_s << QString();
    QTest::newRow("datetime leap day") << F::DateTime << u"2024-02-29T00:00:00Z"_s << QString();
    QTest::newRow("datetime end of day") << F::DateTime << u"2026-12-31T23:59:59Z"_s << QString();
    QTest::newRow("datetime max offset")
        << F::DateTime << u"2026-03-01T12:00:00+23:59"_s << QString();
    QTest::newRow("datetime no zone")
        << F::DateTime << u"2026-03-01T12:00:00"_s << u"must include a time zone"_s;
    QTest::newRow("datetime no zone fraction")
        << F::DateTime << u"2026-03-01T12:00:00.5"_s << u"must include a time zone"_s;
    QTest::newRow("datetime date only") << F::DateTime << u"2026-03-01"_s << u"ISO 8601"_s;
    QTest::newRow("datetime no seconds") << F::DateTime << u"2026-03-01T12:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime space separator")
        << F::DateTime << u"2026-03-01 12:00:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime basic format") << F::DateTime << u"20260301T120000Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime month 13") << F::DateTime << u"2026-13-01T12:00:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime feb 30") << F::DateTime << u"2026-02-30T12:00:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime feb 29 non leap")
        << F::DateTime << u"2026-02-29T12:00:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime hour 24") << F::DateTime << u"2026-03-01T24:00:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime minute 60")
        << F::DateTime << u"2026-03-01T12:60:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime leap second")
        << F::DateTime << u"2026-06-30T23:59:60Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime empty fraction")
        << F::DateTime << u"2026-03-01T12:00:00.Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime 10 digit fraction")
        << F::DateTime << u"2026-03-01T12:00:00.1234567890Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime offset no colon")
        << F::DateTime << u"2026-03-01T12:00:00+0100"_s << u"ISO 8601"_s;
    QTest::newRow("datetime offset hours only")
        << F::DateTime << u"2026-03-01T12:00:00+01"_s << u"ISO 8601"_s;
    QTest::newRow("datetime offset 24")
        << F::DateTime << u"2026-03-01T12:00:00+24:00"_s << u"ISO 8601"_s;
    QTest::newRow("datetime trailing text")
        << F::DateTime << u"2026-03-01T12:00:00Zjunk"_s << u"ISO 8601"_s;
    QTest::newRow("datetime leading space")
        << F::DateTime << u" 2026-03-01T12:00:00Z"_s << u"ISO 8601"_s;
    QTest::newRow("datetime epoch number text") << F::DateTime << u"1772366400"_s << u"ISO 8601"_s;
    QTest::newRow("datetime empty") << F::DateTime << QString() << u"ISO 8601"_s;
    QTest::newRow("datetime arabic digits")
        << F::DateTime << u"٢٠٢٦-03-01T12:00:00Z"_s << u"ISO 8601"_s;

    // top-level-domain
    QTest::newRow("tld simple") << F::TopLevelDomain << u"acme-inc.com"_s << QString();
    QTest::newRow("tld two level suffix") << F::TopLevelDomain << u"acme.co.uk"_s << QString();
    QTest::newRow("tld subdomain") << F::TopLevelDomain << u"www.acme.com"_s << QString();
    QTest::newRow("tld uppercase") << F::TopLevelDomain << u"ACME.COM"_s << QString();
    QTest::newRow("tld punycode") << F::TopLevelDomain << u"xn--bcher-kva.ch"_s << QString();
    QTest::newRow("tld unicode") << F::TopLevelDomain << u"bücher.ch"_s << QString();
    QTest::newRow("tld digits label") << F::TopLevelDomain << u"123.com"_s << QString();
    QTest::newRow("tld 63 label") << F::TopLevelDomain << longLabel + u".com"_s << QString();
    QTest::newRow("tld 64 label") << F::TopLevelDomain << tooLongLabel + u".com"_s
                                  << u"valid domain name"_s;
    QTest::newRow("tld empty") << F::TopLevelDomain << QString() << u"must not be empty"_s;
    QTest::newRow("tld scheme") << F::TopLevelDomain << u"https://acme.com"_s
                                << u"without a scheme"_s;
    QTest::newRow("tld path") << F::TopLevelDomain << u"acme.com/pricing"_s << u"without a path"_s;
    QTest::newRow("tld query") << F::TopLevelDomain << u"acme.com?x=1"_s << u"without a path"_s;
    QTest::newRow("tld port") << F::TopLevelDomain << u"acme.com:443"_s << u"without a port"_s;
    QTest::newRow("tld space") << F::TopLevelDomain << u"acme inc.com"_s << u"spaces"_s;
    QTest::newRow("tld trailing space") << F::TopLevelDomain << u"acme.com "_s << u"spaces"_s;
    QTest::newRow("tld email") << F::TopLevelDomain << u"jane@acme.com"_s
                               << u"not an email address"_s;
    QTest::newRow("tld no dot") << F::TopLevelDomain << u"acme"_s << u"at least one dot"_s;
    QTest::newRow("tld localhost") << F::TopLevelDomain << u"localhost"_s << u"at least one dot"_s;
    QTest::newRow("tld leading dot")
        << F::TopLevelDomain << u".acme.com"_s << u"valid domain name"_s;
    QTest::newRow("tld trailing dot")
        << F::TopLevelDomain << u"acme.com."_s << u"valid domain name"_s;
    QTest::newRow("tld double dot")
        << F::TopLevelDomain << u"acme..com"_s << u"valid domain name"_s;
    QTest::newRow("tld hyphen start")
        << F::TopLevelDomain << u"-acme.com"_s << u"valid domain name"_s;
    QTest::newRow("tld hyphen end")
        << F::TopLevelDomain << u"acme-.com"_s << u"valid domain name"_s;
    QTest::newRow("tld underscore")
        << F::TopLevelDomain << u"ac_me.com"_s << u"valid domain name"_s;
    QTest::newRow("tld ipv4") << F::TopLevelDomain << u"192.168.0.1"_s << u"valid domain name"_s;
    QTest::newRow("tld 253") << F::TopLevelDomain
                             << longLabel + u"."_s + longLabel + u"."_s + longLabel + u"."_s +
                                    QString(61, u'b')
                             << QString();
    QTest::newRow("tld 254") << F::TopLevelDomain
                             << longLabel + u"."_s + longLabel + u"."_s + longLabel + u"."_s +
                                    QString(62, u'b')
                             << u"valid domain name"_s;

    // domain
    QTest::newRow("domain www") << F::Domain << u"www.journy.io"_s << QString();
    QTest::newRow("domain deep") << F::Domain << u"blog.eu.acme.com"_s << QString();
    QTest::newRow("domain single label") << F::Domain << u"localhost"_s << QString();
    QTest::newRow("domain empty") << F::Domain << QString() << u"must not be empty"_s;
    QTest::newRow("domain scheme")
        << F::Domain << u"http://www.journy.io"_s << u"without a scheme"_s;
    QTest::newRow("domain path") << F::Domain << u"www.journy.io/"_s << u"without a path"_s;
    QTest::newRow("domain port") << F::Domain << u"www.journy.io:8080"_s << u"without a port"_s;
    QTest::newRow("domain space") << F::Domain << u"www journy.io"_s << u"spaces"_s;
    QTest::newRow("domain ipv4") << F::Domain << u"127.0.0.1"_s << u"valid host name"_s;
    QTest::newRow("domain ipv6") << F::Domain << u"::1"_s << u"without a port"_s;
    QTest::newRow("domain trailing dot")
        << F::Domain << u"www.journy.io."_s << u"valid host name"_s;
    QTest::newRow("domain star") << F::Domain << u"*.journy.io"_s << u"valid host name"_s;
}

void TestFormats::formats()
{
    QFETCH(Formats::Format, format);
    QFETCH(QString, value);
    QFETCH(QString, problem);

    const QString message = Formats::problem(format, value);
    QCOMPARE(Formats::isValid(format, value), problem.isEmpty());
    if (problem.isEmpty()) {
        QVERIFY2(message.isEmpty(), qPrintable(message));
    } else {
        QVERIFY2(message.contains(problem), qPrintable(message));
        QVERIFY(message.startsWith(u"must"_s));
    }
}

void TestFormats::names()
{
    for (const char *name : {"email", "non-empty-string", "user-id", "account-id", "event-name",
                             "datetime", "top-level-domain", "domain"}) {
        const Formats::Format format = Formats::fromName(QString::fromLatin1(name));
        QVERIFY2(format != Formats::Format::Unknown, name);
        QCOMPARE(Formats::name(format), QString::fromLatin1(name));
        QVERIFY(!Formats::noun(format).isEmpty());
    }
}

void TestFormats::unknownFormatIsNotChecked()
{
    // date-time is JSON Schema's name, not the spec's: it is not one of ours.
    QCOMPARE(Formats::fromName(u"date-time"), Formats::Format::Unknown);
    QVERIFY(Formats::isValid(Formats::Format::Unknown, u""));
    QVERIFY(Formats::problem(Formats::Format::Unknown, u"anything").isEmpty());
}

void TestFormats::convenienceFunctions()
{
    QVERIFY(Formats::isValidEmail(u"a@b.co"));
    QVERIFY(!Formats::isValidEmail(u"a@b"));
    QVERIFY(Formats::isNonEmptyString(u"x"));
    QVERIFY(!Formats::isNonEmptyString(u" "));
    QVERIFY(Formats::isValidUserId(u"u-1"));
    QVERIFY(!Formats::isValidUserId(u" u-1"));
    QVERIFY(Formats::isValidAccountId(u"a-1"));
    QVERIFY(!Formats::isValidAccountId(u""));
    QVERIFY(Formats::isValidEventName(u"signed_in"));
    QVERIFY(!Formats::isValidEventName(u"signed_in\n"));
    QVERIFY(Formats::isValidDateTime(u"2026-03-01T12:00:00Z"));
    QVERIFY(!Formats::isValidDateTime(u"2026-03-01T12:00:00"));
    QVERIFY(Formats::isValidTopLevelDomain(u"acme.com"));
    QVERIFY(!Formats::isValidTopLevelDomain(u"acme"));
    QVERIFY(Formats::isValidDomain(u"acme"));
    QVERIFY(!Formats::isValidDomain(u"acme.com:80"));
}

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
