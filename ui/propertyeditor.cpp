#include "propertyeditor.h"

#include "datetimeeditor.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

#include "api/requests.h"

using namespace Qt::StringLiterals;

namespace {
enum Page { TextPage, BooleanPage, DateTimePage, NullPage };

// A string that reads back as exactly the same date-time is shown as one.
std::optional<QDateTime> asDateTime(const QString &text)
{
    if (text.size() < 20 || text.at(10) != u'T')
        return std::nullopt;
    const QDateTime value = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!value.isValid() || value.timeSpec() == Qt::LocalTime || toIsoDateTime(value) != text)
        return std::nullopt;
    return value;
}

constexpr int NameWidth = 110;

QString jsonText(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}
} // namespace

PropertyEditor::PropertyEditor(Mode mode, const QString &pathPrefix, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , m_prefix(pathPrefix)
    , m_rowsLayout(new QVBoxLayout)
    , m_tabAnchor(new QWidget(this))
    , m_add(
          new QPushButton(mode == Mode::Properties ? tr("Add property") : tr("Add metadata"), this))
    , m_message(new FieldMessage(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    auto *nameHeader = new QLabel(tr("Name"), this);
    auto *typeHeader = new QLabel(tr("Type"), this);
    auto *valueHeader = new QLabel(tr("Value"), this);
    for (QLabel *label : {nameHeader, typeHeader, valueHeader}) {
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
    }
    // Fixed name and type columns, so that the header lines up with every row.
    nameHeader->setFixedWidth(NameWidth);
    typeHeader->setFixedWidth(typeWidth());
    header->setSpacing(4);
    header->addWidget(nameHeader);
    header->addWidget(typeHeader);
    header->addWidget(valueHeader, 1);
    layout->addLayout(header);

    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(4);
    layout->addLayout(m_rowsLayout);
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    m_add->setAccessibleName(m_add->text());
    m_tabAnchor->setFocusPolicy(Qt::TabFocus); // setTabOrder() ignores NoFocus widgets
    m_tabAnchor->hide();
    buttons->addWidget(m_tabAnchor);
    buttons->addWidget(m_add);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        Row &row = addRow();
        row.name->setFocus();
    });
}

int PropertyEditor::typeWidth() const
{
    if (m_typeWidth > 0)
        return m_typeWidth;
    // Wide enough for the longest type name this editor offers.
    QComboBox probe;
    for (Type type : offeredTypes())
        probe.addItem(typeName(type));
    probe.addItem(typeName(Type::Json));
    m_typeWidth = probe.sizeHint().width();
    return m_typeWidth;
}

QList<PropertyEditor::Type> PropertyEditor::offeredTypes() const
{
    switch (m_mode) {
    case Mode::Properties:
        return {Type::String,   Type::Number, Type::Boolean,
                Type::DateTime, Type::List,   Type::Delete};
    case Mode::TrackMetadata:
        return {Type::String, Type::Number, Type::Boolean, Type::DateTime};
    case Mode::LegacyMetadata:
        return {Type::String, Type::Number, Type::Boolean};
    }
    return {};
}

QString PropertyEditor::typeName(Type type)
{
    switch (type) {
    case Type::String:
        return tr("text");
    case Type::Number:
        return tr("number");
    case Type::Boolean:
        return tr("boolean");
    case Type::DateTime:
        return tr("date-time");
    case Type::List:
        return tr("list of text");
    case Type::Delete:
        return tr("delete (null)");
    case Type::Json:
        return tr("other JSON");
    }
    return {};
}

