#include "identity/identityverification.h"

#include "httpfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace IdentityVerification;

Q_DECLARE_METATYPE(IdentityVerification::BrowserCall)

// A throw-away key, used only by this test. Passing a key to openssl on its command line
// (where other local users can read it in the process list) is acceptable only because
// of that; real secrets never go on argv.
static const QString ThrowAwaySecret = u"tëst-sécret-🔑-not-a-real-one"_s;

class TestIdentityVerification : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rfc4231_data();
    void rfc4231();
    void matchesOpenssl_data();
    void matchesOpenssl();
    void verify_data();
    void verify();
    void constantTimeEquals();
    void wellFormedDigest();
    void serverCodeRuns_data();
    void serverCodeRuns();
    void serverCodeKeepsSecretOut();
    void browserSnippetIsValidJavaScript_data();
    void browserSnippetIsValidJavaScript();
    void browserVerificationUsesTheRightId();
    void browserCallProblems();

private:
    static QString tool(const QString &name);
};

QString TestIdentityVerification::tool(const QString &name)
{
    return QStandardPaths::findExecutable(name);
}

// RFC 4231, section 4: every test case with full-length HMAC-SHA-256 output (case 5 is
// truncated to 128 bits and does not apply).
void TestIdentityVerification::rfc4231_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                       << QByteArray(
                              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("2 key shorter than length of output")
        << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("3 combined length of key and data > 64")
        << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
        << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("4 combined length of key and data > 64")
        << QByteArray::fromHex("0102030405060708090a0b0c0d0e0f10111213141516171819")
        << QByteArray(50, '\xcd')
        << QByteArray("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    QTest::newRow("6 key larger than block size")
        << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    QTest::newRow("7 key and data larger than block size")
        << QByteArray(131, '\xaa')
        << QByteArray("This is a test using a larger than block-size key and a larger than "
                      "block-size data. The key needs to be hashed before being used by the "
                      "HMAC algorithm.")
        << QByteArray("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

void TestIdentityVerification::rfc4231()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);
    QCOMPARE(hmacHexBytes(data, key), expected);
}

void TestIdentityVerification::matchesOpenssl_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("ascii") << u"user-42"_s;
    QTest::newRow("latin") << u"Ünïcödé-Üser"_s;
    QTest::newRow("cjk") << u"用户-四十二"_s;
    QTest::newRow("emoji") << u"acct 🎉 🇧🇪"_s;
    QTest::newRow("quotes and backslash") << u"a'b\"c\\d"_s;
    QTest::newRow("combining") << u"e\u0301"_s; // not normalised: NFD stays NFD
    QTest::newRow("empty") << QString();
}

