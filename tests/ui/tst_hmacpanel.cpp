#include "eventform.h"
#include "hmacpanel.h"
#include "identificationeditor.h"
#include "identityform.h"
#include "mainwindow.h"
#include "uitest.h"

#include "identity/identityverification.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QDockWidget>
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

// The HMAC identity-verification panel, used the way a person would: typing, clicking,
// pasting; generated server code is run by the real interpreters.
class TestHmacPanel : public QObject {
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
    void aDockLeftOpenIsBuiltAtTheNextStart();
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

void TestHmacPanel::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
}

void TestHmacPanel::init()
{
    QSettings().clear();
}

void TestHmacPanel::digestUpdatesAsYouType()
{
    HmacPanel panel;
    QVERIFY(panel.digest().isEmpty());
    QVERIFY(!panel.copyDigestButton()->isEnabled());
    type(panel.secretEdit(), u"key"_s);
    QVERIFY(panel.digest().isEmpty()); // no ID yet
    type(panel.idEdit(), u"The quick brown fox jumps over the lazy do"_s);
    const QString partial = panel.digest();
    QCOMPARE(partial.size(), 64);
    type(panel.idEdit(), u"g"_s);
    QVERIFY(panel.digest() != partial);
    // The well-known HMAC-SHA256 example (Wikipedia, "HMAC").
    QCOMPARE(panel.digest(), u"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"_s);
    QTest::mouseClick(panel.copyDigestButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), panel.digest());

    // Non-ASCII IDs and secrets are taken as UTF-8.
    panel.secretEdit()->clear();
    panel.idEdit()->clear();
    type(panel.secretEdit(), Secret);
    type(panel.idEdit(), u"Zoë-42"_s);
    QCOMPARE(panel.digest(), IV::hmacHex(u"Zoë-42"_s, Secret));
}

void TestHmacPanel::secretIsMaskedUntilShown()
{
    HmacPanel panel;
    QCOMPARE(panel.secretEdit()->echoMode(), QLineEdit::Password);
    QCOMPARE(panel.showSecretButton()->text(), u"Show"_s);
    QTest::mouseClick(panel.showSecretButton(), Qt::LeftButton);
    QCOMPARE(panel.secretEdit()->echoMode(), QLineEdit::Normal);
    QCOMPARE(panel.showSecretButton()->text(), u"Hide"_s);
    QTest::mouseClick(panel.showSecretButton(), Qt::LeftButton);
    QCOMPARE(panel.secretEdit()->echoMode(), QLineEdit::Password);
}

void TestHmacPanel::verifyModeSaysMatchOrMismatchInWords()
{
    HmacPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(!panel.verifyBox()->isChecked());
    type(panel.secretEdit(), Secret);
    type(panel.idEdit(), u"user-20"_s);
    panel.verifyBox()->setChecked(true);
    QCOMPARE(panel.verdict(), HmacPanel::Verdict::None);
    QVERIFY(panel.verdictText().contains(u"Paste"_s));

    // Pasted with another case and stray spaces, as from an e-mail.
    const QString good = IV::hmacHex(u"user-20"_s, Secret);
    QGuiApplication::clipboard()->setText(u"  "_s + good.toUpper() + u" \n"_s);
    panel.hashEdit()->setFocus();
    QTest::keySequence(panel.hashEdit(), QKeySequence::Paste);
    QCOMPARE(panel.verdict(), HmacPanel::Verdict::Match);
    QVERIFY2(panel.verdictText().contains(u"Match"_s), qPrintable(panel.verdictText()));

    // One digit off.
    QString bad = good;
    bad[10] = bad[10] == u'0' ? u'1' : u'0';
    panel.hashEdit()->setText(bad);
    QCOMPARE(panel.verdict(), HmacPanel::Verdict::Mismatch);
    QVERIFY2(panel.verdictText().contains(u"Mismatch"_s), qPrintable(panel.verdictText()));
    // The right hash for another ID is a mismatch too.
    panel.hashEdit()->setText(good);
    QCOMPARE(panel.verdict(), HmacPanel::Verdict::Match);
    type(panel.idEdit(), u"1"_s);
    QCOMPARE(panel.verdict(), HmacPanel::Verdict::Mismatch);

    panel.hashEdit()->setText(u"abc"_s);
    QCOMPARE(panel.verdict(), HmacPanel::Verdict::Malformed);
    QVERIFY(panel.verdictText().contains(u"64 hexadecimal digits"_s));
    // The colours of match and mismatch differ, and the words carry the meaning anyway.
    panel.hashEdit()->setText(good);
    panel.idEdit()->setText(u"user-20"_s);
    const QColor matchColour = panel.verdictLabel()->palette().color(QPalette::WindowText);
    panel.idEdit()->setText(u"user-21"_s);
    QVERIFY(panel.verdictLabel()->palette().color(QPalette::WindowText) != matchColour);
}

