#include "fieldmark.h"
#include "httpfixture.h"
#include "messagebox.h"
#include "profiledialog.h"
#include "uitest.h"

#include "profiles/profilestore.h"
#include "secrets/secretstore.h"

#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRandomGenerator>
#include <QToolButton>
#include <QtTest>

using namespace Qt::StringLiterals;

// The profile dialog against the real keychain (packaging/run-tests.sh: session bus and an
// unlocked gnome-keyring) and a settings file in a throw-away directory: what the dialog
// does must be what ProfileStore and the keychain hold afterwards.
class TestProfileDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addSetsFieldsAndKeys();
    void editReplacesKey();
    void duplicateCopiesWithoutSecrets();
    void removeDeletesKeychainEntriesFirst();
    void removeCanBeDeclined();
    void sandboxIsReadOnly();
    void invalidProfileIsNotSaved_data();
    void invalidProfileIsNotSaved();
    void secretFieldsAreMaskedWithShowHide();
    void unsavedChangesAreAskedAbout();
    void testKeyShowsPermissions();
    void testKeyUsesStoredKey();
    void fieldsHaveAccessibleNames();

private:
    // Adds a profile through the dialog, with the given fields and secrets, and waits for
    // the keychain writes.
    QString addThroughDialog(ProfileDialog &dialog, const QString &name, const QString &url,
                             const QString &key, const QString &hmac = {}, bool production = false);
    static QString uniqueSecret(const char *prefix)
    {
        return QString::fromLatin1(prefix) +
               QString::number(QRandomGenerator::global()->generate64(), 36);
    }
    static void replaceText(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
    bool settingsContain(const QString &needle) const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
    QStringList m_created; // profile ids whose keychain entries are removed at the end
};

void TestProfileDialog::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    UiTest::isolateSettings(m_settingsDir);
    // No keychain, no test: this must fail, never skip (run under packaging/run-tests.sh).
    SecretStore probe;
    const SecretResult written = probe.writeNow(u"probe"_s, SecretKind::ApiKey, u"probe"_s);
    QVERIFY2(written.ok(), qPrintable(u"No working secret store: "_s + written.detail));
    QVERIFY(probe.removeNow(u"probe"_s, SecretKind::ApiKey).ok());
}

void TestProfileDialog::init()
{
    QSettings().clear();
    QSettings().sync();
    m_profiles = std::make_unique<ProfileStore>();
    m_secrets = std::make_unique<SecretStore>();
    m_profiles->trackSecrets(m_secrets.get());
}

void TestProfileDialog::cleanup()
{
    for (const QString &id : std::as_const(m_created))
        m_secrets->removeAllNow(id);
    m_created.clear();
    m_secrets.reset();
    m_profiles.reset();
}

bool TestProfileDialog::settingsContain(const QString &needle) const
{
    QFile file(m_profiles->fileName());
    return file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8());
}

QString TestProfileDialog::addThroughDialog(ProfileDialog &dialog, const QString &name,
                                            const QString &url, const QString &key,
                                            const QString &hmac, bool production)
{
    QSignalSpy stored(&dialog, &ProfileDialog::secretStored);
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    const QString id = dialog.currentProfileId();
    m_created << id;
    // The name is selected and focused, ready to be typed over.
    [&] { QCOMPARE(dialog.nameEdit()->selectedText(), dialog.nameEdit()->text()); }();
    QTest::keyClicks(dialog.nameEdit(), name);
    replaceText(dialog.baseUrlEdit(), url);
    if (production)
        dialog.productionCheck()->click();
    if (!key.isEmpty())
        QTest::keyClicks(dialog.apiKeyEdit(), key);
    if (!hmac.isEmpty())
        QTest::keyClicks(dialog.hmacSecretEdit(), hmac);
    [&] { QVERIFY(dialog.saveButton()->isEnabled()); }();
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    const int expected = int(!key.isEmpty()) + int(!hmac.isEmpty());
    [&] { QTRY_COMPARE_WITH_TIMEOUT(stored.size(), expected, 15000); }();
    return id;
}

