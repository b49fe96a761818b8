#include "profiledialog.h"

#include "fieldmark.h"
#include "messagebox.h"
#include "profileswitcher.h"

#include "api/apireply.h"
#include "api/apiresult.h"
#include "api/journyclient.h"
#include "profiles/profilestore.h"
#include "secrets/redaction.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int IdRole = Qt::UserRole + 1;

// A "Show" toggle for a masked field.
QToolButton *revealButton(QLineEdit *field, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(ProfileDialog::tr("Show"));
    button->setCheckable(true);
    button->setAccessibleName(accessibleName);
    button->setToolTip(ProfileDialog::tr("Show or hide what is typed"));
    QObject::connect(button, &QToolButton::toggled, field, [field, button](bool shown) {
        field->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        button->setText(shown ? ProfileDialog::tr("Hide") : ProfileDialog::tr("Show"));
    });
    return button;
}

QHBoxLayout *row(std::initializer_list<QWidget *> widgets, int stretchFirst = 1)
{
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    bool first = true;
    for (QWidget *widget : widgets) {
        layout->addWidget(widget, first ? stretchFirst : 0);
        first = false;
    }
    return layout;
}
} // namespace

ProfileDialog::ProfileDialog(ProfileStore *profiles, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_testClient(new JournyClient(this))
{
    setWindowTitle(tr("Profiles"));
    setObjectName(u"profileDialog"_s);
    buildUi();
    m_testClient->setTimeout(std::chrono::seconds(15));

    connect(m_profiles, &ProfileStore::profileAdded, this, &ProfileDialog::reloadList);
    connect(m_profiles, &ProfileStore::profileChanged, this, [this](const Profile &profile) {
        reloadList();
        if (profile.id == m_currentId)
            updateKeyStatus(profile);
    });
    connect(m_profiles, &ProfileStore::profileRemoved, this, &ProfileDialog::reloadList);
    reloadList();
    selectProfile(m_profiles->activeProfileId());
    resize(760, 520);
}

ProfileDialog::~ProfileDialog() = default;

void ProfileDialog::buildUi()
{
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Profiles"));
    m_list->setMinimumWidth(200);
    m_add = new QPushButton(tr("Add"), this);
    m_duplicate = new QPushButton(tr("Duplicate"), this);
    m_remove = new QPushButton(tr("Remove…"), this);
    m_add->setToolTip(tr("A new profile for journy.io"));
    m_duplicate->setToolTip(tr("A copy of the selected profile, without its key"));
    m_remove->setToolTip(tr("Removes the profile and its keychain entries (asks first)"));
    m_remove->setAccessibleName(tr("Remove"));
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);

    m_builtInNote = FieldMark::hint(tr("The built-in sandbox runs inside the console on this "
                                       "machine: nothing leaves it. It cannot be changed; "
                                       "duplicate it to start a profile of your own."),
                                    this);
    m_name = new QLineEdit(this);
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setPlaceholderText(Profile::DefaultBaseUrl.toString());
    m_colour = new QLineEdit(this);
    m_colour->setPlaceholderText(u"#2e86de"_s);
    m_colour->setMaxLength(7);
    m_colourButton = new QToolButton(this);
    m_colourButton->setText(tr("Choose…"));
    m_colourButton->setAccessibleName(tr("Choose colour"));
    m_production = new QCheckBox(tr("Production: real customer data"), this);
    m_production->setToolTip(tr("Shows a banner while the profile is active"));
    m_confirmWrites = new QCheckBox(tr("Ask before each write or delete"), this);
    m_apiKey = new QLineEdit(this);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setObjectName(u"apiKeyEdit"_s);
    m_showApiKey = revealButton(m_apiKey, tr("Show API key"), this);
    m_removeKey = new QPushButton(tr("Remove key"), this);
    m_hmacSecret = new QLineEdit(this);
    m_hmacSecret->setEchoMode(QLineEdit::Password);
    m_hmacSecret->setObjectName(u"hmacSecretEdit"_s);
    m_hmacSecret->setToolTip(tr("The secret for identity verification (HMAC-SHA256 of user and "
                                "account IDs), if the site uses it"));
    m_showHmacSecret = revealButton(m_hmacSecret, tr("Show HMAC secret"), this);
    m_removeHmacSecret = new QPushButton(tr("Remove secret"), this);
    m_removeHmacSecret->setAccessibleName(tr("Remove HMAC secret"));
    m_keyStatus = new QLabel(this);
    m_keyStatus->setWordWrap(true);
    m_keyStatus->setTextFormat(Qt::PlainText);
    m_test = new QPushButton(tr("Test key"), this);
    m_test->setToolTip(tr("GET /validate with the typed key, or the stored one"));
    m_testResult = new QLabel(this);
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new FieldMessage(this);

    auto *form = new QFormLayout;
    form->addRow(m_builtInNote);
    auto addField = [this, form](const QString &caption, QWidget *field, QLayout *layout) {
        auto *label = new QLabel(caption, this);
        FieldMark::label(label, field);
        if (layout)
            form->addRow(label, layout);
        else
            form->addRow(label, field);
    };
    addField(tr("Name"), m_name, nullptr);
    addField(tr("Base URL"), m_baseUrl, nullptr);
    addField(tr("Colour"), m_colour, row({m_colour, m_colourButton}));
    form->addRow(QString(), m_production);
    form->addRow(QString(), m_confirmWrites);
    addField(tr("API key"), m_apiKey, row({m_apiKey, m_showApiKey, m_removeKey}));
    addField(tr("HMAC secret"), m_hmacSecret,
             row({m_hmacSecret, m_showHmacSecret, m_removeHmacSecret}));
    form->addRow(QString(), m_keyStatus);
    form->addRow(QString(), row({m_test}, 0));
    form->addRow(QString(), m_testResult);
    form->addRow(m_message);
    m_keyStatus->setAccessibleDescription(tr("Keychain"));
    m_testResult->setAccessibleDescription(tr("Key test result"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setToolTip(tr("Stores the profile; a typed key goes to the system keychain"));

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch(1);
    columns->addLayout(right, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_buttons);

    connect(m_list, &QListWidget::currentItemChanged, this, &ProfileDialog::onSelectionChanged);
    connect(m_add, &QPushButton::clicked, this, &ProfileDialog::addProfile);
    connect(m_duplicate, &QPushButton::clicked, this, &ProfileDialog::duplicateProfile);
    connect(m_remove, &QPushButton::clicked, this, &ProfileDialog::removeProfile);
    connect(m_save, &QPushButton::clicked, this, &ProfileDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ProfileDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ProfileDialog::testKey);
    connect(m_colourButton, &QToolButton::clicked, this, &ProfileDialog::chooseColour);
    connect(m_removeKey, &QPushButton::clicked, this, [this] { removeSecret(SecretKind::ApiKey); });
    connect(m_removeHmacSecret, &QPushButton::clicked, this,
            [this] { removeSecret(SecretKind::HmacSecret); });
    for (QLineEdit *edit : {m_name, m_baseUrl, m_colour, m_apiKey, m_hmacSecret})
        connect(edit, &QLineEdit::textEdited, this, &ProfileDialog::fieldsEdited);
    for (QCheckBox *check : {m_production, m_confirmWrites})
        connect(check, &QCheckBox::toggled, this, &ProfileDialog::fieldsEdited);
}

void ProfileDialog::setSandboxConnection(const QUrl &baseUrl, const QString &apiKey)
{
    m_sandboxUrl = baseUrl;
    m_sandboxKey = apiKey;
    updateState();
}

void ProfileDialog::reloadList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Profile &profile : m_profiles->profiles()) {
        auto *item = new QListWidgetItem(ProfileSwitcher::colourDot(profile.colour),
                                         ProfileSwitcher::describe(profile), m_list);
        item->setData(IdRole, profile.id);
        if (profile.id == m_currentId)
            m_list->setCurrentItem(item);
    }
    if (!m_currentId.isEmpty() && !m_profiles->contains(m_currentId)) {
        m_currentId.clear();
        m_dirty = false;
        if (m_list->count() > 0)
            m_list->setCurrentRow(0);
        if (QListWidgetItem *item = m_list->currentItem())
            load(item->data(IdRole).toString());
    }
}