void TestHmacPanel::serverCodeNamesTheIdAndHidesTheSecret_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("idLiteral");
    QTest::newRow("PHP") << int(IV::Language::Php) << u"'it\\'s-20'"_s;
    QTest::newRow("Node.js") << int(IV::Language::NodeJs) << u"\"it's-20\""_s;
    QTest::newRow("Ruby") << int(IV::Language::Ruby) << u"'it\\'s-20'"_s;
    QTest::newRow("Python") << int(IV::Language::Python) << u"'it\\'s-20'"_s;
}

void TestHmacPanel::serverCodeNamesTheIdAndHidesTheSecret()
{
    QFETCH(int, language);
    QFETCH(QString, idLiteral);
    const auto lang = IV::Language(language);
    HmacPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    type(panel.secretEdit(), Secret);
    type(panel.idEdit(), u"it's-20"_s);
    const QString code = panel.serverCode(lang);
    QVERIFY2(code.contains(idLiteral), qPrintable(code));
    QVERIFY(code.contains(u"JOURNY_HMAC_SECRET"_s));
    QVERIFY(!code.contains(Secret));
    // What the tab shows is what Copy copies.
    const int tab = int(IV::languages().indexOf(lang));
    QCOMPARE(panel.codeTabs()->tabText(tab), IV::languageName(lang));
    QTest::mouseClick(panel.copyCodeButton(lang), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), code);

    // Only when the user asks for it.
    QTest::mouseClick(panel.includeSecretBox(), Qt::LeftButton);
    QVERIFY(panel.includeSecretBox()->isChecked());
    QVERIFY(panel.serverCode(lang).contains(Secret.left(6)));
    QTest::mouseClick(panel.copyCodeButton(lang), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), panel.serverCode(lang));
    QTest::mouseClick(panel.includeSecretBox(), Qt::LeftButton);
    QVERIFY(!panel.serverCode(lang).contains(Secret.left(6)));
}

void TestHmacPanel::copiedCodeComputesTheSameDigest_data()
{
    QTest::addColumn<int>("language");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("print");
    QTest::newRow("Python") << int(IV::Language::Python) << u"python3"_s
                            << u"\nprint(verification)\n"_s;
    QTest::newRow("PHP") << int(IV::Language::Php) << u"php"_s << u"\necho $verification;\n"_s;
    QTest::newRow("Ruby") << int(IV::Language::Ruby) << u"ruby"_s << u"\nputs verification\n"_s;
}

void TestHmacPanel::copiedCodeComputesTheSameDigest()
{
    QFETCH(int, language);
    QFETCH(QString, program);
    QFETCH(QString, print);
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        QFAIL(qPrintable(program + u" is not installed (packaging/run-tests.sh installs it)"_s));
    HmacPanel panel;
    type(panel.secretEdit(), Secret);
    type(panel.idEdit(), u"Zoë \"20\""_s);
    QTest::mouseClick(panel.copyCodeButton(IV::Language(language)), Qt::LeftButton);
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
    QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()).trimmed(), panel.digest());
}