void TestIdentityVerification::matchesOpenssl()
{
    QFETCH(QString, id);
    const QString openssl = tool(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("openssl is not installed");
    // The ID goes on standard input; the (throw-away) key as hex on argv.
    const ProcessResult result =
        runProcess(openssl,
                   {u"dgst"_s, u"-sha256"_s, u"-mac"_s, u"HMAC"_s, u"-macopt"_s,
                    u"hexkey:"_s + QString::fromLatin1(ThrowAwaySecret.toUtf8().toHex())},
                   id.toUtf8());
    QCOMPARE(result.exitCode, 0);
    const QByteArray out = result.out.trimmed();
    const QByteArray theirs = out.mid(out.lastIndexOf(' ') + 1);
    QCOMPARE(theirs.size(), 64);
    QCOMPARE(hmacHex(id, ThrowAwaySecret), QString::fromLatin1(theirs));
    QVERIFY(!result.out.contains(ThrowAwaySecret.toUtf8()));
}

void TestIdentityVerification::verify_data()
{
    const QString id = u"Ünïcödé-42"_s;
    const QString digest = hmacHex(id, ThrowAwaySecret);
    QString flipped = digest;
    flipped[63] = flipped.at(63) == u'0' ? u'1' : u'0';
    QString flippedFirst = digest;
    flippedFirst[0] = flippedFirst.at(0) == u'0' ? u'1' : u'0';

    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << digest << id << true;
    QTest::newRow("upper case") << digest.toUpper() << id << true;
    QTest::newRow("surrounding whitespace") << u"  \t"_s + digest + u"\n"_s << id << true;
    QTest::newRow("last digit differs") << flipped << id << false;
    QTest::newRow("first digit differs") << flippedFirst << id << false;
    QTest::newRow("other id") << digest << u"Ünïcödé-43"_s << false;
    QTest::newRow("truncated") << digest.left(63) << id << false;
    QTest::newRow("one more digit") << digest + u'0' << id << false;
    QTest::newRow("inner space") << digest.left(32) + u' ' + digest.mid(32) << id << false;
    QTest::newRow("empty") << QString() << id << false;
    QTest::newRow("not latin-1") << u"€"_s.repeated(64) << id << false;
}

void TestIdentityVerification::verify()
{
    QFETCH(QString, hash);
    QFETCH(QString, id);
    QFETCH(bool, matches);
    QCOMPARE(IdentityVerification::verify(hash, id, ThrowAwaySecret), matches);
}

void TestIdentityVerification::constantTimeEquals()
{
    QVERIFY(IdentityVerification::constantTimeEquals("abc", "abc"));
    QVERIFY(IdentityVerification::constantTimeEquals("", ""));
    QVERIFY(!IdentityVerification::constantTimeEquals("abc", "abd"));
    QVERIFY(!IdentityVerification::constantTimeEquals("abc", "bbc"));
    QVERIFY(!IdentityVerification::constantTimeEquals("abc", "abcd"));
    QVERIFY(
        !IdentityVerification::constantTimeEquals(QByteArray("a\0b", 3), QByteArray("a\0c", 3)));
}

void TestIdentityVerification::wellFormedDigest()
{
    const QString digest = hmacHex(u"x"_s, u"y"_s);
    QVERIFY(isWellFormedDigest(digest));
    QVERIFY(isWellFormedDigest(QString(u" "_s + digest.toUpper() + u"\n"_s)));
    QVERIFY(!isWellFormedDigest(digest.left(63)));
    QVERIFY(!isWellFormedDigest(QString(digest.left(63) + u'g')));
    QVERIFY(!isWellFormedDigest({}));
}

// Runs the generated code with the real interpreters (when installed) and compares what it
// computes with hmacHex(). The IDs are chosen to break naive quoting in each language.
void TestIdentityVerification::serverCodeRuns_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("inlineSecret");
    const QList<std::pair<const char *, QString>> ids = {
        {"plain", u"user-42"_s},
        {"quotes", u"it's \"quoted\""_s},
        {"backslashes", u"C:\\path\\n\\'x\\"_s},
        {"non-ascii", u"Ünïcödé 用户 🎉"_s},
        {"interpolation", u"$id #{id} ${id} {id} %s"_s},
        {"control", u"line1\nline2\r\ttab\u0001\u007f\u2028"_s},
        {"script end", u"</script><!--"_s},
    };
    for (const Language language : languages()) {
        for (const auto &[name, id] : ids) {
            for (const bool inlineSecret : {false, true}) {
                QTest::addRow("%s %s%s", qPrintable(languageName(language)), name,
                              inlineSecret ? " inline" : "")
                    << int(language) << id << inlineSecret;
            }
        }
    }
}

void TestIdentityVerification::serverCodeRuns()
{
    QFETCH(int, language);
    QFETCH(QString, id);
    QFETCH(bool, inlineSecret);
    const Language lang = Language(language);
    const QString code =
        serverCode(lang, id, inlineSecret ? SecretSource::Inline : SecretSource::Environment,
                   inlineSecret ? ThrowAwaySecret : QString());
    QString program;
    QStringList arguments;
    QString print;
    switch (lang) {
    case Language::Php:
        program = tool(u"php"_s);
        print = u"echo $verification, \"\\n\";\n"_s;
        break;
    case Language::NodeJs:
        program = tool(u"node"_s);
        arguments = {u"--input-type=module"_s};
        print = u"console.log(verification);\n"_s;
        break;
    case Language::Ruby:
        program = tool(u"ruby"_s);
        print = u"puts verification\n"_s;
        break;
    case Language::Python:
        program = tool(u"python3"_s);
        arguments = {u"-"_s};
        print = u"print(verification)\n"_s;
        break;
    }
    if (program.isEmpty())
        QSKIP("the interpreter for this language is not installed");
    // The environment variable, unlike argv, is not visible to other users.
    const ProcessResult result =
        runProcess(program, arguments, (code + u'\n' + print).toUtf8(),
                   {u"JOURNY_HMAC_SECRET="_s + (inlineSecret ? u"wrong"_s : ThrowAwaySecret)});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(QString::fromUtf8(result.out.trimmed()), hmacHex(id, ThrowAwaySecret));
}