PropertyEditor::Row &PropertyEditor::addRow()
{
    Row row;
    row.widget = new QWidget(this);
    auto *grid = new QGridLayout(row.widget);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(4);
    grid->setVerticalSpacing(2);

    row.name = new QLineEdit(row.widget);
    row.name->setAccessibleName(tr("Name"));
    row.name->setPlaceholderText(m_mode == Mode::Properties ? tr("e.g. plan") : tr("e.g. amount"));
    row.type = new QComboBox(row.widget);
    row.type->setAccessibleName(tr("Type"));
    for (Type type : offeredTypes())
        row.type->addItem(typeName(type), int(type));

    row.valueStack = new QStackedWidget(row.widget);
    row.text = new QLineEdit(row.valueStack);
    row.text->setAccessibleName(tr("Value"));
    row.boolean = new QComboBox(row.valueStack);
    row.boolean->addItem(tr("true"), true);
    row.boolean->addItem(tr("false"), false);
    row.boolean->setAccessibleName(tr("Value"));
    row.dateTimePage = new QWidget(row.valueStack);
    auto *nullLabel = new QLabel(tr("— sent as null: the property is deleted"), row.valueStack);
    row.valueStack->addWidget(row.text);
    row.valueStack->addWidget(row.boolean);
    row.valueStack->addWidget(row.dateTimePage);
    row.valueStack->addWidget(nullLabel);

    // A narrow "✕" leaves the width to the value; screen readers hear "Remove".
    row.remove = new QPushButton(tr("✕"), row.widget);
    row.remove->setAccessibleName(tr("Remove"));
    row.remove->setFixedWidth(row.remove->sizeHint().height() + 6);
    row.remove->setToolTip(m_mode == Mode::Properties ? tr("Remove this row (to delete the "
                                                           "property in journy.io, choose "
                                                           "the type “delete”)")
                                                      : tr("Remove this row"));
    row.message = new FieldMessage(row.widget);

    grid->addWidget(row.name, 0, 0);
    grid->addWidget(row.type, 0, 1);
    grid->addWidget(row.valueStack, 0, 2);
    grid->addWidget(row.remove, 0, 3);
    grid->addWidget(row.message, 1, 0, 1, 4);
    row.name->setFixedWidth(NameWidth);
    row.type->setFixedWidth(typeWidth());
    grid->setColumnStretch(2, 1);

    m_rowsLayout->addWidget(row.widget);
    m_rows.append(row);
    updateValueEditor(m_rows.last());

    QWidget *rowWidget = row.widget;
    auto emitChanged = [this] { Q_EMIT changed(); };
    connect(row.name, &QLineEdit::textChanged, this, emitChanged);
    connect(row.text, &QLineEdit::textChanged, this, emitChanged);
    connect(row.boolean, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(row.type, &QComboBox::currentIndexChanged, this, [this, rowWidget] {
        const int index = rowIndex(rowWidget);
        if (index >= 0)
            updateValueEditor(m_rows[index]);
        Q_EMIT changed();
    });
    connect(row.remove, &QPushButton::clicked, this, [this, rowWidget] {
        const int index = rowIndex(rowWidget);
        if (index >= 0)
            removeRow(index);
    });
    // Rows are created after the rest of the form: put them back in the tab chain, in row
    // order, just before the "Add" button.
    QWidget *previous =
        m_rows.size() > 1 ? m_rows.at(m_rows.size() - 2).remove : m_add->previousInFocusChain();
    const QList<QWidget *> chain = {row.name, row.type, row.text, row.boolean, row.remove};
    for (QWidget *widget : chain) {
        setTabOrder(previous, widget);
        previous = widget;
    }
    Q_EMIT changed();
    return m_rows.last();
}

void PropertyEditor::removeRow(int index)
{
    if (index < 0 || index >= m_rows.size())
        return;
    Row row = m_rows.takeAt(index);
    row.widget->hide();
    row.widget->deleteLater();
    Q_EMIT changed();
}

int PropertyEditor::rowIndex(const QWidget *rowWidget) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).widget == rowWidget)
            return i;
    }
    return -1;
}

PropertyEditor::Type PropertyEditor::rowType(int index) const
{
    return Type(m_rows.at(index).type->currentData().toInt());
}

void PropertyEditor::setRowType(int index, Type type)
{
    Row &row = m_rows[index];
    int item = row.type->findData(int(type));
    if (item < 0) { // "other JSON" only appears on rows that need it
        row.type->addItem(typeName(type), int(type));
        item = row.type->count() - 1;
    }
    row.type->setCurrentIndex(item);
    updateValueEditor(row);
}