void TestHmacPanel::snippetFollowsTheCurrentForm()
{
    MainWindow window;
    HmacPanel *panel = window.hmacPanel();
    QVERIFY(panel);
    QVERIFY(window.selectOperation(u"upsertUser"_s));
    type(panel->secretEdit(), Secret);
    auto *form = qobject_cast<IdentityForm *>(window.currentForm());
    QVERIFY(form);
    QTest::keyClicks(form->identification()->idEdit(), u"20"_s);
    QTest::keyClicks(form->identification()->secondEdit(), u"john@acme-inc.com"_s);
    QCOMPARE(panel->kindCombo()->currentText(), u"identify"_s);
    QString snippet = panel->snippet();
    QVERIFY2(snippet.startsWith(u"journy(\"identify\""_s), qPrintable(snippet));
    QVERIFY(snippet.contains(u"\"20\""_s));
    QVERIFY(snippet.contains(u"\"john@acme-inc.com\""_s));
    QVERIFY2(snippet.contains(IV::hmacHex(u"20"_s, Secret)), qPrintable(snippet));
    QVERIFY(!snippet.contains(Secret));
    QTest::mouseClick(panel->copySnippetButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), snippet);

    // Another operation: the event form, verified over the account ID.
    QVERIFY(window.selectOperation(u"trackEvent"_s));
    auto *event = qobject_cast<EventForm *>(window.currentForm());
    QVERIFY(event);
    QTest::keyClicks(event->name(), u"signed_up"_s);
    QTest::keyClicks(event->account()->idEdit(), u"acme"_s);
    QCOMPARE(panel->kindCombo()->currentText(), u"event"_s);
    snippet = panel->snippet();
    QVERIFY2(snippet.startsWith(u"journy(\"event\""_s), qPrintable(snippet));
    QVERIFY(snippet.contains(u"\"signed_up\""_s));
    QVERIFY(snippet.contains(IV::hmacHex(u"acme"_s, Secret)));
    QVERIFY(panel->snippetProblem().isEmpty());
    window.resize(1280, 800);
    window.show();
    panel->show();
    panel->verifyBox()->setChecked(true);
    panel->hashEdit()->setText(IV::hmacHex(u"acme"_s, Secret));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    saveScreenshot(&window, u"hmac-panel"_s);

    // The user picks another call; the form's values stay.
    panel->kindCombo()->setCurrentIndex(panel->kindCombo()->findText(u"pageview"_s));
    snippet = panel->snippet();
    QVERIFY2(snippet.startsWith(u"journy(\"pageview\""_s), qPrintable(snippet));
    QVERIFY(snippet.contains(IV::hmacHex(u"acme"_s, Secret)));

    // Without an account there is nothing to verify, and the panel says so.
    event->account()->idEdit()->clear();
    QVERIFY(!panel->snippet().contains(u"verification"_s));
    QVERIFY2(panel->snippetProblem().contains(u"account ID"_s),
             qPrintable(panel->snippetProblem()));

    // Without the secret, it asks for it.
    panel->secretEdit()->clear();
    QVERIFY(panel->snippetProblem().contains(u"Enter the secret"_s));
}

void TestHmacPanel::snippetWithoutFormUsesTheId()
{
    HmacPanel panel;
    type(panel.secretEdit(), Secret);
    type(panel.idEdit(), u"acme"_s);
    panel.kindCombo()->setCurrentIndex(panel.kindCombo()->findText(u"account"_s));
    QVERIFY(panel.snippet().contains(u"\"acme\""_s));
    QVERIFY(panel.snippet().contains(panel.digest()));
}

void TestHmacPanel::ctrlHOpensTheDockOnTheSecret()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(!window.hmacDock()->isVisible());
    QVERIFY(!window.findChild<HmacPanel *>()); // built when first shown, not at start-up
    QTest::keyClick(&window, Qt::Key_H, Qt::ControlModifier);
    QVERIFY(window.hmacDock()->isVisible());
    QCOMPARE(window.findChildren<HmacPanel *>().size(), 1);
    QVERIFY(window.hmacPanel()->isVisible()); // with the dock, not one event later
    QTRY_VERIFY(window.hmacPanel()->secretEdit()->hasFocus());
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

void TestHmacPanel::aDockLeftOpenIsBuiltAtTheNextStart()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.hmacDock()->toggleViewAction()->trigger();
        QTRY_VERIFY(window.hmacDock()->isVisible());
        window.close();
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.hmacDock()->isVisible());
    // Built before the window first painted, with the dock where it was.
    auto *panel = window.hmacDock()->findChild<HmacPanel *>();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    QCOMPARE(window.dockWidgetArea(window.hmacDock()), Qt::RightDockWidgetArea);
    // The form keeps the keyboard: only opening the dock by hand moves it there.
    QVERIFY(!panel->isAncestorOf(window.focusWidget()));
}

void TestHmacPanel::secretIsNeverStored()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.hmacDock()->show();
        type(window.hmacPanel()->secretEdit(), Secret);
        type(window.hmacPanel()->idEdit(), u"20"_s);
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

void TestHmacPanel::inputsHaveAccessibleNames()
{
    HmacPanel panel;
    QCOMPARE(UiTest::accessibleName(panel.secretEdit()), u"Secret"_s);
    QCOMPARE(UiTest::accessibleName(panel.idEdit()), u"ID"_s);
    QCOMPARE(UiTest::accessibleName(panel.digestEdit()), u"Digest"_s);
    QCOMPARE(UiTest::accessibleName(panel.hashEdit()), u"Hash"_s);
    // (Qt on Linux reads a combo box's current text as its name; the name is set all the same.)
    QCOMPARE(panel.kindCombo()->accessibleName(), u"Call"_s);
    QCOMPARE(UiTest::accessibleName(panel.showSecretButton()), u"Show secret"_s);
    // The verdict is a value: described, never named.
    QVERIFY(panel.verdictLabel()->accessibleName().isEmpty());
    QVERIFY(!panel.verdictLabel()->accessibleDescription().isEmpty());
}

QTEST_MAIN(TestHmacPanel)
#include "tst_hmacpanel.moc"