void TestIdentityVerification::serverCodeKeepsSecretOut()
{
    for (const Language language : languages()) {
        const QString code = serverCode(language, u"42"_s);
        QVERIFY(code.contains(u"JOURNY_HMAC_SECRET"_s));
        QVERIFY(code.contains(u"keep safe"_s));
        // Ignored unless asked for.
        QVERIFY(!serverCode(language, u"42"_s, SecretSource::Environment, ThrowAwaySecret)
                     .contains(ThrowAwaySecret));
    }
    QVERIFY(serverCode(Language::Php, u"42"_s).contains(u"hash_hmac("_s));
    QVERIFY(serverCode(Language::NodeJs, u"42"_s).contains(u"createHmac("_s));
    QVERIFY(serverCode(Language::Ruby, u"42"_s).contains(u"OpenSSL::HMAC.hexdigest("_s));
    QVERIFY(serverCode(Language::Python, u"42"_s).contains(u"hmac.new("_s));
}

void TestIdentityVerification::browserSnippetIsValidJavaScript_data()
{
    using Kind = BrowserCall::Kind;
    QTest::addColumn<BrowserCall>("call");
    QTest::addColumn<QJsonArray>("expected"); // the arguments journy() must receive

    BrowserCall identify;
    identify.kind = Kind::Identify;
    identify.userId = u"Ünïcödé \"20\" \\ '"_s;
    identify.email = u"john.doe@acme.com"_s;
    identify.properties = QJsonObject{{u"full_name"_s, u"John </script> Doe"_s},
                                      {u"mrr"_s, 399.5},
                                      {u"is_admin"_s, true},
                                      {u"key with space"_s, u""_s},
                                      {u"tags"_s, QJsonArray{u"a"_s, u"b\nc"_s}},
                                      {u"this_property_will_be_deleted"_s, QJsonValue::Null}};
    identify = withVerification(identify, ThrowAwaySecret);
    QJsonObject identifyArgs{{u"userId"_s, identify.userId},
                             {u"email"_s, identify.email},
                             {u"verification"_s, hmacHex(identify.userId, ThrowAwaySecret)},
                             {u"properties"_s, identify.properties}};
    QTest::newRow("identify") << identify << QJsonArray{u"identify"_s, identifyArgs};

    BrowserCall account;
    account.kind = Kind::Account;
    account.accountId = u"用户-30"_s;
    account.properties = QJsonObject{{u"name"_s, u"ACME, Inc"_s}, {u"plan"_s, u"Pro"_s}};
    account = withVerification(account, ThrowAwaySecret);
    QTest::newRow("account")
        << account
        << QJsonArray{u"account"_s,
                      QJsonObject{{u"accountId"_s, account.accountId},
                                  {u"verification"_s, hmacHex(account.accountId, ThrowAwaySecret)},
                                  {u"properties"_s, account.properties}}};

    BrowserCall event;
    event.kind = Kind::Event;
    event.name = u"created_invoice"_s;
    event.accountId = u"30"_s;
    event.metadata = QJsonObject{
        {u"amount"_s, 100}, {u"allow_wire_transfer"_s, true}, {u"note"_s, u"\u2028x\u0000"_s}};
    event.userId = u"ignored for events"_s;
    event = withVerification(event, ThrowAwaySecret);
    QTest::newRow("event") << event
                           << QJsonArray{u"event"_s,
                                         QJsonObject{
                                             {u"name"_s, event.name},
                                             {u"accountId"_s, u"30"_s},
                                             {u"verification"_s, hmacHex(u"30"_s, ThrowAwaySecret)},
                                             {u"metadata"_s, event.metadata}}};

    BrowserCall screen;
    screen.kind = Kind::Screen;
    screen.name = u"Account settings"_s;
    screen.accountId = u"30"_s;
    screen = withVerification(screen, ThrowAwaySecret);
    QTest::newRow("screen") << screen
                            << QJsonArray{u"screen"_s,
                                          QJsonObject{{u"name"_s, screen.name},
                                                      {u"accountId"_s, u"30"_s},
                                                      {u"verification"_s, screen.verification}}};

    BrowserCall pageview;
    pageview.kind = Kind::Pageview;
    QTest::newRow("bare pageview") << pageview << QJsonArray{u"pageview"_s};
    pageview.accountId = u"30"_s;
    pageview = withVerification(pageview, ThrowAwaySecret);
    QTest::newRow("pageview") << pageview
                              << QJsonArray{u"pageview"_s, QJsonObject{{u"accountId"_s, u"30"_s},
                                                                       {u"verification"_s,
                                                                        pageview.verification}}};
}

