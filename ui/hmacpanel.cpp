#include "hmacpanel.h"

#include "fieldmark.h"
#include "jsoneditor.h"
#include "operationform.h"
#include "tonecolours.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
namespace IV = IdentityVerification;

namespace {
QPlainTextEdit *codeView(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setTabChangesFocus(true);
    const int lines = 8;
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * lines);
    return edit;
}

void setTone(QLabel *label, const QColor &colour)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

QString stringAt(const QJsonObject &object, QStringView a, QStringView b = {})
{
    const QJsonValue first = object.value(a);
    if (b.isEmpty())
        return first.toString();
    return first.toObject().value(b).toString();
}
} // namespace

HmacPanel::HmacPanel(QWidget *parent)
    : QWidget(parent)
    , m_secret(new QLineEdit)
    , m_showSecret(new QToolButton)
    , m_profileSecret(new QPushButton(tr("Use profile secret")))
    , m_id(new QLineEdit)
    , m_digest(new QLineEdit)
    , m_copyDigest(new QPushButton(tr("Copy")))
    , m_verifyBox(new QGroupBox(tr("Verify a hash")))
    , m_hash(new QLineEdit)
    , m_verdictLabel(new QLabel)
    , m_includeSecret(new QCheckBox(tr("Include the secret in the code")))
    , m_secretWarning(new QLabel)
    , m_codeTabs(new QTabWidget)
    , m_kind(new QComboBox)
    , m_formLabel(new QLabel)
    , m_snippet(nullptr)
    , m_snippetProblem(new QLabel)
    , m_copySnippet(new QPushButton(tr("Copy snippet")))
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("the site's identity-verification secret"));
    m_showSecret->setText(tr("Show"));
    m_showSecret->setCheckable(true);
    m_showSecret->setAccessibleName(tr("Show secret"));
    m_showSecret->setToolTip(tr("Show or hide the secret"));
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_showSecret);
    secretRow->addWidget(m_profileSecret);
    m_profileSecret->setVisible(false);
    auto *secretCaption = new QLabel(tr("&Secret:"));
    FieldMark::label(secretCaption, m_secret);
    form->addRow(secretCaption, secretRow);

    m_id->setPlaceholderText(tr("user ID or account ID"));
    auto *idCaption = new QLabel(tr("&ID:"));
    FieldMark::label(idCaption, m_id);
    form->addRow(idCaption, m_id);

    m_digest->setReadOnly(true);
    m_digest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_digest->setPlaceholderText(tr("enter a secret and an ID"));
    m_copyDigest->setAccessibleName(tr("Copy digest"));
    auto *digestRow = new QHBoxLayout;
    digestRow->addWidget(m_digest, 1);
    digestRow->addWidget(m_copyDigest);
    auto *digestCaption = new QLabel(tr("&Digest:"));
    FieldMark::label(digestCaption, m_digest);
    m_digest->setAccessibleDescription(tr("Hex HMAC-SHA256 of the ID keyed with the secret"));
    form->addRow(digestCaption, digestRow);
    layout->addLayout(form);

    m_verifyBox->setCheckable(true);
    m_verifyBox->setChecked(false);
    m_verifyBox->setAccessibleName(tr("Verify a hash"));
    auto *verifyLayout = new QFormLayout(m_verifyBox);
    m_hash->setPlaceholderText(tr("paste a verification hash"));
    m_hash->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *hashCaption = new QLabel(tr("&Hash:"));
    FieldMark::label(hashCaption, m_hash);
    verifyLayout->addRow(hashCaption, m_hash);
    m_verdictLabel->setWordWrap(true);
    m_verdictLabel->setAccessibleDescription(tr("Whether the hash matches"));
    m_verdictLabel->setObjectName(u"verdictLabel"_s);
    verifyLayout->addRow(m_verdictLabel);
    layout->addWidget(m_verifyBox);

    auto *codeBox = new QGroupBox(tr("Server code"));
    auto *codeLayout = new QVBoxLayout(codeBox);
    codeLayout->addWidget(m_includeSecret);
    m_secretWarning->setWordWrap(true);
    m_secretWarning->setText(tr("Warning: the code below contains the secret. Keep it out of "
                                "repositories and browsers."));
    m_secretWarning->setAccessibleDescription(tr("Warning"));
    m_secretWarning->setVisible(false);
    codeLayout->addWidget(m_secretWarning);
    m_codeTabs->setAccessibleName(tr("Server code"));
    for (const IV::Language language : IV::languages()) {
        auto *tab = new QWidget;
        auto *tabLayout = new QVBoxLayout(tab);
        tabLayout->setContentsMargins(2, 2, 2, 2);
        QPlainTextEdit *edit = codeView(tab);
        edit->setAccessibleName(tr("%1 code").arg(IV::languageName(language)));
        auto *copy = new QPushButton(tr("Copy %1").arg(IV::languageName(language)), tab);
        tabLayout->addWidget(edit, 1);
        tabLayout->addWidget(copy, 0, Qt::AlignRight);
        connect(copy, &QPushButton::clicked, this,
                [this, language] { QApplication::clipboard()->setText(serverCode(language)); });
        m_codeEdits.insert(int(language), edit);
        m_codeCopies.insert(int(language), copy);
        m_codeTabs->addTab(tab, IV::languageName(language));
    }
    codeLayout->addWidget(m_codeTabs);
    layout->addWidget(codeBox);

    auto *snippetBox = new QGroupBox(tr("Browser snippet"));
    auto *snippetLayout = new QVBoxLayout(snippetBox);
    auto *kindRow = new QHBoxLayout;
    auto *kindCaption = new QLabel(tr("&Call:"));
    const IV::BrowserCall::Kind kinds[] = {
        IV::BrowserCall::Kind::Identify, IV::BrowserCall::Kind::Account,
        IV::BrowserCall::Kind::Event, IV::BrowserCall::Kind::Screen,
        IV::BrowserCall::Kind::Pageview};
    for (const IV::BrowserCall::Kind kind : kinds)
        m_kind->addItem(IV::kindName(kind), int(kind));
    FieldMark::label(kindCaption, m_kind);
    kindRow->addWidget(kindCaption);
    kindRow->addWidget(m_kind, 1);
    snippetLayout->addLayout(kindRow);
    m_formLabel->setWordWrap(true);
    m_formLabel->setAccessibleDescription(tr("Where the snippet's values come from"));
    snippetLayout->addWidget(m_formLabel);
    m_snippet = codeView(snippetBox);
    m_snippet->setAccessibleName(tr("Browser snippet"));
    snippetLayout->addWidget(m_snippet, 1);
    m_snippetProblem->setWordWrap(true);
    m_snippetProblem->setAccessibleDescription(tr("What the snippet still needs"));
    snippetLayout->addWidget(m_snippetProblem);
    snippetLayout->addWidget(m_copySnippet, 0, Qt::AlignRight);
    layout->addWidget(snippetBox);
    layout->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_secret, &QLineEdit::textChanged, this, &HmacPanel::updateDigest);
    connect(m_id, &QLineEdit::textChanged, this, &HmacPanel::updateDigest);
    connect(m_hash, &QLineEdit::textChanged, this, &HmacPanel::updateVerdict);
    connect(m_verifyBox, &QGroupBox::toggled, this, &HmacPanel::updateVerdict);
    connect(m_includeSecret, &QCheckBox::toggled, this, &HmacPanel::updateCode);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &HmacPanel::updateSnippet);
    connect(m_showSecret, &QToolButton::toggled, this, [this](bool shown) {
        m_secret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showSecret->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_copyDigest, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(digest()); });
    connect(m_copySnippet, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(snippet()); });
    connect(m_profileSecret, &QPushButton::clicked, this, &HmacPanel::profileSecretRequested);
    readForm();
    updateDigest();
}

