#include "requestlogpanel.h"

#include "fieldmark.h"

#include "api/operation.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// Text in any column, and the kind of outcome chosen in "Show".
class RequestFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    RequestLogPanel::Show show = RequestLogPanel::Show::All;
    QString text;

    void refilter() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const auto *log = static_cast<const RequestLog *>(sourceModel());
        const RequestLog::Entry *entry = log->entryAt(row);
        if (!entry)
            return false;
        const RequestLog::Outcome outcome = RequestLog::outcomeOf(*entry);
        switch (show) {
        case RequestLogPanel::Show::All:
            break;
        case RequestLogPanel::Show::Successful:
            if (outcome != RequestLog::Outcome::Success)
                return false;
            break;
        case RequestLogPanel::Show::Failed:
            if (outcome == RequestLog::Outcome::Success || outcome == RequestLog::Outcome::Pending)
                return false;
            break;
        case RequestLogPanel::Show::Writes: {
            const Operation *operation = OperationCatalogue::find(entry->operationId);
            if (!operation || !operation->isWrite())
                return false;
            break;
        }
        }
        if (text.isEmpty())
            return true;
        for (int column = 0; column < RequestLog::ColumnCount; ++column) {
            if (log->index(row, column, parent)
                    .data()
                    .toString()
                    .contains(text, Qt::CaseInsensitive))
                return true;
        }
        return entry->operationId.contains(text, Qt::CaseInsensitive) ||
               entry->request.url.path().contains(text, Qt::CaseInsensitive);
    }
};
} // namespace

RequestLogPanel::RequestLogPanel(RequestLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_proxy(new RequestFilter(this))
    , m_filter(new QLineEdit)
    , m_show(new QComboBox)
    , m_view(new QTableView)
    , m_open(new QPushButton(tr("Open in form")))
    , m_resend(new QPushButton(tr("Resend")))
    , m_copy(new QToolButton)
    , m_includeKey(new QCheckBox(tr("Include API key")))
    , m_note(new QLabel)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *top = new QHBoxLayout;
    auto *filterCaption = new QLabel(tr("&Filter:"));
    FieldMark::label(filterCaption, m_filter);
    m_filter->setPlaceholderText(tr("operation, user, account, status…"));
    m_filter->setClearButtonEnabled(true);
    auto *showCaption = new QLabel(tr("S&how:"));
    m_show->addItem(tr("All requests"), int(Show::All));
    m_show->addItem(tr("Successful"), int(Show::Successful));
    m_show->addItem(tr("Failed"), int(Show::Failed));
    m_show->addItem(tr("Writes"), int(Show::Writes));
    FieldMark::label(showCaption, m_show);
    top->addWidget(filterCaption);
    top->addWidget(m_filter, 1);
    top->addWidget(showCaption);
    top->addWidget(m_show);
    layout->addLayout(top);

    m_proxy->setSourceModel(log);
    m_proxy->setSortRole(RequestLog::IdRole);
    m_proxy->sort(0, Qt::DescendingOrder); // newest first
    m_proxy->setDynamicSortFilter(true);
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Requests of this session"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(RequestLog::TargetColumn,
                                                     QHeaderView::Stretch);
    layout->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    m_open->setToolTip(tr("Fill the operation's form with this request's body"));
    m_resend->setToolTip(tr("Send this request again (deletes still ask first)"));
    m_copy->setText(tr("Copy as"));
    m_copy->setAccessibleName(tr("Copy as"));
    m_copy->setPopupMode(QToolButton::InstantPopup);
    m_copy->setMenu(createCopyMenu(m_copy));
    m_includeKey->setToolTip(tr("Put the real API key into copied code instead of "
                                "$JOURNY_API_KEY. Anyone who sees the code can use the key."));
    buttons->addWidget(m_open);
    buttons->addWidget(m_resend);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_includeKey);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setAccessibleDescription(tr("Result of the last copy"));
    layout->addWidget(m_note);

    connect(m_filter, &QLineEdit::textChanged, this, &RequestLogPanel::applyFilter);
    connect(m_show, &QComboBox::currentIndexChanged, this, &RequestLogPanel::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        if (const RequestLog::Entry *entry = selected())
            Q_EMIT entrySelected(*entry);
    });
    // A finished request changes its row: show its answer when it is the selected one.
    connect(m_log, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        const RequestLog::Entry *entry = selected();
        if (entry && m_log->entryAt(topLeft.row()) == entry)
            Q_EMIT entrySelected(*entry);
        updateButtons();
    });
    connect(m_log, &QAbstractItemModel::rowsInserted, this, &RequestLogPanel::updateButtons);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const RequestLog::Entry *entry = selected())
            Q_EMIT openInFormRequested(*entry);
    });
    connect(m_resend, &QPushButton::clicked, this, [this] {
        if (const RequestLog::Entry *entry = selected())
            Q_EMIT resendRequested(*entry);
    });
    connect(m_view, &QTableView::activated, this, [this] {
        if (const RequestLog::Entry *entry = selected())
            Q_EMIT openInFormRequested(*entry);
    });
    updateButtons();
}

