#include "operationform.h"

#include "eventform.h"
#include "identityform.h"
#include "jsoneditor.h"
#include "listform.h"
#include "membersform.h"
#include "snippetform.h"

#include "validation/validator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

OperationForm *OperationForm::create(const Operation &operation, QWidget *parent)
{
    const QString &id = operation.id;
    if (id == u"upsertUser"_s || id == u"deleteUser"_s || id == u"link"_s ||
        id == u"upsertAccount"_s || id == u"deleteAccount"_s)
        return new IdentityForm(operation, parent);
    if (id == u"addUserToAccount"_s || id == u"removeUserFromAccount"_s)
        return new MembersForm(operation, parent);
    if (id == u"trackEvent"_s || id == u"trackJourneyEvent"_s)
        return new EventForm(operation, parent);
    if (id == u"getTrackingSnippet"_s)
        return new SnippetForm(operation, parent);
    return new ListForm(operation, parent);
}

OperationForm::OperationForm(const Operation &operation, QWidget *parent)
    : QWidget(parent)
    , m_operation(operation)
    , m_formPage(new QWidget)
    , m_formLayout(new QVBoxLayout(m_formPage))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);

    auto *title = new QLabel(operation.summary, this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setObjectName(u"formTitle"_s);
    layout->addWidget(title);

    m_endpoint = new QLabel(this);
    m_endpoint->setObjectName(u"formEndpoint"_s);
    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    updateEndpoint();
    layout->addWidget(m_endpoint);
    if (operation.deprecated) {
        auto *deprecated = new FieldMessage(this);
        deprecated->showMessage(MarkSeverity::Warning,
                                tr("deprecated: journy.io moved this endpoint to POST /track "
                                   "and will remove it."));
        deprecated->setText(tr("Deprecated: journy.io moved this endpoint to POST /track and "
                               "will remove it."));
        layout->addWidget(deprecated);
    }

    m_formLayout->setContentsMargins(0, 4, 0, 4);
    if (operation.hasBody) {
        m_scroll = new QScrollArea(this);
        m_scroll->setWidgetResizable(true);
        m_scroll->setFrameShape(QFrame::NoFrame);
        m_scroll->setWidget(m_formPage);
        m_json = new JsonEditor(this);
        m_tabs = new QTabWidget(this);
        m_tabs->addTab(m_scroll, tr("Form"));
        m_tabs->addTab(m_json, tr("JSON"));
        m_tabs->setAccessibleName(tr("Form or JSON"));
        m_tabs->setToolTip(tr("Ctrl+J switches between the form and the JSON body"));
        layout->addWidget(m_tabs, 1);
        connect(m_json, &JsonEditor::edited, this, &OperationForm::onJsonEdited);
    } else {
        m_formPage->setParent(this);
        layout->addWidget(m_formPage, 1);
    }
}

OperationForm::~OperationForm() = default;

void OperationForm::finishSetup()
{
    m_formLayout->addStretch(1);
    // Created last so that they come last in the tab order, after the subclass's fields.
    m_problemLabel = new QLabel(this);
    m_sendAnyway = new QPushButton(tr("Send anyway…"), this);
    auto *bottom = new QHBoxLayout;
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setAccessibleDescription(tr("Problems found in the request"));
    m_problemLabel->setObjectName(u"problemLabel"_s);
    FieldMark::colourText(m_problemLabel, MarkSeverity::Error);
    m_problemLabel->setVisible(false);
    m_sendAnyway->setAccessibleName(tr("Send anyway"));
    m_sendAnyway->setToolTip(tr("Sends the request although it failed validation (asks first)"));
    m_sendAnyway->setVisible(false);
    bottom->addWidget(m_problemLabel, 1);
    bottom->addWidget(m_sendAnyway);
    static_cast<QVBoxLayout *>(layout())->addLayout(bottom);
    connect(m_sendAnyway, &QPushButton::clicked, this, &OperationForm::sendAnywayRequested);

    m_ready = true;
    m_syncing = true; // the first body is not an edit
    formChanged();
    m_syncing = false;
    revalidate();
}

QByteArray OperationForm::bodyBytes() const
{
    return m_json ? m_json->text().toUtf8() : QByteArray();
}

bool OperationForm::isJsonVisible() const
{
    return m_tabs && m_tabs->currentWidget() == m_json;
}

void OperationForm::setJsonVisible(bool visible)
{
    if (!m_tabs)
        return;
    m_tabs->setCurrentWidget(visible ? static_cast<QWidget *>(m_json)
                                     : static_cast<QWidget *>(m_scroll));
    if (visible)
        m_json->textEdit()->setFocus();
    else if (QWidget *first = firstField())
        first->setFocus();
}

void OperationForm::toggleJson()
{
    setJsonVisible(!isJsonVisible());
}

void OperationForm::formChanged()
{
    if (!m_ready)
        return;
    if (!m_syncing) {
        m_serverMarks.clear();
        m_revealed = true;
    }
    if (m_json && !m_syncing) {
        m_json->setText(
            QString::fromUtf8(QJsonDocument(formBody()).toJson(QJsonDocument::Indented)));
    } else if (m_json && m_json->text().isEmpty()) {
        m_json->setText(
            QString::fromUtf8(QJsonDocument(formBody()).toJson(QJsonDocument::Indented)));
    }
    if (!m_syncing)
        revalidate();
}

void OperationForm::revealProblems()
{
    m_revealed = true;
    revalidate();
}