void TestProfileDialog::addSetsFieldsAndKeys()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    const QString key = uniqueSecret("sk-dialog-add-");
    const QString hmac = uniqueSecret("hmac-dialog-add-");
    const QString id =
        addThroughDialog(dialog, u"Acme production"_s, u"https://api.journy.io"_s, key, hmac, true);
    QVERIFY(!QTest::currentTestFailed());

    // The fields let go of the secrets once they are stored.
    QVERIFY(dialog.apiKeyEdit()->text().isEmpty());
    QVERIFY(dialog.hmacSecretEdit()->text().isEmpty());
    QVERIFY(!dialog.hasUnsavedChanges());

    // A fresh store on the same file reads what the dialog saved.
    QSettings().sync();
    ProfileStore reread(m_profiles->fileName());
    const std::optional<Profile> saved = reread.find(u"Acme production"_s);
    QVERIFY(saved);
    QCOMPARE(saved->id, id);
    QCOMPARE(saved->baseUrl, QUrl(u"https://api.journy.io"_s));
    QVERIFY(saved->production);
    QVERIFY(saved->confirmWrites);
    QVERIFY(saved->hasApiKey);
    QVERIFY(saved->hasHmacSecret);
    QVERIFY(!saved->colour.isEmpty());

    // The secrets are in the keychain under the profile's id, and nowhere in the settings.
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).secret, key);
    QCOMPARE(m_secrets->readNow(id, SecretKind::HmacSecret).secret, hmac);
    QVERIFY(!settingsContain(key));
    QVERIFY(!settingsContain(hmac));
    QVERIFY(settingsContain(u"Acme production"_s));
    QVERIFY(dialog.keyStatusLabel()->text().contains(u"keychain"_s));
}

void TestProfileDialog::editReplacesKey()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    const QString first = uniqueSecret("sk-dialog-first-");
    const QString id =
        addThroughDialog(dialog, u"staging"_s, u"https://staging.example.com"_s, first);
    QVERIFY(!QTest::currentTestFailed());

    QVERIFY(dialog.selectProfile(Profile::SandboxId.toString()));
    QVERIFY(dialog.selectProfile(id));
    QCOMPARE(dialog.nameEdit()->text(), u"staging"_s);
    QVERIFY(dialog.apiKeyEdit()->text().isEmpty()); // never shown again
    QVERIFY(dialog.apiKeyEdit()->placeholderText().contains(u"replace"_s));

    const QString second = uniqueSecret("sk-dialog-second-");
    QSignalSpy stored(&dialog, &ProfileDialog::secretStored);
    replaceText(dialog.nameEdit(), u"staging EU"_s);
    replaceText(dialog.colourEdit(), u"#123456"_s);
    QTest::keyClicks(dialog.apiKeyEdit(), second);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 15000);

    const Profile edited = *m_profiles->profile(id);
    QCOMPARE(edited.name, u"staging EU"_s);
    QCOMPARE(edited.colour, u"#123456"_s);
    QCOMPARE(edited.baseUrl, QUrl(u"https://staging.example.com"_s));
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).secret, second);
    QVERIFY(!settingsContain(first));
    QVERIFY(!settingsContain(second));

    // Remove key: gone from the keychain, the flag follows.
    MessageBox::setNextAnswer(true);
    QTest::mouseClick(dialog.removeKeyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 2, 15000);
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).status, SecretResult::NotFound);
    QVERIFY(!m_profiles->profile(id)->hasApiKey);
}