void HmacPanel::offerProfileSecret(const QString &profileName)
{
    m_profileSecret->setVisible(!profileName.isEmpty());
    m_profileSecret->setToolTip(
        tr("Take the HMAC secret stored with the profile “%1” from the keychain").arg(profileName));
}

void HmacPanel::setForm(OperationForm *form)
{
    if (form == m_form)
        return;
    disconnect(m_formConnection);
    m_form = form;
    if (form) {
        m_formConnection =
            connect(form, &OperationForm::problemsChanged, this, &HmacPanel::readForm);
        // The call that fits the operation; the user can pick another one.
        const IV::BrowserCall call = callFromForm(form->operation().id, {});
        const QSignalBlocker blocker(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(int(call.kind)));
    }
    readForm();
}

QString HmacPanel::digest() const
{
    return m_digest->text();
}

void HmacPanel::updateDigest()
{
    if (m_secret->text().isEmpty() || m_id->text().isEmpty())
        m_digest->clear();
    else
        m_digest->setText(IV::hmacHex(m_id->text(), m_secret->text()));
    m_copyDigest->setEnabled(!m_digest->text().isEmpty());
    updateVerdict();
    updateCode();
    updateSnippet();
}

QString HmacPanel::verdictText() const
{
    return m_verdictLabel->text();
}

void HmacPanel::updateVerdict()
{
    const QString hash = m_hash->text().trimmed();
    const QPalette palette = this->palette();
    if (!m_verifyBox->isChecked() || hash.isEmpty()) {
        m_verdict = Verdict::None;
        m_verdictLabel->setText(m_verifyBox->isChecked()
                                    ? tr("Paste a hash to compare it with the digest.")
                                    : QString());
        setTone(m_verdictLabel, ToneColours::neutral(palette));
    } else if (!IV::isWellFormedDigest(hash)) {
        m_verdict = Verdict::Malformed;
        m_verdictLabel->setText(
            tr("Not a verification hash: expected 64 hexadecimal digits, got %1 characters.")
                .arg(hash.size()));
        setTone(m_verdictLabel, ToneColours::warning(palette));
    } else if (m_secret->text().isEmpty() || m_id->text().isEmpty()) {
        m_verdict = Verdict::None;
        m_verdictLabel->setText(tr("Enter the secret and the ID to check the hash."));
        setTone(m_verdictLabel, ToneColours::neutral(palette));
    } else if (IV::verify(hash, m_id->text(), m_secret->text())) {
        m_verdict = Verdict::Match;
        m_verdictLabel->setText(tr("✓ Match: this hash is the verification of this ID."));
        setTone(m_verdictLabel, ToneColours::success(palette));
    } else {
        m_verdict = Verdict::Mismatch;
        m_verdictLabel->setText(tr("✗ Mismatch: this hash is not the verification of this ID "
                                   "with this secret."));
        setTone(m_verdictLabel, ToneColours::error(palette));
    }
}