bool ProfileDialog::selectProfile(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(IdRole).toString() == id) {
            m_list->setCurrentRow(i); // onSelectionChanged() loads it
            return m_currentId == id;
        }
    }
    return false;
}

void ProfileDialog::onSelectionChanged()
{
    QListWidgetItem *item = m_list->currentItem();
    const QString id = item ? item->data(IdRole).toString() : QString();
    if (id == m_currentId)
        return;
    // Saving rebuilds the list, so the row is chosen again afterwards.
    if (!settleUnsavedChanges()) {
        showInList(m_currentId); // the changes could not be saved: stay on them
        return;
    }
    showInList(id);
    load(id);
}

void ProfileDialog::showInList(const QString &id)
{
    const QSignalBlocker blocker(m_list);
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(IdRole).toString() == id)
            m_list->setCurrentRow(i);
    }
}

// Returns false when there were changes, the user wanted them saved, and they could not be.
bool ProfileDialog::settleUnsavedChanges()
{
    if (!m_dirty || m_currentId.isEmpty())
        return true;
    const QString name = m_profiles->profile(m_currentId).value_or(Profile()).name;
    if (MessageBox::confirm(this, tr("Unsaved changes"),
                            tr("Save the changes to the profile “%1”? Otherwise they are "
                               "discarded, a typed key included.")
                                .arg(name),
                            tr("Save")))
        return save();
    m_dirty = false;
    return true;
}