void PropertyEditor::updateValueEditor(Row &row)
{
    const auto pages = {TextPage, BooleanPage, DateTimePage, NullPage};
    auto show = [&row, pages](Page page) {
        // Hidden pages must not make the row wider or taller than the visible one.
        for (Page other : pages) {
            row.valueStack->widget(other)->setSizePolicy(
                other == page ? QSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred)
                              : QSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored));
        }
        row.valueStack->setCurrentIndex(page);
        row.valueStack->updateGeometry();
    };
    switch (Type(row.type->currentData().toInt())) {
    case Type::String:
        show(TextPage);
        row.text->setPlaceholderText(tr("text"));
        break;
    case Type::Number:
        show(TextPage);
        row.text->setPlaceholderText(tr("a number, e.g. 399 or 12.5"));
        break;
    case Type::List:
        show(TextPage);
        row.text->setPlaceholderText(tr("items separated by commas"));
        break;
    case Type::Json:
        show(TextPage);
        row.text->setPlaceholderText(tr("any JSON value"));
        break;
    case Type::Boolean:
        show(BooleanPage);
        break;
    case Type::DateTime:
        createDateTimeEditor(row);
        show(DateTimePage);
        break;
    case Type::Delete:
        show(NullPage);
        break;
    }
}

// Most rows never hold a date: the editor (a date-time field, zones and "Now") is made the
// first time a row's type is datetime, and goes into the tab chain after the boolean.
void PropertyEditor::createDateTimeEditor(Row &row)
{
    if (row.dateTime)
        return;
    row.dateTime = new DateTimeEditor(DateTimeEditor::Shape::TwoLines, row.dateTimePage);
    row.dateTime->setCaption(tr("Value"));
    auto *layout = new QVBoxLayout(row.dateTimePage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.dateTime);
    connect(row.dateTime, &DateTimeEditor::changed, this, [this] { Q_EMIT changed(); });
    QWidget *previous = row.boolean;
    for (QWidget *widget : {static_cast<QWidget *>(row.dateTime->dateTimeEdit()),
                            static_cast<QWidget *>(row.dateTime->zoneBox()),
                            static_cast<QWidget *>(row.dateTime->nowButton())}) {
        setTabOrder(previous, widget);
        previous = widget;
    }
}

QJsonValue PropertyEditor::rowValue(const Row &row, QString *problem) const
{
    const QString text = row.text->text();
    switch (Type(row.type->currentData().toInt())) {
    case Type::String:
        return text;
    case Type::Number: {
        bool ok = false;
        const double number = QLocale::c().toDouble(text.trimmed(), &ok);
        if (ok)
            return number;
        *problem = text.trimmed().isEmpty() ? tr("a number is missing")
                                            : tr("“%1” is not a number").arg(text);
        return text; // sent as typed when the user sends anyway
    }
    case Type::Boolean:
        return row.boolean->currentData().toBool();
    case Type::DateTime:
        return toIsoDateTime(row.dateTime->value());
    case Type::List: {
        QJsonArray items;
        const QStringList parts = text.split(u',');
        for (const QString &part : parts) {
            if (!part.trimmed().isEmpty())
                items.append(part.trimmed());
        }
        return items;
    }
    case Type::Delete:
        return QJsonValue::Null;
    case Type::Json: {
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8(), &error);
        if (error.error == QJsonParseError::NoError && document.array().size() == 1)
            return document.array().at(0);
        *problem = tr("not a JSON value");
        return text;
    }
    }
    return {};
}

QJsonObject PropertyEditor::toJson() const
{
    QJsonObject object;
    for (const Row &row : m_rows) {
        if (row.name->text().isEmpty())
            continue;
        QString problem;
        object.insert(row.name->text(), rowValue(row, &problem));
    }
    return object;
}

MarkMap PropertyEditor::localProblems() const
{
    MarkMap problems;
    QHash<QString, int> counts;
    for (const Row &row : m_rows)
        ++counts[row.name->text()];
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const QString name = row.name->text();
        const QString key = m_prefix + u'.' + name;
        QString problem;
        rowValue(row, &problem);
        const bool hasValue =
            !row.text->text().isEmpty() || row.valueStack->currentIndex() != TextPage;
        if (name.isEmpty()) {
            if (hasValue)
                problems.insert(u"#%1.row.%2"_s.arg(m_prefix).arg(i),
                                {MarkSeverity::Error, tr("the name is missing")});
        } else if (counts.value(name) > 1) {
            problems.insert(
                key, {MarkSeverity::Error,
                      tr("“%1” appears more than once: only the last row is sent").arg(name)});
        } else if (!problem.isEmpty()) {
            problems.insert(key, {MarkSeverity::Error, problem});
        }
    }
    return problems;
}