void TestProfileDialog::duplicateCopiesWithoutSecrets()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    const QString id = addThroughDialog(dialog, u"acme"_s, u"https://eu.journy.example"_s,
                                        uniqueSecret("sk-dup-"), uniqueSecret("hmac-dup-"), true);
    QVERIFY(!QTest::currentTestFailed());

    QTest::mouseClick(dialog.duplicateButton(), Qt::LeftButton);
    const QString copyId = dialog.currentProfileId();
    m_created << copyId;
    QVERIFY(copyId != id);
    const std::optional<Profile> copy = m_profiles->profile(copyId);
    QVERIFY(copy);
    QCOMPARE(copy->name, u"acme copy"_s);
    QCOMPARE(copy->baseUrl, QUrl(u"https://eu.journy.example"_s));
    QVERIFY(copy->production);
    QVERIFY(!copy->hasApiKey);
    QVERIFY(!copy->hasHmacSecret);
    QCOMPARE(m_secrets->readNow(copyId, SecretKind::ApiKey).status, SecretResult::NotFound);
    QCOMPARE(dialog.nameEdit()->selectedText(), u"acme copy"_s);

    // Twice: another name.
    QVERIFY(dialog.selectProfile(id));
    QTest::mouseClick(dialog.duplicateButton(), Qt::LeftButton);
    m_created << dialog.currentProfileId();
    QCOMPARE(dialog.nameEdit()->text(), u"acme copy 2"_s);

    // The Sandbox can be duplicated into a profile of one's own (pointing to journy.io).
    QVERIFY(dialog.selectProfile(Profile::SandboxId.toString()));
    QTest::mouseClick(dialog.duplicateButton(), Qt::LeftButton);
    m_created << dialog.currentProfileId();
    QCOMPARE(m_profiles->profile(dialog.currentProfileId())->baseUrl,
             QUrl(Profile::DefaultBaseUrl.toString()));
    QCOMPARE(m_profiles->profiles().size(), 5);
}

void TestProfileDialog::removeDeletesKeychainEntriesFirst()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    const QString id = addThroughDialog(dialog, u"doomed"_s, u"https://api.journy.io"_s,
                                        uniqueSecret("sk-rm-"), uniqueSecret("hmac-rm-"));
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).status, SecretResult::Ok);

    // The profile is still in the settings while its keychain entries are being removed.
    QStringList order;
    QObject guard; // the connections end with this test function
    connect(m_secrets.get(), &SecretStore::finished, &guard, [&](const SecretResult &result) {
        if (result.operation == SecretResult::Remove)
            order << u"keychain"_s + (m_profiles->contains(id) ? u"+profile"_s : u""_s);
    });
    connect(m_profiles.get(), &ProfileStore::profileRemoved, &guard,
            [&](const QString &) { order << u"profile removed"_s; });
    QSignalSpy removed(&dialog, &ProfileDialog::profileRemoved);
    MessageBox::setNextAnswer(true);
    const int questions = MessageBox::questionCount();
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(MessageBox::questionCount(), questions + 1);
    QVERIFY(MessageBox::lastQuestion().contains(u"doomed"_s));
    QVERIFY(MessageBox::lastQuestion().contains(u"keychain"_s));
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 15000);
    QCOMPARE(order,
             (QStringList{u"keychain+profile"_s, u"keychain+profile"_s, u"profile removed"_s}));
    QVERIFY(!m_profiles->contains(id));
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).status, SecretResult::NotFound);
    QCOMPARE(m_secrets->readNow(id, SecretKind::HmacSecret).status, SecretResult::NotFound);
    QVERIFY(!settingsContain(u"doomed"_s));
    // The list moved on to another profile.
    QVERIFY(!dialog.currentProfileId().isEmpty());
    QVERIFY(dialog.currentProfileId() != id);
}

void TestProfileDialog::removeCanBeDeclined()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    const QString id =
        addThroughDialog(dialog, u"kept"_s, u"https://api.journy.io"_s, uniqueSecret("sk-kept-"));
    QVERIFY(!QTest::currentTestFailed());
    MessageBox::setNextAnswer(false);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QTest::qWait(100); // nothing asynchronous may have started
    QVERIFY(m_profiles->contains(id));
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).status, SecretResult::Ok);
}