QString HmacPanel::serverCode(IV::Language language) const
{
    const bool include = m_includeSecret->isChecked() && !m_secret->text().isEmpty();
    return IV::serverCode(language, m_id->text(),
                          include ? IV::SecretSource::Inline : IV::SecretSource::Environment,
                          include ? m_secret->text() : QString());
}

QPushButton *HmacPanel::copyCodeButton(IV::Language language) const
{
    return m_codeCopies.value(int(language));
}

void HmacPanel::updateCode()
{
    for (const IV::Language language : IV::languages())
        m_codeEdits.value(int(language))->setPlainText(serverCode(language));
    m_secretWarning->setVisible(m_includeSecret->isChecked() && !m_secret->text().isEmpty());
    QPalette palette = m_secretWarning->palette();
    palette.setColor(QPalette::WindowText, ToneColours::warning(this->palette()));
    m_secretWarning->setPalette(palette);
}

IV::BrowserCall HmacPanel::callFromForm(const QString &operationId, const QJsonObject &body)
{
    using Kind = IV::BrowserCall::Kind;
    IV::BrowserCall call;
    const QJsonObject identification = body.value(u"identification").toObject();
    if (operationId == u"upsertUser" || operationId == u"deleteUser" || operationId == u"link") {
        call.kind = Kind::Identify;
        call.userId = identification.value(u"userId").toString();
        call.email = identification.value(u"email").toString();
        call.properties = body.value(u"properties").toObject();
    } else if (operationId == u"upsertAccount" || operationId == u"deleteAccount") {
        call.kind = Kind::Account;
        call.accountId = identification.value(u"accountId").toString();
        call.properties = body.value(u"properties").toObject();
    } else if (operationId == u"addUserToAccount" || operationId == u"removeUserFromAccount") {
        call.kind = Kind::Account;
        call.accountId = stringAt(body, u"account", u"accountId");
    } else if (operationId == u"trackEvent" || operationId == u"trackJourneyEvent") {
        call.kind = Kind::Event;
        call.name = body.value(u"name").toString();
        call.metadata = body.value(u"metadata").toObject();
        call.userId = stringAt(identification, u"user", u"userId");
        call.email = stringAt(identification, u"user", u"email");
        call.accountId = stringAt(identification, u"account", u"accountId");
    }
    return call;
}

void HmacPanel::readForm()
{
    IV::BrowserCall call;
    if (m_form) {
        const JsonEditor::Parsed parsed = JsonEditor::parse(QString::fromUtf8(m_form->bodyBytes()));
        call = callFromForm(m_form->operation().id, parsed.document.object());
        m_formLabel->setText(tr("Values from the form “%1”.").arg(m_form->operation().summary));
    } else {
        m_formLabel->setText(tr("No form is open: the snippet uses the ID above."));
    }
    m_call = call;
    updateSnippet();
}

void HmacPanel::updateSnippet()
{
    using Kind = IV::BrowserCall::Kind;
    IV::BrowserCall call = m_call;
    call.kind = Kind(m_kind->currentData().toInt());
    // Without a form, the calculator's ID is the ID the call verifies.
    if (!m_form && call.kind == Kind::Identify)
        call.userId = m_id->text();
    else if (!m_form)
        call.accountId = m_id->text();
    QString note;
    if (m_secret->text().isEmpty()) {
        call.verification.clear();
        note = tr("Enter the secret to fill in the verification.");
    } else {
        call = IV::withVerification(call, m_secret->text());
        if (call.verification.isEmpty())
            note = tr("No verification: this call has no %1 to verify.")
                       .arg(call.kind == Kind::Identify ? tr("user ID") : tr("account ID"));
    }
    const QString problem = IV::browserCallProblem(call);
    m_snippet->setPlainText(IV::browserSnippet(call));
    const QString text =
        problem.isEmpty() ? note : (note.isEmpty() ? problem : problem + u' ' + note);
    m_snippetProblem->setText(text);
    m_snippetProblem->setVisible(!text.isEmpty());
    QPalette palette = m_snippetProblem->palette();
    palette.setColor(QPalette::WindowText, problem.isEmpty()
                                               ? ToneColours::neutral(this->palette())
                                               : ToneColours::warning(this->palette()));
    m_snippetProblem->setPalette(palette);
}

QString HmacPanel::snippet() const
{
    return m_snippet->toPlainText();
}

QString HmacPanel::snippetProblem() const
{
    return m_snippetProblem->text();
}