// Evaluates the snippet with node, a recording journy() standing in for the real one.
void TestIdentityVerification::browserSnippetIsValidJavaScript()
{
    QFETCH(BrowserCall, call);
    QFETCH(QJsonArray, expected);
    const QString snippet = browserSnippet(call);
    QVERIFY(!snippet.contains(u"</script>"_s));
    const QString node = tool(u"node"_s);
    if (node.isEmpty())
        QSKIP("node is not installed");
    const QString program =
        u"const calls = [];\nfunction journy(...args) { calls.push(args); }\n"_s + snippet +
        u"\nprocess.stdout.write(JSON.stringify(calls));\n"_s;
    const ProcessResult result = runProcess(node, {u"-"_s}, program.toUtf8());
    QVERIFY2(result.exitCode == 0, QByteArray(snippet.toUtf8() + '\n' + result.err).constData());
    const QJsonArray calls = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0).toArray(), expected);
}

void TestIdentityVerification::browserVerificationUsesTheRightId()
{
    BrowserCall byEmail;
    byEmail.email = u"a@b.c"_s;
    QVERIFY(withVerification(byEmail, ThrowAwaySecret).verification.isEmpty());

    BrowserCall userEvent;
    userEvent.kind = BrowserCall::Kind::Event;
    userEvent.name = u"signed_in"_s;
    userEvent.userId = u"20"_s;
    QVERIFY(withVerification(userEvent, ThrowAwaySecret).verification.isEmpty());
    QVERIFY(!browserSnippet(userEvent).contains(u"userId"_s));

    BrowserCall user;
    user.userId = u"20"_s;
    QVERIFY(withVerification(user, {}).verification.isEmpty());
    QCOMPARE(withVerification(user, ThrowAwaySecret).verification,
             hmacHex(u"20"_s, ThrowAwaySecret));
}

void TestIdentityVerification::browserCallProblems()
{
    BrowserCall identify;
    QVERIFY(!browserCallProblem(identify).isEmpty());
    identify.email = u"a@b.c"_s;
    QVERIFY(browserCallProblem(identify).isEmpty());
    identify.verification = u"abc"_s;
    QVERIFY(!browserCallProblem(identify).isEmpty()); // nothing to verify without userId

    BrowserCall event;
    event.kind = BrowserCall::Kind::Event;
    QVERIFY(!browserCallProblem(event).isEmpty());
    event.name = u"signed_in"_s;
    QVERIFY(browserCallProblem(event).isEmpty());

    BrowserCall account;
    account.kind = BrowserCall::Kind::Account;
    QVERIFY(!browserCallProblem(account).isEmpty());

    BrowserCall pageview;
    pageview.kind = BrowserCall::Kind::Pageview;
    QVERIFY(browserCallProblem(pageview).isEmpty());
}

QTEST_GUILESS_MAIN(TestIdentityVerification)
#include "tst_identityverification.moc"