void ProfileDialog::load(const QString &id)
{
    m_loading = true;
    m_currentId = id;
    const Profile profile = m_profiles->profile(id).value_or(Profile());
    m_name->setText(profile.name);
    m_baseUrl->setText(profile.isSandbox() ? tr("(a free port on this machine)")
                                           : profile.baseUrl.toString());
    m_colour->setText(profile.colour);
    m_production->setChecked(profile.production);
    m_confirmWrites->setChecked(profile.confirmWrites);
    m_apiKey->clear();
    m_hmacSecret->clear();
    m_showApiKey->setChecked(false);
    m_showHmacSecret->setChecked(false);
    m_testResult->clear();
    m_message->clearMessage();
    FieldMark::mark(m_name, MarkSeverity::None);
    FieldMark::mark(m_baseUrl, MarkSeverity::None);
    FieldMark::mark(m_colour, MarkSeverity::None);
    ++m_testGeneration; // an answer for the previous profile is not shown here
    m_dirty = false;
    m_loading = false;
    updateKeyStatus(profile);
    updateState();
}

void ProfileDialog::updateKeyStatus(const Profile &profile)
{
    if (profile.isSandbox()) {
        m_keyStatus->setText(tr("The sandbox makes its own key when it starts."));
        return;
    }
    QStringList parts;
    const bool keyInMemory = m_secrets->isMemoryOnly(profile.id, SecretKind::ApiKey);
    if (keyInMemory)
        parts << tr("The API key is kept in memory for this run only (no keychain).");
    else
        parts << (profile.hasApiKey ? tr("An API key is stored in the system keychain.")
                                    : tr("No API key yet."));
    if (m_secrets->isMemoryOnly(profile.id, SecretKind::HmacSecret))
        parts << tr("The HMAC secret is kept in memory for this run only.");
    else if (profile.hasHmacSecret)
        parts << tr("An HMAC secret is stored in the system keychain.");
    m_keyStatus->setText(parts.join(u' '));
    m_apiKey->setPlaceholderText(profile.hasApiKey || keyInMemory
                                     ? tr("stored — type to replace")
                                     : tr("X-Api-Key from journy.io's connections screen"));
    m_hmacSecret->setPlaceholderText(profile.hasHmacSecret ? tr("stored — type to replace")
                                                           : tr("optional"));
    m_removeKey->setEnabled(profile.hasApiKey || keyInMemory);
    m_removeHmacSecret->setEnabled(profile.hasHmacSecret ||
                                   m_secrets->isMemoryOnly(profile.id, SecretKind::HmacSecret));
}

void ProfileDialog::updateState()
{
    const bool sandbox = m_currentId == Profile::SandboxId;
    const bool any = !m_currentId.isEmpty();
    m_builtInNote->setVisible(sandbox);
    for (QWidget *widget :
         std::initializer_list<QWidget *>{m_name, m_baseUrl, m_colour, m_colourButton, m_production,
                                          m_apiKey, m_showApiKey, m_hmacSecret, m_showHmacSecret})
        widget->setEnabled(any && !sandbox);
    m_confirmWrites->setEnabled(any && !sandbox && m_production->isChecked());
    if (sandbox) {
        m_removeKey->setEnabled(false);
        m_removeHmacSecret->setEnabled(false);
    }
    m_duplicate->setEnabled(any);
    m_remove->setEnabled(any && !sandbox);
    m_save->setEnabled(m_dirty && !sandbox);
    m_test->setEnabled(any && (!sandbox || !m_sandboxUrl.isEmpty()));
}

