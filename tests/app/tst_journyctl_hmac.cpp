#include "identity/identityverification.h"

#include "httpfixture.h"

#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;

// A throw-away secret, used only here. It is handed to journyctl through its environment
// or standard input, as a user would; openssl gets it on argv (as hex), which is acceptable
// only because this key protects nothing.
static const QString Secret = u"thrôw-away-sécret-✓"_s;

// `journyctl hmac` as a user runs it: the real binary.
class TestJournyCtlHmac : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void help();
    void digestFromEnvironment_data();
    void digestFromEnvironment();
    void digestFromStdin_data();
    void digestFromStdin();
    void environmentWinsOverStdin();
    void verify_data();
    void verify();
    void usageErrors_data();
    void usageErrors();
    void idStartingWithDash();

private:
    // JOURNY_HMAC_SECRET is set to `secret`, or removed when `secret` is null.
    ProcessResult hmac(const QStringList &arguments, const QString &secret,
                       const QByteArray &input = {});
    static QString opensslDigest(const QString &id);
};

ProcessResult TestJournyCtlHmac::hmac(const QStringList &arguments, const QString &secret,
                                      const QByteArray &input)
{
    const QString environment =
        secret.isNull() ? u"JOURNY_HMAC_SECRET"_s : u"JOURNY_HMAC_SECRET="_s + secret;
    ProcessResult result = runProcess(QStringLiteral(JOURNYCTL_PATH),
                                      QStringList{u"hmac"_s} + arguments, input, {environment});
    // Whatever happened, the secret never shows.
    const QByteArray all = result.out + result.err;
    if (!secret.isEmpty() && all.contains(secret.toUtf8()))
        qFatal("journyctl printed the HMAC secret");
    if (all.contains(Secret.toUtf8()))
        qFatal("journyctl printed the HMAC secret");
    return result;
}

QString TestJournyCtlHmac::opensslDigest(const QString &id)
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        return {};
    const ProcessResult result =
        runProcess(openssl,
                   {u"dgst"_s, u"-sha256"_s, u"-mac"_s, u"HMAC"_s, u"-macopt"_s,
                    u"hexkey:"_s + QString::fromLatin1(Secret.toUtf8().toHex())},
                   id.toUtf8());
    const QByteArray out = result.out.trimmed();
    return QString::fromLatin1(out.mid(out.lastIndexOf(' ') + 1));
}

void TestJournyCtlHmac::help()
{
    const ProcessResult result = runProcess(QStringLiteral(JOURNYCTL_PATH), {u"--help"_s}, {}, {});
    QCOMPARE(result.exitCode, 0);
    for (const char *needle : {"hmac ID", "hmac --verify HASH ID", "JOURNY_HMAC_SECRET",
                               "standard input", "match", "mismatch"})
        QVERIFY2(result.out.contains(needle), needle);
}

void TestJournyCtlHmac::digestFromEnvironment_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("ascii") << u"user-42"_s;
    QTest::newRow("latin") << u"Ünïcödé-Üser"_s;
    QTest::newRow("cjk") << u"用户-四十二"_s;
    QTest::newRow("emoji") << u"acct 🎉"_s;
    QTest::newRow("quotes") << u"it's \"42\" \\ $HOME"_s;
}

void TestJournyCtlHmac::digestFromEnvironment()
{
    QFETCH(QString, id);
    const ProcessResult result = hmac({id}, Secret);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString printed = QString::fromUtf8(result.out);
    QCOMPARE(printed, IdentityVerification::hmacHex(id, Secret) + u'\n');
    const QString openssl = opensslDigest(id);
    if (openssl.isEmpty())
        QSKIP("openssl is not installed");
    QCOMPARE(printed.trimmed(), openssl);
}

void TestJournyCtlHmac::digestFromStdin_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("line") << Secret.toUtf8() + '\n';
    QTest::newRow("crlf") << Secret.toUtf8() + "\r\n";
    QTest::newRow("no newline") << Secret.toUtf8();
    QTest::newRow("only the first line") << Secret.toUtf8() + "\nsecond line\n";
}

