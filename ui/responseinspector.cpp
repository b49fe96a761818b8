#include "responseinspector.h"

#include "tonecolours.h"

#include "api/operation.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u'"' + value.toString() + u'"';
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array: {
        const qsizetype count = value.toArray().size();
        return count == 1
                   ? QCoreApplication::translate("ResponseInspector", "[1 item]")
                   : QCoreApplication::translate("ResponseInspector", "[%1 items]").arg(count);
    }
    case QJsonValue::Object: {
        const qsizetype count = value.toObject().size();
        return count == 1
                   ? QCoreApplication::translate("ResponseInspector", "{1 key}")
                   : QCoreApplication::translate("ResponseInspector", "{%1 keys}").arg(count);
    }
    default:
        return {};
    }
}

QFont monospace()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}
} // namespace

ResponseInspector::ResponseInspector(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_message(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_requestId(new QLabel(this))
    , m_copyRequestId(new QToolButton(this))
{
    QFont statusFont = m_status->font();
    statusFont.setBold(true);
    statusFont.setPointSizeF(statusFont.pointSizeF() * 1.2);
    m_status->setFont(statusFont);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleDescription(tr("Response status"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleDescription(tr("Server message"));
    m_explanation->setWordWrap(true);
    m_explanation->setAccessibleDescription(tr("What this answer means"));
    m_explanation->hide();
    m_requestId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requestId->setAccessibleDescription(tr("Request ID"));

    m_copyRequestId->setText(tr("Copy"));
    m_copyRequestId->setToolTip(tr("Copy the request ID, for journy.io support"));
    m_copyRequestId->setAccessibleName(tr("Copy request ID"));
    m_copyRequestId->setEnabled(false);
    connect(m_copyRequestId, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_requestId->property("requestId").toString());
    });

    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_requestId, 1);
    idRow->addWidget(m_copyRequestId);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(idRow);
    layout->addWidget(m_message);
    layout->addWidget(m_explanation);
    layout->addStretch(1); // where the details go
    clear();
}

void ResponseInspector::createDetails()
{
    if (m_tabs)
        return;
    m_unmatched = new QListWidget(this);
    m_tabs = new QTabWidget(this);
    m_bodyTree = new QTreeWidget(this);
    m_rawBody = new QPlainTextEdit(this);
    m_headers = new QTableWidget(0, 2, this);
    m_request = new QPlainTextEdit(this);
    m_unmatched->setAccessibleName(tr("Field errors not shown on the form"));
    m_unmatched->setMaximumHeight(90);
    m_unmatched->hide();

    m_bodyTree->setColumnCount(2);
    m_bodyTree->setHeaderLabels({tr("Key"), tr("Value")});
    m_bodyTree->setAccessibleName(tr("Response body tree"));
    m_bodyTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_rawBody->setReadOnly(true);
    m_rawBody->setFont(monospace());
    m_rawBody->setAccessibleName(tr("Raw response body"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setAccessibleName(tr("Response headers"));
    m_request->setReadOnly(true);
    m_request->setFont(monospace());
    m_request->setAccessibleName(tr("Request as sent"));

    m_tabs->addTab(m_bodyTree, tr("Body"));
    m_tabs->addTab(m_rawBody, tr("Raw"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_request, tr("Request"));

    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    delete layout->takeAt(layout->count() - 1); // the stretch
    layout->addWidget(m_unmatched);
    layout->addWidget(m_tabs, 1);
}

QColor ResponseInspector::toneColour(Tone tone, const QPalette &palette)
{
    switch (tone) {
    case Tone::Success:
        return ToneColours::success(palette);
    case Tone::Warning:
        return ToneColours::warning(palette);
    case Tone::Error:
        return ToneColours::error(palette);
    case Tone::Neutral:
        break;
    }
    return ToneColours::neutral(palette);
}

void ResponseInspector::setStatus(const QString &text, Tone tone)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, toneColour(tone, this->palette()));
    m_status->setPalette(palette);
}

void ResponseInspector::clear()
{
    setStatus(tr("No request sent yet"), Tone::Neutral);
    m_message->clear();
    m_explanation->clear();
    m_explanation->hide();
    if (m_profilesLink)
        m_profilesLink->hide();
    m_requestId->clear();
    m_requestId->setProperty("requestId", QString());
    m_copyRequestId->setEnabled(false);
    if (!m_tabs)
        return;
    m_unmatched->clear();
    m_unmatched->hide();
    m_bodyTree->clear();
    m_rawBody->clear();
    m_headers->setRowCount(0);
    m_request->clear();
}

void ResponseInspector::showHint(const QString &text)
{
    m_message->setText(text);
}

void ResponseInspector::showSending(const SentRequest &request)
{
    clear();
    setStatus(tr("Sending %1 %2 …").arg(QString::fromLatin1(request.method), request.url.path()),
              Tone::Neutral);
    showRequest(request);
}

void ResponseInspector::showRequest(const SentRequest &request)
{
    createDetails();
    QString text = QString::fromLatin1(request.method) + u' ' +
                   request.url.toDisplayString(QUrl::RemoveUserInfo) + u'\n';
    for (const auto &[name, value] : request.headers)
        text += QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    if (!request.body.isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        text += u'\n' + (document.isNull()
                             ? QString::fromUtf8(request.body)
                             : QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
    }
    m_request->setPlainText(text);
}

QString ResponseInspector::explain(const ApiResult &result)
{
    const Operation *operation = OperationCatalogue::find(result.operationId);
    const QString permission = operation ? operation->permission : QString();
    switch (result.status) {
    case 401:
        if (permission.isEmpty())
            return tr("journy.io did not accept the key: none was sent, or it is unknown. Check "
                      "the key in the profile.");
        return tr("journy.io answers 401 both for a missing or unknown key and for a key that "
                  "lacks the %1 permission this operation needs. Check the key in the profile "
                  "and its permissions in journy.io's connections screen.")
            .arg(permission);
    case 403:
        return tr("This API key is disabled in journy.io. Enable it in the connections screen, "
                  "or use another key.");
    case 429: {
        const QString limit = result.rateLimitLimit ? QString::number(*result.rateLimitLimit)
                                                    : tr("the allowed number of");
        return tr("Rate limit reached: this key sent %1 requests within the last 60 seconds "
                  "(a sliding window). Wait before sending more; journy.io blocks keys that keep "
                  "hitting the limit.")
            .arg(limit);
    }
    default:
        return {};
    }
}

void ResponseInspector::showResult(const ApiResult &result)
{
    clear();
    showRequest(result.request);
    if (result.transportError != TransportError::None) {
        setStatus(result.transportError == TransportError::Cancelled ? tr("Cancelled")
                                                                     : tr("No answer"),
                  result.transportError == TransportError::Cancelled ? Tone::Neutral : Tone::Error);
        m_message->setText(result.transportErrorText);
        m_tabs->setCurrentWidget(m_request);
        return;
    }

    const Tone tone = result.success        ? Tone::Success
                      : result.status < 500 ? Tone::Warning
                                            : Tone::Error;
    const QString word = result.success        ? tr("success")
                         : result.status < 500 ? tr("client error")
                                               : tr("server error");
    setStatus(tr("%1 · %2 · %3 ms").arg(result.summary(), word).arg(result.elapsedMs), tone);
    m_message->setText(result.message);
    if (!result.requestId.isEmpty()) {
        m_requestId->setText(tr("requestId %1").arg(result.requestId));
        m_requestId->setProperty("requestId", result.requestId);
        m_copyRequestId->setEnabled(true);
    }
    const QString explanation = explain(result);
    m_explanation->setText(explanation);
    m_explanation->setVisible(!explanation.isEmpty());
    if (result.status == 401 || result.status == 403) {
        if (!m_profilesLink) {
            m_profilesLink = new QLabel(
                u"<a href=\"profiles\">%1</a>"_s.arg(tr("Open Profiles… (Ctrl+,)").toHtmlEscaped()),
                this);
            m_profilesLink->setTextFormat(Qt::RichText);
            m_profilesLink->setTextInteractionFlags(Qt::LinksAccessibleByMouse |
                                                    Qt::LinksAccessibleByKeyboard);
            m_profilesLink->setFocusPolicy(Qt::TabFocus);
            m_profilesLink->setAccessibleName(tr("Open Profiles"));
            m_profilesLink->setToolTip(tr("Check or replace the key of this profile"));
            connect(m_profilesLink, &QLabel::linkActivated, this,
                    &ResponseInspector::profilesRequested);
            auto *layout = static_cast<QVBoxLayout *>(this->layout());
            layout->insertWidget(layout->indexOf(m_explanation) + 1, m_profilesLink);
        }
        m_profilesLink->show();
    }

    m_headers->setRowCount(int(result.headers.size()));
    for (int row = 0; row < result.headers.size(); ++row) {
        m_headers->setItem(row, 0,
                           new QTableWidgetItem(QString::fromLatin1(result.headers.at(row).first)));
        m_headers->setItem(row, 1,
                           new QTableWidgetItem(QString::fromUtf8(result.headers.at(row).second)));
    }

    if (result.bodyIsJson) {
        m_rawBody->setPlainText(QString::fromUtf8(
            QJsonDocument::fromJson(result.rawBody).toJson(QJsonDocument::Indented)));
        const QJsonObject object = result.body.toObject();
        if (result.body.isArray()) {
            fillTree(nullptr, u"[]"_s, result.body);
        } else {
            for (auto it = object.begin(); it != object.end(); ++it)
                fillTree(nullptr, it.key(), it.value());
        }
        m_bodyTree->expandToDepth(1);
        m_tabs->setCurrentWidget(m_bodyTree);
    } else {
        m_rawBody->setPlainText(result.rawBody.isEmpty() ? tr("(empty body)")
                                                         : QString::fromUtf8(result.rawBody));
        m_tabs->setCurrentWidget(m_rawBody);
    }
}

void ResponseInspector::fillTree(QTreeWidgetItem *parent, const QString &key,
                                 const QJsonValue &value)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_bodyTree);
    item->setText(0, key);
    item->setText(1, jsonText(value));
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            fillTree(item, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            fillTree(item, QString::number(i), array.at(i));
    }
}

void ResponseInspector::setUnmatchedFieldErrors(const QMap<QString, QString> &errors)
{
    createDetails();
    m_unmatched->clear();
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        m_unmatched->addItem(tr("%1: %2").arg(it.key(), it.value()));
    m_unmatched->setVisible(!errors.isEmpty());
}

QString ResponseInspector::statusText() const
{
    return m_status->text();
}

QString ResponseInspector::explanationText() const
{
    return m_explanation->isVisibleTo(this) ? m_explanation->text() : QString();
}

QString ResponseInspector::requestIdText() const
{
    return m_requestId->property("requestId").toString();
}

QString ResponseInspector::rawBodyText() const
{
    return m_rawBody ? m_rawBody->toPlainText() : QString();
}

QString ResponseInspector::requestText() const
{
    return m_request ? m_request->toPlainText() : QString();
}
