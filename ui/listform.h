#pragma once

#include "operationform.h"

class QLineEdit;
class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

// The read operations that return a list (events, properties, segments, the key's
// permissions), shown as a sortable, filterable table.
class ListForm : public OperationForm {
    Q_OBJECT
public:
    explicit ListForm(const Operation &operation, QWidget *parent = nullptr);

    QLineEdit *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QStandardItemModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QWidget *firstField() const override;

protected:
    void applyMarks(MarkMap &marks) override;
    void showData(const ApiResult &result) override;

private:
    void updateCount();

    QStringList m_keys; // the JSON key of each column ("group.name" for nested)
    QLineEdit *m_filter;
    QLabel *m_count;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
};