void TestJournyCtlHmac::digestFromStdin()
{
    QFETCH(QByteArray, input);
    const ProcessResult result = hmac({u"Ünïcödé-42"_s}, {}, input);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(QString::fromUtf8(result.out.trimmed()),
             IdentityVerification::hmacHex(u"Ünïcödé-42"_s, Secret));
    // An empty variable counts as unset.
    QCOMPARE(hmac({u"Ünïcödé-42"_s}, u""_s, input).out, result.out);
}

void TestJournyCtlHmac::environmentWinsOverStdin()
{
    const ProcessResult result = hmac({u"42"_s}, Secret, "some-other-secret\n");
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QString::fromUtf8(result.out.trimmed()),
             IdentityVerification::hmacHex(u"42"_s, Secret));
}

void TestJournyCtlHmac::verify_data()
{
    const QString id = u"Ünïcödé-42"_s;
    const QString digest = IdentityVerification::hmacHex(id, Secret);
    QString flipped = digest;
    flipped[10] = flipped.at(10) == u'a' ? u'b' : u'a';

    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("fromStdin");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("match") << digest << id << false << 0 << QByteArray("match\n");
    QTest::newRow("match, secret on stdin") << digest << id << true << 0 << QByteArray("match\n");
    QTest::newRow("upper case") << digest.toUpper() << id << false << 0 << QByteArray("match\n");
    QTest::newRow("whitespace") << u" "_s + digest + u"\n"_s << id << false << 0
                                << QByteArray("match\n");
    QTest::newRow("other digit") << flipped << id << false << 1 << QByteArray("mismatch\n");
    QTest::newRow("other id") << digest << u"Ünïcödé-43"_s << false << 1
                              << QByteArray("mismatch\n");
    QTest::newRow("other id, stdin") << digest << u"x"_s << true << 1 << QByteArray("mismatch\n");
}

void TestJournyCtlHmac::verify()
{
    QFETCH(QString, hash);
    QFETCH(QString, id);
    QFETCH(bool, fromStdin);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, output);
    const ProcessResult result = fromStdin
                                     ? hmac({u"--verify"_s, hash, id}, {}, Secret.toUtf8() + '\n')
                                     : hmac({u"--verify"_s, hash, id}, Secret);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.out, output);
}

void TestJournyCtlHmac::usageErrors_data()
{
    const QString digest = IdentityVerification::hmacHex(u"42"_s, Secret);
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("secretSet");
    QTest::newRow("no id") << QStringList{} << true;
    QTest::newRow("two ids") << QStringList{u"1"_s, u"2"_s} << true;
    QTest::newRow("verify without id") << QStringList{u"--verify"_s, digest} << true;
    QTest::newRow("verify without hash") << QStringList{u"42"_s, u"--verify"_s} << true;
    QTest::newRow("short hash") << QStringList{u"--verify"_s, digest.left(20), u"42"_s} << true;
    QTest::newRow("not hex") << QStringList{u"--verify"_s, u"z"_s.repeated(64), u"42"_s} << true;
    QTest::newRow("hash and id swapped") << QStringList{u"--verify"_s, u"42"_s, digest} << true;
    QTest::newRow("no secret anywhere") << QStringList{u"42"_s} << false;
    // There is no way to give the secret on the command line.
    QTest::newRow("secret option") << QStringList{u"--secret"_s, Secret, u"42"_s} << true;
    QTest::newRow("secret option =") << QStringList{u"--secret="_s + Secret, u"42"_s} << false;
}

void TestJournyCtlHmac::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, secretSet);
    const ProcessResult result = hmac(arguments, secretSet ? Secret : QString());
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY(result.err.startsWith("journyctl: "));
}

void TestJournyCtlHmac::idStartingWithDash()
{
    const ProcessResult result = hmac({u"--"_s, u"-42"_s}, Secret);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(QString::fromUtf8(result.out.trimmed()),
             IdentityVerification::hmacHex(u"-42"_s, Secret));
}

QTEST_GUILESS_MAIN(TestJournyCtlHmac)
#include "tst_journyctl_hmac.moc"
