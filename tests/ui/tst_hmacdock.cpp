#include "eventform.h"
#include "hmacdock.h"
#include "identificationeditor.h"
#include "identityform.h"
#include "mainwindow.h"
#include "uitest.h"

#include "identity/identityverification.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QGroupBox>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;
namespace IV = IdentityVerification;

// The HMAC identity-verification dock, used the way a person would: typing, clicking,
// pasting; generated server code is run by the real interpreters.
class TestHmacDock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void digestUpdatesAsYouType();
    void secretIsMaskedUntilShown();
    void verifyModeSaysMatchOrMismatchInWords();
    void serverCodeNamesTheIdAndHidesTheSecret_data();
    void serverCodeNamesTheIdAndHidesTheSecret();
    void copiedCodeComputesTheSameDigest_data();
    void copiedCodeComputesTheSameDigest();
    void snippetFollowsTheCurrentForm();
    void snippetWithoutFormUsesTheId();
    void ctrlHOpensTheDockOnTheSecret();
    void secretIsNeverStored();
    void inputsHaveAccessibleNames();

private:
    QTemporaryDir m_settingsDir;
};

namespace {
const QString Secret = u"s3cr3t-HMAC-k€y"_s;

// Types like a person; characters a US keyboard lacks arrive as an input method would.
void type(QLineEdit *edit, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClick(edit, c.toLatin1());
        else
            edit->insert(QString(c));
    }
}

// For people to look at (packaging/run-tests.sh keeps them); nothing without the variable.
void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("JOURNY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(dir + u'/' + name + u".png"_s);
}
} // namespace

void TestHmacDock::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestHmacDock::init()
{
    QSettings().clear();
}

void TestHmacDock::digestUpdatesAsYouType()
{
    HmacDock dock;
    QVERIFY(dock.digest().isEmpty());
    QVERIFY(!dock.copyDigestButton()->isEnabled());
    type(dock.secretEdit(), u"key"_s);
    QVERIFY(dock.digest().isEmpty()); // no ID yet
    type(dock.idEdit(), u"The quick brown fox jumps over the lazy do"_s);
    const QString partial = dock.digest();
    QCOMPARE(partial.size(), 64);
    type(dock.idEdit(), u"g"_s);
    QVERIFY(dock.digest() != partial);
    // The well-known HMAC-SHA256 example (Wikipedia, "HMAC").
    QCOMPARE(dock.digest(), u"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"_s);
    QTest::mouseClick(dock.copyDigestButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), dock.digest());

    // Non-ASCII IDs and secrets are taken as UTF-8.
    dock.secretEdit()->clear();
    dock.idEdit()->clear();
    type(dock.secretEdit(), Secret);
    type(dock.idEdit(), u"Zoë-42"_s);
    QCOMPARE(dock.digest(), IV::hmacHex(u"Zoë-42"_s, Secret));
}

void TestHmacDock::secretIsMaskedUntilShown()
{
    HmacDock dock;
    QCOMPARE(dock.secretEdit()->echoMode(), QLineEdit::Password);
    QCOMPARE(dock.showSecretButton()->text(), u"Show"_s);
    QTest::mouseClick(dock.showSecretButton(), Qt::LeftButton);
    QCOMPARE(dock.secretEdit()->echoMode(), QLineEdit::Normal);
    QCOMPARE(dock.showSecretButton()->text(), u"Hide"_s);
    QTest::mouseClick(dock.showSecretButton(), Qt::LeftButton);
    QCOMPARE(dock.secretEdit()->echoMode(), QLineEdit::Password);
}

void TestHmacDock::verifyModeSaysMatchOrMismatchInWords()
{
    HmacDock dock;
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QVERIFY(!dock.verifyBox()->isChecked());
    type(dock.secretEdit(), Secret);
    type(dock.idEdit(), u"user-20"_s);
    dock.verifyBox()->setChecked(true);
    QCOMPARE(dock.verdict(), HmacDock::Verdict::None);
    QVERIFY(dock.verdictText().contains(u"Paste"_s));

    // Pasted with another case and stray spaces, as from an e-mail.
    const QString good = IV::hmacHex(u"user-20"_s, Secret);
    QGuiApplication::clipboard()->setText(u"  "_s + good.toUpper() + u" \n"_s);
    dock.hashEdit()->setFocus();
    QTest::keySequence(dock.hashEdit(), QKeySequence::Paste);
    QCOMPARE(dock.verdict(), HmacDock::Verdict::Match);
    QVERIFY2(dock.verdictText().contains(u"Match"_s), qPrintable(dock.verdictText()));

    // One digit off.
    QString bad = good;
    bad[10] = bad[10] == u'0' ? u'1' : u'0';
    dock.hashEdit()->setText(bad);
    QCOMPARE(dock.verdict(), HmacDock::Verdict::Mismatch);
    QVERIFY2(dock.verdictText().contains(u"Mismatch"_s), qPrintable(dock.verdictText()));
    // The right hash for another ID is a mismatch too.
    dock.hashEdit()->setText(good);
    QCOMPARE(dock.verdict(), HmacDock::Verdict::Match);
    type(dock.idEdit(), u"1"_s);
    QCOMPARE(dock.verdict(), HmacDock::Verdict::Mismatch);

    dock.hashEdit()->setText(u"abc"_s);
    QCOMPARE(dock.verdict(), HmacDock::Verdict::Malformed);
    QVERIFY(dock.verdictText().contains(u"64 hexadecimal digits"_s));
    // The colours of match and mismatch differ, and the words carry the meaning anyway.
    dock.hashEdit()->setText(good);
    dock.idEdit()->setText(u"user-20"_s);
    const QColor matchColour = dock.verdictLabel()->palette().color(QPalette::WindowText);
    dock.idEdit()->setText(u"user-21"_s);
    QVERIFY(dock.verdictLabel()->palette().color(QPalette::WindowText) != matchColour);
}