void TestProfileDialog::sandboxIsReadOnly()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    QVERIFY(dialog.selectProfile(Profile::SandboxId.toString()));
    QVERIFY(!dialog.nameEdit()->isEnabled());
    QVERIFY(!dialog.baseUrlEdit()->isEnabled());
    QVERIFY(!dialog.apiKeyEdit()->isEnabled());
    QVERIFY(!dialog.removeButton()->isEnabled());
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(dialog.duplicateButton()->isEnabled());
    QVERIFY(!dialog.save());
    // First in the list, and what a fresh dialog shows with no other profile.
    QCOMPARE(dialog.list()->item(0)->text(), u"Sandbox"_s);
}

void TestProfileDialog::invalidProfileIsNotSaved_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("colour");
    QTest::addColumn<QString>("because");
    QTest::newRow("empty name") << QString() << u"https://api.journy.io"_s << QString()
                                << u"needs a name"_s;
    QTest::newRow("taken name") << u"Sandbox"_s << u"https://api.journy.io"_s << QString()
                                << u"already"_s;
    QTest::newRow("plain http elsewhere")
        << u"x"_s << u"http://api.journy.io"_s << QString() << u"https"_s;
    QTest::newRow("not a url") << u"x"_s << u"::"_s << QString() << u"URL"_s;
    QTest::newRow("bad colour") << u"x"_s << u"https://api.journy.io"_s << u"red"_s << u"#rrggbb"_s;
}

void TestProfileDialog::invalidProfileIsNotSaved()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, colour);
    QFETCH(QString, because);
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    const QString id = dialog.currentProfileId();
    const Profile before = *m_profiles->profile(id);
    replaceText(dialog.nameEdit(), name);
    replaceText(dialog.baseUrlEdit(), url);
    if (!colour.isEmpty())
        replaceText(dialog.colourEdit(), colour);
    // Said as you type, and again on Save.
    QCOMPARE(dialog.message()->severity(), MarkSeverity::Error);
    QVERIFY(!dialog.save());
    QVERIFY2(dialog.message()->text().contains(because, Qt::CaseInsensitive),
             qPrintable(dialog.message()->text()));
    QCOMPARE(*m_profiles->profile(id), before);
    QVERIFY(dialog.hasUnsavedChanges());
}

void TestProfileDialog::secretFieldsAreMaskedWithShowHide()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    m_created << dialog.currentProfileId();
    for (auto [edit, button] :
         {std::pair{dialog.apiKeyEdit(), dialog.showApiKeyButton()},
          std::pair{dialog.hmacSecretEdit(), dialog.showHmacSecretButton()}}) {
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(edit->echoMode(), QLineEdit::Normal);
        QCOMPARE(button->text(), u"Hide"_s);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
    }
    // Showing does not survive a change of profile.
    QTest::mouseClick(dialog.showApiKeyButton(), Qt::LeftButton);
    QVERIFY(dialog.selectProfile(Profile::SandboxId.toString()));
    QCOMPARE(dialog.apiKeyEdit()->echoMode(), QLineEdit::Password);
}

void TestProfileDialog::unsavedChangesAreAskedAbout()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    const QString id = dialog.currentProfileId();
    m_created << id;
    const QString name = dialog.nameEdit()->text();

    // Declined: discarded, the typed key included.
    QTest::keyClicks(dialog.nameEdit(), u"renamed"_s);
    QTest::keyClicks(dialog.apiKeyEdit(), u"sk-discarded"_s);
    const int questions = MessageBox::questionCount();
    MessageBox::setNextAnswer(false);
    QVERIFY(dialog.selectProfile(Profile::SandboxId.toString()));
    QCOMPARE(MessageBox::questionCount(), questions + 1);
    QCOMPARE(m_profiles->profile(id)->name, name);
    QCOMPARE(m_secrets->readNow(id, SecretKind::ApiKey).status, SecretResult::NotFound);

    // Accepted: saved.
    QVERIFY(dialog.selectProfile(id));
    replaceText(dialog.nameEdit(), u"renamed"_s);
    MessageBox::setNextAnswer(true);
    QVERIFY(dialog.selectProfile(Profile::SandboxId.toString()));
    QCOMPARE(m_profiles->profile(id)->name, u"renamed"_s);

    // Accepted but invalid: the dialog stays on the profile with the reason.
    QVERIFY(dialog.selectProfile(id));
    replaceText(dialog.nameEdit(), u"Sandbox"_s);
    MessageBox::setNextAnswer(true);
    QVERIFY(!dialog.selectProfile(Profile::SandboxId.toString()));
    QCOMPARE(dialog.currentProfileId(), id);
    QCOMPARE(dialog.message()->severity(), MarkSeverity::Error);
}

