#pragma once

#include "fieldmark.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QWidget>

class DateTimeEditor;
class QComboBox;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

// Rows of name, type and value: the properties of a user or account, or an event's metadata.
// Each mode offers only the value types its operation accepts.
class PropertyEditor : public QWidget {
    Q_OBJECT
public:
    enum class Mode {
        Properties,     // upsertUser, upsertAccount: string, number, boolean, datetime, list, null
        TrackMetadata,  // /track: string, number, boolean, datetime
        LegacyMetadata, // deprecated /events: string, number, boolean
    };
    enum class Type { String, Number, Boolean, DateTime, List, Delete, Json };

    struct Row {
        QWidget *widget = nullptr;
        QLineEdit *name = nullptr;
        QComboBox *type = nullptr;
        QStackedWidget *valueStack = nullptr;
        QLineEdit *text = nullptr; // string, number, list, JSON
        QComboBox *boolean = nullptr;
        QWidget *dateTimePage = nullptr;
        DateTimeEditor *dateTime = nullptr; // made when the row's type is first datetime
        QPushButton *remove = nullptr;
        FieldMessage *message = nullptr;
    };

    PropertyEditor(Mode mode, const QString &pathPrefix, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    QString pathPrefix() const { return m_prefix; }
    QList<Type> offeredTypes() const;
    static QString typeName(Type type);

    int rowCount() const { return int(m_rows.size()); }
    const Row &row(int index) const { return m_rows.at(index); }
    Row &addRow();
    void removeRow(int index);
    Type rowType(int index) const;
    void setRowType(int index, Type type);
    QPushButton *addButton() const { return m_add; }

    // The object to send (empty rows left out) and the editor's own problems.
    QJsonObject toJson() const;
    void setJson(const QJsonObject &object);
    // Problems the JSON cannot show: a missing name, a duplicate name, "abc" as a number.
    MarkMap localProblems() const;
    // Shows marks for "prefix", "prefix.<name>" and deeper ("prefix.tags.0") paths.
    void applyMarks(MarkMap &marks);

Q_SIGNALS:
    void changed();

private:
    QJsonValue rowValue(const Row &row, QString *problem) const;
    int typeWidth() const;
    void updateValueEditor(Row &row);
    void createDateTimeEditor(Row &row);
    int rowIndex(const QWidget *rowWidget) const;
    void setRowJson(Row &row, const QString &name, const QJsonValue &value);

    Mode m_mode;
    QString m_prefix;
    QList<Row> m_rows;
    QVBoxLayout *m_rowsLayout;
    // Rows join the tab chain right after this hidden, childless widget (setTabOrder() needs
    // a leaf to insert after).
    QWidget *m_tabAnchor;
    QPushButton *m_add;
    FieldMessage *m_message;
    mutable int m_typeWidth = 0;
};