void TestHmacDock::serverCodeNamesTheIdAndHidesTheSecret_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("idLiteral");
    QTest::newRow("PHP") << int(IV::Language::Php) << u"'it\\'s-20'"_s;
    QTest::newRow("Node.js") << int(IV::Language::NodeJs) << u"\"it's-20\""_s;
    QTest::newRow("Ruby") << int(IV::Language::Ruby) << u"'it\\'s-20'"_s;
    QTest::newRow("Python") << int(IV::Language::Python) << u"'it\\'s-20'"_s;
}

void TestHmacDock::serverCodeNamesTheIdAndHidesTheSecret()
{
    QFETCH(int, language);
    QFETCH(QString, idLiteral);
    const auto lang = IV::Language(language);
    HmacDock dock;
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    type(dock.secretEdit(), Secret);
    type(dock.idEdit(), u"it's-20"_s);
    const QString code = dock.serverCode(lang);
    QVERIFY2(code.contains(idLiteral), qPrintable(code));
    QVERIFY(code.contains(u"JOURNY_HMAC_SECRET"_s));
    QVERIFY(!code.contains(Secret));
    // What the tab shows is what Copy copies.
    const int tab = int(IV::languages().indexOf(lang));
    QCOMPARE(dock.codeTabs()->tabText(tab), IV::languageName(lang));
    QTest::mouseClick(dock.copyCodeButton(lang), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), code);

    // Only when the user asks for it.
    QTest::mouseClick(dock.includeSecretBox(), Qt::LeftButton);
    QVERIFY(dock.includeSecretBox()->isChecked());
    QVERIFY(dock.serverCode(lang).contains(Secret.left(6)));
    QTest::mouseClick(dock.copyCodeButton(lang), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), dock.serverCode(lang));
    QTest::mouseClick(dock.includeSecretBox(), Qt::LeftButton);
    QVERIFY(!dock.serverCode(lang).contains(Secret.left(6)));
}

void TestHmacDock::copiedCodeComputesTheSameDigest_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("print");
    QTest::newRow("Python") << int(IV::Language::Python) << u"python3"_s
                            << u"\nprint(verification)\n"_s;
    QTest::newRow("PHP") << int(IV::Language::Php) << u"php"_s << u"\necho $verification;\n"_s;
    QTest::newRow("Ruby") << int(IV::Language::Ruby) << u"ruby"_s << u"\nputs verification\n"_s;
}

void TestHmacDock::copiedCodeComputesTheSameDigest()
{
    QFETCH(int, language);
    QFETCH(QString, program);
    QFETCH(QString, print);
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        QFAIL(qPrintable(program + u" is not installed (packaging/run-tests.sh installs it)"_s));
    HmacDock dock;
    type(dock.secretEdit(), Secret);
    type(dock.idEdit(), u"Zoë \"20\""_s);
    QTest::mouseClick(dock.copyCodeButton(IV::Language(language)), Qt::LeftButton);
    const QString code = QGuiApplication::clipboard()->text() + print;

    // The secret reaches the child through its environment only.
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"JOURNY_HMAC_SECRET"_s, Secret);
    process.setProcessEnvironment(environment);
    process.start(path, {});
    QVERIFY(process.waitForStarted());
    process.write(code.toUtf8());
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()).trimmed(), dock.digest());
}