void OperationForm::onJsonEdited()
{
    m_serverMarks.clear();
    m_revealed = true;
    const JsonEditor::Parsed parsed = JsonEditor::parse(m_json->text());
    if (parsed.ok && parsed.document.isObject()) {
        m_syncing = true;
        setFormBody(parsed.document.object());
        m_syncing = false;
    }
    revalidate();
}

void OperationForm::revalidate()
{
    MarkMap marks;
    QStringList generalProblems;
    int count = 0;
    bool bodyOk = true;
    QJsonObject body;
    if (m_json) {
        const JsonEditor::Parsed parsed = JsonEditor::parse(m_json->text());
        if (!parsed.ok) {
            bodyOk = false;
            generalProblems << tr("The JSON is invalid at %1.").arg(parsed.error);
        } else if (!parsed.document.isObject()) {
            bodyOk = false;
            generalProblems << tr("The body must be a JSON object.");
        } else {
            body = parsed.document.object();
        }
        m_json->showState(parsed);
        count += int(generalProblems.size());
    }
    if (bodyOk) {
        const MarkMap local = localProblems(body);
        for (auto it = local.constBegin(); it != local.constEnd(); ++it)
            marks.insert(it.key(), it.value());
        const QList<ValidationError> errors = Validator::instance().validate(
            m_operation.id, m_operation.hasBody ? QJsonValue(body) : QJsonValue(), query());
        for (const ValidationError &error : errors) {
            if (!marks.contains(error.path))
                marks.insert(error.path, {MarkSeverity::Error, error.message});
            else if (!marks[error.path].message.contains(error.message))
                marks[error.path].message += u"; "_s + error.message;
        }
        count += int(marks.size());
    }
    m_problems = marks;
    // The server's word stands until the next edit.
    for (auto it = m_serverMarks.constBegin(); it != m_serverMarks.constEnd(); ++it)
        marks.insert(it.key(), it.value());

    MarkMap unclaimed = m_revealed ? marks : MarkMap();
    applyMarks(unclaimed);
    QStringList unclaimedTexts = generalProblems;
    m_unclaimedServer.clear();
    for (auto it = unclaimed.constBegin(); it != unclaimed.constEnd(); ++it) {
        if (m_serverMarks.contains(it.key()))
            m_unclaimedServer.insert(it.key(), it.value().message);
        else if (!it.key().startsWith(u'#'))
            unclaimedTexts << (it.key().isEmpty() ? it.value().message
                                                  : it.key() + u": "_s + it.value().message);
    }
    m_problemCount = count;
    updateProblemLabel(unclaimedTexts);
    Q_EMIT problemsChanged(count);
}

void OperationForm::updateProblemLabel(const QStringList &unclaimed)
{
    if (m_problemCount == 0 || !m_revealed) {
        m_problemLabel->clear();
        m_problemLabel->setVisible(false);
        m_sendAnyway->setVisible(false);
        return;
    }
    QString text = m_problemCount == 1
                       ? tr("1 problem to fix before sending.")
                       : tr("%1 problems to fix before sending.").arg(m_problemCount);
    if (!unclaimed.isEmpty())
        text += u' ' + unclaimed.join(u' ');
    m_problemLabel->setText(text);
    m_problemLabel->setVisible(true);
    m_sendAnyway->setVisible(true);
}

QMap<QString, QString> OperationForm::showResult(const ApiResult &result)
{
    m_serverMarks.clear();
    m_revealed = true;
    for (auto it = result.fieldErrors.constBegin(); it != result.fieldErrors.constEnd(); ++it)
        m_serverMarks.insert(it.key(), {MarkSeverity::Error, it.value()});
    for (auto it = result.queryErrors.constBegin(); it != result.queryErrors.constEnd(); ++it)
        m_serverMarks.insert(it.key(), {MarkSeverity::Error, it.value()});
    const QString prefix = rejectedPrefix();
    for (auto it = result.rejected.constBegin(); it != result.rejected.constEnd(); ++it) {
        m_serverMarks.insert(prefix.isEmpty() ? it.key() : prefix + u'.' + it.key(),
                             {MarkSeverity::Warning, tr("not stored: %1").arg(it.value())});
    }
    showData(result);
    revalidate();
    return m_unclaimedServer;
}

void OperationForm::setMissingPermission(const QString &why)
{
    if (m_missingPermission == why)
        return;
    m_missingPermission = why;
    updateEndpoint();
}

void OperationForm::updateEndpoint()
{
    const QString method = QString::fromLatin1(m_operation.method);
    const bool missing = !m_missingPermission.isEmpty() && !m_operation.permission.isEmpty();
    QString permission = m_operation.permission.isEmpty()
                             ? tr("needs no permission")
                             : tr("needs %1").arg(m_operation.permission);
    if (missing) {
        // A word as well as the colour: "missing" says it without red.
        permission = tr("needs %1 — missing from this key").arg(m_operation.permission);
        const bool dark = palette().color(QPalette::Window).lightness() < 128;
        const QString colour = dark ? u"#ff7b72"_s : u"#c01c28"_s;
        m_endpoint->setText(u"<b>%1</b> %2 · <span style=\"color:%3\"><b>%4</b></span>"_s.arg(
            method, m_operation.path.toHtmlEscaped(), colour, permission.toHtmlEscaped()));
    } else {
        m_endpoint->setText(u"<b>%1</b> %2 · %3"_s.arg(method, m_operation.path.toHtmlEscaped(),
                                                      permission.toHtmlEscaped()));
    }
    m_endpoint->setToolTip(missing ? m_missingPermission : QString());
    m_endpoint->setAccessibleDescription(method + u' ' + m_operation.path + u" · "_s + permission +
                                         (missing ? u". "_s + m_missingPermission : QString()));
}
