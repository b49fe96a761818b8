#include "listform.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ListForm::ListForm(const Operation &operation, QWidget *parent)
    : OperationForm(operation, parent)
    , m_filter(new QLineEdit(formPage()))
    , m_count(new QLabel(formPage()))
    , m_table(new QTableView(formPage()))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    QStringList headers;
    const QString &id = operation.id;
    if (id == u"getUserProperties"_s || id == u"getAccountProperties"_s) {
        headers = {tr("Name"), tr("Label"), tr("Computed"), tr("Group")};
        m_keys = {u"name"_s, u"label"_s, u"isComputed"_s, u"group.name"_s};
    } else if (id == u"getEvents"_s) {
        headers = {tr("Name"), tr("Group"), tr("ID")};
        m_keys = {u"name"_s, u"group.name"_s, u"id"_s};
    } else if (id == u"getValidity"_s) {
        headers = {tr("Permission")};
        m_keys = {QString()};
    } else {
        headers = {tr("Name"), tr("ID")};
        m_keys = {u"name"_s, u"id"_s};
    }
    m_model->setHorizontalHeaderLabels(headers);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    formLayout()->addWidget(FieldMark::hint(
        id == u"getValidity"_s
            ? tr("Send (Ctrl+Enter) to check the key; the table lists what it may do.")
            : tr("Send (Ctrl+Enter) to load. Click a column to sort."),
        formPage()));
    auto *filterRow = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("Filter"), formPage());
    m_filter->setPlaceholderText(tr("type to filter the rows"));
    m_filter->setClearButtonEnabled(true);
    FieldMark::label(filterLabel, m_filter);
    m_count->setAccessibleDescription(tr("Rows shown"));
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);
    formLayout()->addLayout(filterRow);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(operation.summary);
    formLayout()->addWidget(m_table, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
    updateCount();
    finishSetup();
    // The table takes the height, not the stretch that finishSetup() adds.
    formLayout()->setStretch(formLayout()->count() - 1, 0);
}

QWidget *ListForm::firstField() const
{
    return m_filter;
}

void ListForm::applyMarks(MarkMap &) {}

void ListForm::updateCount()
{
    m_count->setText(
        m_model->rowCount() == m_proxy->rowCount()
            ? (m_model->rowCount() == 1 ? tr("1 row") : tr("%1 rows").arg(m_model->rowCount()))
            : tr("%1 of %2 rows").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void ListForm::showData(const ApiResult &result)
{
    if (!result.success)
        return;
    m_model->removeRows(0, m_model->rowCount());
    QJsonArray rows;
    if (result.data.isArray())
        rows = result.data.toArray();
    else if (result.data.toObject().value(u"permissions"_s).isArray())
        rows = result.data.toObject().value(u"permissions"_s).toArray();
    for (const QJsonValue &value : std::as_const(rows)) {
        QList<QStandardItem *> items;
        for (const QString &key : std::as_const(m_keys)) {
            QJsonValue cell = value;
            if (!key.isEmpty()) {
                for (const QString &part : key.split(u'.'))
                    cell = cell.toObject().value(part);
            }
            auto *item = new QStandardItem;
            if (cell.isBool())
                item->setText(cell.toBool() ? tr("yes") : tr("no"));
            else if (cell.isDouble())
                item->setData(cell.toDouble(), Qt::DisplayRole);
            else
                item->setText(cell.toString());
            items.append(item);
        }
        m_model->appendRow(items);
    }
    // Every column but the last fits its contents; the last takes the rest of the width,
    // also when the answer is empty (resizing it to its contents would end the stretch).
    for (int column = 0; column + 1 < m_model->columnCount(); ++column)
        m_table->resizeColumnToContents(column);
    updateCount();
}