Profile ProfileDialog::fromFields() const
{
    Profile profile = m_profiles->profile(m_currentId).value_or(Profile());
    profile.name = m_name->text();
    const QString url = m_baseUrl->text().trimmed();
    profile.baseUrl = url.isEmpty() ? QUrl(Profile::DefaultBaseUrl.toString()) : QUrl(url);
    profile.colour = m_colour->text().trimmed();
    profile.production = m_production->isChecked();
    profile.confirmWrites = m_confirmWrites->isChecked();
    return profile;
}

void ProfileDialog::fieldsEdited()
{
    if (m_loading || m_currentId.isEmpty() || m_currentId == Profile::SandboxId)
        return;
    m_dirty = true;
    QString why;
    const bool valid = m_profiles->isValid(fromFields(), &why);
    m_message->showMessage(valid ? MarkSeverity::None : MarkSeverity::Error, why);
    updateState();
}

bool ProfileDialog::save()
{
    if (m_currentId.isEmpty() || m_currentId == Profile::SandboxId)
        return false;
    QString why;
    const std::optional<Profile> saved = m_profiles->save(fromFields(), &why);
    if (!saved) {
        m_message->showMessage(MarkSeverity::Error, why);
        return false;
    }
    m_message->clearMessage();
    writeSecret(saved->id, SecretKind::ApiKey, m_apiKey);
    writeSecret(saved->id, SecretKind::HmacSecret, m_hmacSecret);
    m_dirty = false;
    updateState();
    return true;
}

void ProfileDialog::writeSecret(const QString &id, SecretKind kind, QLineEdit *field)
{
    const QString secret = field->text();
    // The field lets go of the secret at once; from here it lives in the keychain (or, with
    // no keychain, in SecretStore's memory for this run).
    field->clear();
    if (secret.isEmpty())
        return;
    m_keyStatus->setText(tr("Storing in the keychain…"));
    m_secrets->write(id, kind, secret, this, [this](const SecretResult &result) {
        if (const std::optional<Profile> profile = m_profiles->profile(result.profileId);
            profile && result.profileId == m_currentId) {
            updateKeyStatus(*profile);
            if (!result.ok())
                m_message->showMessage(
                    MarkSeverity::Warning,
                    tr("The keychain is unavailable: the secret is kept in memory for this "
                       "run only."));
        }
        Q_EMIT secretStored(result);
    });
}

void ProfileDialog::removeSecret(SecretKind kind)
{
    if (m_currentId.isEmpty() || m_currentId == Profile::SandboxId)
        return;
    const Profile profile = m_profiles->profile(m_currentId).value_or(Profile());
    const QString what = kind == SecretKind::ApiKey ? tr("API key") : tr("HMAC secret");
    if (!MessageBox::confirm(
            this, tr("Remove %1").arg(what),
            tr("Delete the %1 of “%2” from the system keychain?").arg(what, profile.name),
            tr("Remove")))
        return;
    m_secrets->remove(m_currentId, kind, this, [this](const SecretResult &result) {
        if (const std::optional<Profile> fresh = m_profiles->profile(result.profileId);
            fresh && result.profileId == m_currentId)
            updateKeyStatus(*fresh);
        Q_EMIT secretStored(result);
    });
}

void ProfileDialog::addProfile()
{
    if (!settleUnsavedChanges())
        return;
    QString name = tr("New profile");
    for (int n = 2; m_profiles->find(name); ++n)
        name = tr("New profile %1").arg(n);
    Profile profile;
    profile.name = name;
    QString why;
    const std::optional<Profile> added = m_profiles->save(profile, &why);
    if (!added) {
        m_message->showMessage(MarkSeverity::Error, why);
        return;
    }
    selectProfile(added->id);
    m_name->setFocus();
    m_name->selectAll();
}

void ProfileDialog::duplicateProfile()
{
    if (m_currentId.isEmpty() || !settleUnsavedChanges())
        return;
    const Profile original = m_profiles->profile(m_currentId).value_or(Profile());
    QString name = tr("%1 copy").arg(original.name);
    for (int n = 2; m_profiles->find(name); ++n)
        name = tr("%1 copy %2").arg(original.name).arg(n);
    QString why;
    const std::optional<Profile> copy = m_profiles->duplicate(m_currentId, name, &why);
    if (!copy) {
        m_message->showMessage(MarkSeverity::Error, why);
        return;
    }
    selectProfile(copy->id);
    m_name->setFocus();
    m_name->selectAll();
}

