#pragma once

#include "profiles/profile.h"
#include "secrets/secretstore.h"

#include <QDialog>
#include <QUrl>

class FieldMessage;
class JournyClient;
class ProfileStore;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QToolButton;
struct ApiResult;

// Profiles (Ctrl+,): add, edit, duplicate and remove them, set or replace the API key and
// the optional HMAC secret, and test the key with GET /validate. Keys go to the keychain
// through SecretStore and nowhere else; a typed key leaves its field once it is stored.
class ProfileDialog : public QDialog {
    Q_OBJECT
public:
    ProfileDialog(ProfileStore *profiles, SecretStore *secrets, QWidget *parent = nullptr);
    ~ProfileDialog() override;

    // Where "Test key" sends for the Sandbox profile (the in-process sandbox).
    void setSandboxConnection(const QUrl &baseUrl, const QString &apiKey);

    bool selectProfile(const QString &id);
    QString currentProfileId() const { return m_currentId; }
    bool hasUnsavedChanges() const { return m_dirty; }

    // Stores the fields and any typed secrets; false (with the reason shown) when the
    // profile is invalid.
    bool save();
    void addProfile();
    void duplicateProfile();
    // Asks first, removes the keychain entries, then the profile.
    void removeProfile();
    void testKey();

    QListWidget *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLineEdit *colourEdit() const { return m_colour; }
    QCheckBox *productionCheck() const { return m_production; }
    QCheckBox *confirmWritesCheck() const { return m_confirmWrites; }
    QLineEdit *apiKeyEdit() const { return m_apiKey; }
    QLineEdit *hmacSecretEdit() const { return m_hmacSecret; }
    QToolButton *showApiKeyButton() const { return m_showApiKey; }
    QToolButton *showHmacSecretButton() const { return m_showHmacSecret; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *duplicateButton() const { return m_duplicate; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *removeKeyButton() const { return m_removeKey; }
    QPushButton *removeHmacSecretButton() const { return m_removeHmacSecret; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QLabel *keyStatusLabel() const { return m_keyStatus; }
    QLabel *testResultLabel() const { return m_testResult; }
    FieldMessage *message() const { return m_message; }

Q_SIGNALS:
    // A keychain write or removal the dialog started has finished.
    void secretStored(const SecretResult &result);
    // A profile and its keychain entries are gone.
    void profileRemoved(const QString &id);
    void keyTested(const ApiResult &result);

protected:
    void closeEvent(QCloseEvent *event) override;
    void reject() override;

private:
    void buildUi();
    void reloadList();
    void onSelectionChanged();
    void showInList(const QString &id);
    void load(const QString &id);
    Profile fromFields() const;
    void fieldsEdited();
    void updateState();
    void updateKeyStatus(const Profile &profile);
    bool settleUnsavedChanges();
    void writeSecret(const QString &id, SecretKind kind, QLineEdit *field);
    void removeSecret(SecretKind kind);
    void runTest(const QUrl &baseUrl, const QString &apiKey);
    void showTestResult(const ApiResult &result);
    void chooseColour();

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    JournyClient *m_testClient;
    QUrl m_sandboxUrl;
    QString m_sandboxKey;
    QString m_currentId;
    bool m_dirty = false;
    bool m_loading = false;
    quint64 m_testGeneration = 0;

    QListWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_builtInNote = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_colour = nullptr;
    QToolButton *m_colourButton = nullptr;
    QCheckBox *m_production = nullptr;
    QCheckBox *m_confirmWrites = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QToolButton *m_showApiKey = nullptr;
    QPushButton *m_removeKey = nullptr;
    QLineEdit *m_hmacSecret = nullptr;
    QToolButton *m_showHmacSecret = nullptr;
    QPushButton *m_removeHmacSecret = nullptr;
    QLabel *m_keyStatus = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    FieldMessage *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
};