void TestHmacDock::snippetFollowsTheCurrentForm()
{
    MainWindow window;
    HmacDock *dock = window.hmacDock();
    QVERIFY(dock);
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    type(dock->secretEdit(), Secret);
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QTest::keyClicks(form->identification()->secondEdit(), u"john@acme-inc.com"_s);
    QCOMPARE(dock->kindCombo()->currentText(), u"identify"_s);
    QString snippet = dock->snippet();
    QVERIFY2(snippet.startsWith(u"journy(\"identify\""_s), qPrintable(snippet));
    QVERIFY(snippet.contains(u"\"20\""_s));
    QVERIFY(snippet.contains(u"\"john@acme-inc.com\""_s));
    QVERIFY2(snippet.contains(IV::hmacHex(u"20"_s, Secret)), qPrintable(snippet));
    QVERIFY(!snippet.contains(Secret));
    QTest::mouseClick(dock->copySnippetButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), snippet);

    // Another operation: the event form, verified over the account ID.
    QVERIFY(window.selectOperation(u"trackEvent"_s));
    auto *event = qobject_cast<EventForm *>(window.currentForm());
    QVERIFY(event);
    QTest::keyClicks(event->name(), u"signed_up"_s);
    QTest::keyClicks(event->account()->idEdit(), u"acme"_s);
    QCOMPARE(dock->kindCombo()->currentText(), u"event"_s);
    snippet = dock->snippet();
    QVERIFY2(snippet.startsWith(u"journy(\"event\""_s), qPrintable(snippet));
    QVERIFY(snippet.contains(u"\"signed_up\""_s));
    QVERIFY(snippet.contains(IV::hmacHex(u"acme"_s, Secret)));
    QVERIFY(dock->snippetProblem().isEmpty());
    window.resize(1280, 800);
    window.show();
    dock->show();
    dock->verifyBox()->setChecked(true);
    dock->hashEdit()->setText(IV::hmacHex(u"acme"_s, Secret));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    saveScreenshot(&window, u"hmac-dock"_s);

    // The user picks another call; the form's values stay.
    dock->kindCombo()->setCurrentIndex(dock->kindCombo()->findText(u"pageview"_s));
    snippet = dock->snippet();
    QVERIFY2(snippet.startsWith(u"journy(\"pageview\""_s), qPrintable(snippet));
    QVERIFY(snippet.contains(IV::hmacHex(u"acme"_s, Secret)));

    // Without an account there is nothing to verify, and the dock says so.
    event->account()->idEdit()->clear();
    QVERIFY(!dock->snippet().contains(u"verification"_s));
    QVERIFY2(dock->snippetProblem().contains(u"account ID"_s), qPrintable(dock->snippetProblem()));

    // Without the secret, it asks for it.
    dock->secretEdit()->clear();
    QVERIFY(dock->snippetProblem().contains(u"Enter the secret"_s));
}

void TestHmacDock::snippetWithoutFormUsesTheId()
{
    HmacDock dock;
    type(dock.secretEdit(), Secret);
    type(dock.idEdit(), u"acme"_s);
    dock.kindCombo()->setCurrentIndex(dock.kindCombo()->findText(u"account"_s));
    QVERIFY(dock.snippet().contains(u"\"acme\""_s));
    QVERIFY(dock.snippet().contains(dock.digest()));
}

void TestHmacDock::ctrlHOpensTheDockOnTheSecret()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(!window.hmacDock()->isVisible());
    QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
    QTRY_VERIFY(window.hmacDock()->isVisible());
    QTRY_VERIFY(window.hmacDock()->secretEdit()->hasFocus());
    // In the Tools and View menus.
    int menus = 0;
    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        if (menu->actions().contains(window.hmacDock()->toggleViewAction()))
            ++menus;
    }
    QCOMPARE(menus, 2);
    QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
    QTRY_VERIFY(!window.hmacDock()->isVisible());
}

void TestHmacDock::secretIsNeverStored()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.hmacDock()->show();
        type(window.hmacDock()->secretEdit(), Secret);
        type(window.hmacDock()->idEdit(), u"20"_s);
        window.close();
    }
    QSettings().sync();
    QDirIterator files(m_settingsDir.path(), QDir::Files, QDirIterator::Subdirectories);
    int checked = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY2(!content.contains(Secret.toUtf8()), qPrintable(file.fileName()));
        QVERIFY2(!content.contains(Secret.left(6).toUtf8()), qPrintable(file.fileName()));
        ++checked;
    }
    QVERIFY(checked > 0); // the window did write its layout
}

void TestHmacDock::inputsHaveAccessibleNames()
{
    HmacDock dock;
    QCOMPARE(UiTest::accessibleName(dock.secretEdit()), u"Secret"_s);
    QCOMPARE(UiTest::accessibleName(dock.idEdit()), u"ID"_s);
    QCOMPARE(UiTest::accessibleName(dock.digestEdit()), u"Digest"_s);
    QCOMPARE(UiTest::accessibleName(dock.hashEdit()), u"Hash"_s);
    // (Qt on Linux reads a combo box's current text as its name; the name is set all the same.)
    QCOMPARE(dock.kindCombo()->accessibleName(), u"Call"_s);
    QCOMPARE(UiTest::accessibleName(dock.showSecretButton()), u"Show secret"_s);
    // The verdict is a value: described, never named.
    QVERIFY(dock.verdictLabel()->accessibleName().isEmpty());
    QVERIFY(!dock.verdictLabel()->accessibleDescription().isEmpty());
}

QTEST_MAIN(TestHmacDock)
#include "tst_hmacdock.moc"