void ProfileDialog::removeProfile()
{
    if (m_currentId.isEmpty() || m_currentId == Profile::SandboxId)
        return;
    const Profile profile = m_profiles->profile(m_currentId).value_or(Profile());
    if (!MessageBox::confirm(this, tr("Remove profile"),
                             tr("Remove the profile “%1”? Its API key and HMAC secret are "
                                "deleted from the system keychain.")
                                 .arg(profile.name),
                             tr("Remove")))
        return;
    m_dirty = false;
    const QString id = profile.id;
    const bool hadSecrets = profile.hasApiKey || profile.hasHmacSecret;
    m_remove->setEnabled(false);
    // The keychain entries go first: a profile is never dropped while its key stays behind.
    m_secrets->removeAll(id, this, [this, id, hadSecrets](const SecretResult &result) {
        if (result.status == SecretResult::Unavailable && hadSecrets) {
            m_message->showMessage(MarkSeverity::Error,
                                   tr("The profile was not removed: its keychain entries "
                                      "cannot be deleted while the keychain is unavailable."));
            updateState();
            return;
        }
        QString why;
        if (!m_profiles->remove(id, &why)) {
            m_message->showMessage(MarkSeverity::Error, why);
            updateState();
            return;
        }
        Q_EMIT profileRemoved(id);
    });
}

void ProfileDialog::testKey()
{
    if (m_currentId.isEmpty())
        return;
    m_testResult->setText(tr("Testing…"));
    if (m_currentId == Profile::SandboxId) {
        runTest(m_sandboxUrl, m_sandboxKey);
        return;
    }
    const Profile profile = fromFields();
    QString why;
    if (!JournyClient::isAllowedUrl(profile.baseUrl, &why)) {
        m_testResult->setText(why);
        return;
    }
    if (!m_apiKey->text().isEmpty()) {
        Redaction::registerSecret(m_apiKey->text());
        runTest(profile.baseUrl, m_apiKey->text());
        return;
    }
    const quint64 generation = m_testGeneration;
    const QUrl baseUrl = profile.baseUrl;
    m_secrets->read(profile.id, SecretKind::ApiKey, this,
                    [this, generation, baseUrl](const SecretResult &result) {
                        if (generation != m_testGeneration)
                            return;
                        if (result.status == SecretResult::NotFound) {
                            m_testResult->setText(tr("No key to test: type one above."));
                            return;
                        }
                        if (!result.ok()) {
                            m_testResult->setText(tr("The stored key cannot be read: the "
                                                     "keychain is unavailable."));
                            return;
                        }
                        runTest(baseUrl, result.secret);
                    });
}

void ProfileDialog::runTest(const QUrl &baseUrl, const QString &apiKey)
{
    const quint64 generation = m_testGeneration;
    m_testClient->setBaseUrl(baseUrl);
    m_testClient->setApiKey(apiKey);
    ApiReply *reply = m_testClient->getValidity();
    m_testClient->setApiKey({}); // the request has it; the client need not keep it
    m_test->setEnabled(false);
    connect(reply, &ApiReply::finished, this, [this, generation](const ApiResult &result) {
        updateState();
        if (generation == m_testGeneration)
            showTestResult(result);
        Q_EMIT keyTested(result);
    });
}

void ProfileDialog::showTestResult(const ApiResult &result)
{
    if (result.status == 200) {
        QStringList permissions;
        for (const QJsonValue &value : result.data.toObject().value(u"permissions"_s).toArray())
            permissions << value.toString();
        m_testResult->setText(
            permissions.isEmpty()
                ? tr("Valid key, with no permissions.")
                : tr("Valid key. Permissions: %1.").arg(permissions.join(u", "_s)));
    } else if (result.status == 401) {
        m_testResult->setText(tr("Refused (401): no key, or a key journy.io does not know."));
    } else if (result.status == 403) {
        m_testResult->setText(tr("Refused (403): this key is disabled in journy.io."));
    } else {
        m_testResult->setText(
            tr("No answer to check: %1").arg(Redaction::redact(result.summary())));
    }
}

void ProfileDialog::chooseColour()
{
    const QColor chosen = QColorDialog::getColor(QColor(m_colour->text()), this, tr("Colour"));
    if (!chosen.isValid())
        return;
    m_colour->setText(chosen.name());
    fieldsEdited();
}

void ProfileDialog::closeEvent(QCloseEvent *event)
{
    if (!settleUnsavedChanges()) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

void ProfileDialog::reject()
{
    if (!settleUnsavedChanges())
        return;
    QDialog::reject();
}