void TestProfileDialog::testKeyShowsPermissions()
{
    HttpFixture server;
    server.answerJson(200, R"({"meta":{"requestId":"r1","status":200},)"
                           R"("data":{"permissions":["TrackData","ReadEvents"]}})");
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    m_created << dialog.currentProfileId();
    replaceText(dialog.baseUrlEdit(), server.baseUrl().toString());
    const QString typed = uniqueSecret("sk-typed-");
    QTest::keyClicks(dialog.apiKeyEdit(), typed);
    QSignalSpy tested(&dialog, &ProfileDialog::keyTested);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QCOMPARE(server.lastRequest().path, u"/validate"_s);
    QCOMPARE(server.lastRequest().header("X-Api-Key"), typed.toUtf8());
    QVERIFY2(dialog.testResultLabel()->text().contains(u"TrackData, ReadEvents"_s),
             qPrintable(dialog.testResultLabel()->text()));
    // Testing stores nothing.
    QCOMPARE(m_secrets->readNow(dialog.currentProfileId(), SecretKind::ApiKey).status,
             SecretResult::NotFound);

    server.answerJson(401, R"({"meta":{"requestId":"r2","status":401},"message":"no"})");
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QVERIFY(dialog.testResultLabel()->text().contains(u"401"_s));
    server.answerJson(403, R"({"meta":{"requestId":"r3","status":403},"message":"off"})");
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QVERIFY(dialog.testResultLabel()->text().contains(u"disabled"_s));
    QVERIFY(!dialog.testResultLabel()->text().contains(typed));
}

void TestProfileDialog::testKeyUsesStoredKey()
{
    HttpFixture server;
    server.answerJson(200, R"({"meta":{"requestId":"r1","status":200},)"
                           R"("data":{"permissions":["ReadSegments"]}})");
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    const QString key = uniqueSecret("sk-stored-");
    addThroughDialog(dialog, u"tested"_s, server.baseUrl().toString(), key);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(dialog.apiKeyEdit()->text().isEmpty());
    QSignalSpy tested(&dialog, &ProfileDialog::keyTested);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QCOMPARE(server.lastRequest().header("X-Api-Key"), key.toUtf8());
    QVERIFY(dialog.testResultLabel()->text().contains(u"ReadSegments"_s));
}

void TestProfileDialog::fieldsHaveAccessibleNames()
{
    ProfileDialog dialog(m_profiles.get(), m_secrets.get());
    dialog.show();
    QCOMPARE(UiTest::accessibleName(dialog.nameEdit()), u"Name"_s);
    QCOMPARE(UiTest::accessibleName(dialog.baseUrlEdit()), u"Base URL"_s);
    QCOMPARE(UiTest::accessibleName(dialog.apiKeyEdit()), u"API key"_s);
    QCOMPARE(UiTest::accessibleName(dialog.hmacSecretEdit()), u"HMAC secret"_s);
    QCOMPARE(UiTest::accessibleName(dialog.list()), u"Profiles"_s);
    QCOMPARE(UiTest::accessibleName(dialog.showApiKeyButton()), u"Show API key"_s);
}

QTEST_MAIN(TestProfileDialog)
#include "tst_profiledialog.moc"
