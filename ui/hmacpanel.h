#pragma once

#include "identity/identityverification.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class OperationForm;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QToolButton;

// The identity-verification calculator: the hex HMAC-SHA256 of an ID keyed with the site's
// secret, updated as the user types; a verify mode for a pasted hash; the same computation
// as server code (PHP, Node.js, Ruby, Python); and the browser journy(...) call with the
// verification filled in from the current form.
//
// The secret lives only in this widget's line edit (and, when offered, the profile's
// keychain entry); it is never written to settings or logs, and generated code names an
// environment variable instead unless the user ticks "include the secret".
class HmacPanel : public QWidget {
    Q_OBJECT
public:
    explicit HmacPanel(QWidget *parent = nullptr);

    // The form whose values feed the browser snippet (follows its edits); null: none.
    void setForm(OperationForm *form);
    // Offers "Use profile secret" for the profile named `profileName` (none: empty). A click
    // emits profileSecretRequested(); the secret, read from the keychain, goes to secretEdit().
    void offerProfileSecret(const QString &profileName);

    QString digest() const;
    // The verify mode's verdict: Match, Mismatch, Malformed (not 64 hex digits) or None.
    enum class Verdict { None, Match, Mismatch, Malformed };
    Verdict verdict() const { return m_verdict; }
    QString verdictText() const;
    QString serverCode(IdentityVerification::Language language) const;
    QString snippet() const;
    QString snippetProblem() const;
    IdentityVerification::BrowserCall browserCall() const { return m_call; }

    QLineEdit *secretEdit() const { return m_secret; }
    QToolButton *showSecretButton() const { return m_showSecret; }
    QLineEdit *idEdit() const { return m_id; }
    QLineEdit *digestEdit() const { return m_digest; }
    QGroupBox *verifyBox() const { return m_verifyBox; }
    QLineEdit *hashEdit() const { return m_hash; }
    QLabel *verdictLabel() const { return m_verdictLabel; }
    QCheckBox *includeSecretBox() const { return m_includeSecret; }
    QTabWidget *codeTabs() const { return m_codeTabs; }
    QPushButton *copyCodeButton(IdentityVerification::Language language) const;
    QPushButton *copyDigestButton() const { return m_copyDigest; }
    QComboBox *kindCombo() const { return m_kind; }
    QPushButton *copySnippetButton() const { return m_copySnippet; }
    QPushButton *profileSecretButton() const { return m_profileSecret; }

    // The browser call the form's body describes (kind chosen from the operation).
    static IdentityVerification::BrowserCall callFromForm(const QString &operationId,
                                                          const QJsonObject &body);

Q_SIGNALS:
    void profileSecretRequested();

private:
    void updateDigest();
    void updateVerdict();
    void updateCode();
    void updateSnippet();
    void readForm();

    QLineEdit *m_secret;
    QToolButton *m_showSecret;
    QPushButton *m_profileSecret;
    QLineEdit *m_id;
    QLineEdit *m_digest;
    QPushButton *m_copyDigest;
    QGroupBox *m_verifyBox;
    QLineEdit *m_hash;
    QLabel *m_verdictLabel;
    QCheckBox *m_includeSecret;
    QLabel *m_secretWarning;
    QTabWidget *m_codeTabs;
    QHash<int, QPlainTextEdit *> m_codeEdits;
    QHash<int, QPushButton *> m_codeCopies;
    QComboBox *m_kind;
    QLabel *m_formLabel;
    QPlainTextEdit *m_snippet;
    QLabel *m_snippetProblem;
    QPushButton *m_copySnippet;

    QPointer<OperationForm> m_form;
    QMetaObject::Connection m_formConnection;
    IdentityVerification::BrowserCall m_call;
    Verdict m_verdict = Verdict::None;
};