QMenu *RequestLogPanel::createCopyMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    for (const RequestCode::Format format : RequestCode::formats()) {
        QAction *action = menu->addAction(RequestCode::formatName(format));
        connect(action, &QAction::triggered, this, [this, format] {
            if (const RequestLog::Entry *entry = selectedOrLast())
                copy(*entry, format);
            else
                sayNothingSentYet();
        });
    }
    return menu;
}

void RequestLogPanel::copyLast(RequestCode::Format format)
{
    if (const RequestLog::Entry *entry = m_log->last())
        copy(*entry, format);
    else
        sayNothingSentYet();
}

void RequestLogPanel::sayNothingSentYet()
{
    m_note->setText(tr("No request has been sent in this session yet."));
    Q_EMIT message(m_note->text());
}

const RequestLog::Entry *RequestLogPanel::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_log->entry(rows.first().data(RequestLog::IdRole).toULongLong());
}

const RequestLog::Entry *RequestLogPanel::selectedOrLast() const
{
    const RequestLog::Entry *entry = selected();
    return entry ? entry : m_log->last();
}

bool RequestLogPanel::selectEntry(quint64 id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(RequestLog::IdRole).toULongLong() == id) {
            m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
            m_view->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

RequestCode::Code RequestLogPanel::code(const RequestLog::Entry &entry,
                                        RequestCode::Format format) const
{
    RequestCode::Options options;
    if (m_includeKey->isChecked() && m_apiKeyProvider) {
        options.includeApiKey = true;
        options.apiKey = m_apiKeyProvider();
    }
    return RequestCode::generate(format, entry.operationId, entry.request, options);
}

RequestCode::Code RequestLogPanel::copy(const RequestLog::Entry &entry, RequestCode::Format format)
{
    const RequestCode::Code generated = code(entry, format);
    const QString name = RequestCode::formatName(format);
    QString text;
    if (!generated.available) {
        text = tr("Not copied: %1").arg(generated.note);
    } else {
        QApplication::clipboard()->setText(generated.code);
        m_lastCopied = generated.code;
        text = tr("Copied “%1” as %2%3.")
                   .arg(RequestLog::operationName(entry.operationId), name,
                        m_includeKey->isChecked() ? tr(" with the API key")
                                                  : tr(" (key as $JOURNY_API_KEY)"));
        if (!generated.note.isEmpty())
            text += u' ' + generated.note;
    }
    m_note->setText(text);
    Q_EMIT message(text);
    return generated;
}

void RequestLogPanel::copySelectedOrLastAsCurl()
{
    if (const RequestLog::Entry *entry = selectedOrLast())
        copy(*entry, RequestCode::Format::Curl);
    else
        sayNothingSentYet();
}

void RequestLogPanel::applyFilter()
{
    auto *filter = static_cast<RequestFilter *>(m_proxy);
    filter->text = m_filter->text().trimmed();
    filter->show = Show(m_show->currentData().toInt());
    filter->refilter();
    updateButtons();
}

void RequestLogPanel::updateButtons()
{
    const RequestLog::Entry *entry = selected();
    const Operation *operation = entry ? OperationCatalogue::find(entry->operationId) : nullptr;
    m_open->setEnabled(operation != nullptr);
    m_resend->setEnabled(operation != nullptr);
    m_copy->setEnabled(m_log->rowCount() > 0);
}