void PropertyEditor::applyMarks(MarkMap &marks)
{
    // Several marks can land on one row (the property and its items); the first one wins.
    QList<Mark> rowMarks(m_rows.size());
    const QString prefixDot = m_prefix + u'.';
    const QString rowKey = u"#%1.row."_s.arg(m_prefix);
    for (auto it = marks.begin(); it != marks.end();) {
        int target = -1;
        if (it.key().startsWith(rowKey)) {
            target = it.key().mid(rowKey.size()).toInt();
        } else if (it.key().startsWith(prefixDot)) {
            const QString rest = it.key().mid(prefixDot.size());
            // The longest name that the path starts with: names may contain dots.
            qsizetype best = -1;
            for (int i = 0; i < m_rows.size(); ++i) {
                const QString name = m_rows.at(i).name->text();
                if (name.isEmpty())
                    continue;
                if ((rest == name || rest.startsWith(name + u'.')) && name.size() >= best) {
                    best = name.size();
                    target = i; // the last row with this name is the one sent
                }
            }
        }
        if (target >= 0 && target < rowMarks.size()) {
            if (rowMarks[target].severity == MarkSeverity::None ||
                (it->severity == MarkSeverity::Error &&
                 rowMarks[target].severity == MarkSeverity::Warning))
                rowMarks[target] = *it;
            it = marks.erase(it);
        } else {
            ++it;
        }
    }
    const Mark whole = marks.take(m_prefix);
    m_message->showMessage(whole.severity, whole.message);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const Mark &mark = rowMarks.at(i);
        row.message->showMessage(mark.severity, mark.message);
        FieldMark::mark(row.name, mark.severity, mark.message);
        QWidget *value = row.valueStack->currentWidget();
        if (value == row.dateTimePage && row.dateTime)
            value = row.dateTime->dateTimeEdit();
        for (QWidget *editor :
             {static_cast<QWidget *>(row.text), static_cast<QWidget *>(row.boolean),
              row.dateTime ? static_cast<QWidget *>(row.dateTime->dateTimeEdit()) : nullptr}) {
            FieldMark::mark(editor, editor == value ? mark.severity : MarkSeverity::None,
                            mark.message);
        }
    }
}

void PropertyEditor::setRowJson(Row &row, const QString &name, const QJsonValue &value)
{
    const int index = rowIndex(row.widget);
    const QSignalBlocker blockName(row.name);
    const QSignalBlocker blockText(row.text);
    const QSignalBlocker blockType(row.type);
    const QSignalBlocker blockBoolean(row.boolean);
    const QSignalBlocker blockDateTime(row.dateTime);
    row.name->setText(name);
    const QList<Type> offered = offeredTypes();
    auto use = [&](Type type) {
        if (!offered.contains(type))
            type = Type::Json;
        setRowType(index, type);
        return type == Type::Json;
    };
    if (value.isString()) {
        const auto dateTime = asDateTime(value.toString());
        if (dateTime && offered.contains(Type::DateTime)) {
            use(Type::DateTime);
            const QSignalBlocker blockNewEditor(row.dateTime); // use() may have just made it
            row.dateTime->setValue(*dateTime);
        } else {
            use(Type::String);
            row.text->setText(value.toString());
        }
    } else if (value.isDouble()) {
        use(Type::Number);
        row.text->setText(jsonText(value));
    } else if (value.isBool()) {
        if (use(Type::Boolean))
            row.text->setText(jsonText(value));
        else
            row.boolean->setCurrentIndex(value.toBool() ? 0 : 1);
    } else if (value.isNull()) {
        if (use(Type::Delete))
            row.text->setText(jsonText(value));
    } else if (value.isArray()) {
        bool plain = true; // strings without commas read back the same from a list
        QStringList items;
        for (const QJsonValue &item : value.toArray()) {
            const QString text = item.toString();
            plain = plain && item.isString() && !text.contains(u',') && text == text.trimmed() &&
                    !text.isEmpty();
            items << text;
        }
        if (plain && offered.contains(Type::List)) {
            use(Type::List);
            row.text->setText(items.join(u", "_s));
        } else {
            use(Type::Json);
            row.text->setText(jsonText(value));
        }
    } else {
        use(Type::Json);
        row.text->setText(jsonText(value));
    }
}

void PropertyEditor::setJson(const QJsonObject &object)
{
    {
        const QSignalBlocker block(this);
        while (!m_rows.isEmpty())
            removeRow(int(m_rows.size()) - 1);
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            Row &row = addRow();
            setRowJson(row, it.key(), it.value());
        }
    }
}
