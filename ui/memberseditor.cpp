#include "memberseditor.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MembersEditor::MembersEditor(QWidget *parent)
    : QWidget(parent)
    , m_rowsLayout(new QVBoxLayout)
    , m_tabAnchor(new QWidget(this))
    , m_add(new QPushButton(tr("Add user"), this))
    , m_paste(new QPushButton(tr("Paste list"), this))
    , m_count(new QLabel(this))
    , m_message(new FieldMessage(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *header = new QHBoxLayout;
    auto *idHeader = new QLabel(tr("User ID"), this);
    auto *emailHeader = new QLabel(tr("Email"), this);
    for (QLabel *label : {idHeader, emailHeader}) {
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
    }
    header->addWidget(idHeader, 1);
    header->addWidget(emailHeader, 1);
    header->addSpacing(QPushButton(tr("✕")).sizeHint().height() + 10);
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
    m_paste->setAccessibleName(m_paste->text());
    m_paste->setToolTip(tr("Adds the users on the clipboard: one per line (a user ID or an "
                           "email), or CSV with userId and email columns."));
    m_count->setAccessibleDescription(tr("Number of users"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_paste);
    buttons->addStretch();
    buttons->addWidget(m_count);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        if (Row *row = addRow())
            row->userId->setFocus();
    });
    connect(m_paste, &QPushButton::clicked, this,
            [this] { addFromText(QApplication::clipboard()->text()); });
    updateCount();
}

MembersEditor::Row *MembersEditor::addRow(const UserIdentification &user)
{
    if (m_rows.size() >= MaxUsers)
        return nullptr;
    Row row;
    row.widget = new QWidget(this);
    auto *grid = new QGridLayout(row.widget);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(4);
    grid->setVerticalSpacing(2);
    row.userId = new QLineEdit(user.userId, row.widget);
    row.userId->setAccessibleName(tr("User ID"));
    row.userId->setPlaceholderText(tr("user ID"));
    row.email = new QLineEdit(user.email, row.widget);
    row.email->setAccessibleName(tr("Email"));
    row.email->setPlaceholderText(tr("email"));
    // A narrow "✕" leaves the width to the value; screen readers hear "Remove".
    row.remove = new QPushButton(tr("✕"), row.widget);
    row.remove->setAccessibleName(tr("Remove"));
    row.remove->setFixedWidth(row.remove->sizeHint().height() + 6);
    row.remove->setToolTip(tr("Remove this user from the list"));
    row.message = new FieldMessage(row.widget);
    grid->addWidget(row.userId, 0, 0);
    grid->addWidget(row.email, 0, 1);
    grid->addWidget(row.remove, 0, 2);
    grid->addWidget(row.message, 1, 0, 1, 3);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    m_rowsLayout->addWidget(row.widget);

    QWidget *previous = m_rows.isEmpty() ? m_tabAnchor : m_rows.last().remove;
    for (QWidget *widget : {static_cast<QWidget *>(row.userId), static_cast<QWidget *>(row.email),
                            static_cast<QWidget *>(row.remove)}) {
        setTabOrder(previous, widget);
        previous = widget;
    }
    row.userId->installEventFilter(this);
    row.email->installEventFilter(this);

    QWidget *rowWidget = row.widget;
    connect(row.userId, &QLineEdit::textChanged, this, &MembersEditor::changed);
    connect(row.email, &QLineEdit::textChanged, this, &MembersEditor::changed);
    connect(row.remove, &QPushButton::clicked, this, [this, rowWidget] {
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).widget == rowWidget) {
                removeRow(i);
                return;
            }
        }
    });
    m_rows.append(row);
    updateCount();
    Q_EMIT changed();
    return &m_rows.last();
}

void MembersEditor::removeRow(int index)
{
    if (index < 0 || index >= m_rows.size())
        return;
    Row row = m_rows.takeAt(index);
    row.widget->hide();
    row.widget->deleteLater();
    m_note.clear();
    updateCount();
    Q_EMIT changed();
}

void MembersEditor::clear()
{
    const QSignalBlocker block(this);
    while (!m_rows.isEmpty())
        removeRow(int(m_rows.size()) - 1);
}

void MembersEditor::updateCount()
{
    m_count->setText(tr("%1 of %2 users").arg(m_rows.size()).arg(MaxUsers));
    m_add->setEnabled(m_rows.size() < MaxUsers);
}

QList<UserIdentification> MembersEditor::parse(const QString &text)
{
    static const QRegularExpression separators(u"[,;\\t]"_s);
    QList<UserIdentification> users;
    int idColumn = -1;
    int emailColumn = -1;
    bool first = true;
    const QStringList lines = text.split(QRegularExpression(u"\\r?\\n|\\r"_s));
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        QStringList cells = line.split(separators);
        for (QString &cell : cells) {
            cell = cell.trimmed();
            if (cell.size() >= 2 && cell.startsWith(u'"') && cell.endsWith(u'"'))
                cell = cell.mid(1, cell.size() - 2).replace(u"\"\""_s, u"\""_s);
        }
        if (first) {
            first = false;
            for (int i = 0; i < cells.size(); ++i) {
                const QString name = cells.at(i).toLower().remove(u'_').remove(u' ');
                if (name == u"userid"_s || name == u"id"_s)
                    idColumn = i;
                else if (name == u"email"_s || name == u"emailaddress"_s)
                    emailColumn = i;
            }
            if (idColumn >= 0 || emailColumn >= 0)
                continue; // a header row
        }
        UserIdentification user;
        if (idColumn >= 0 || emailColumn >= 0) {
            user.userId = cells.value(idColumn);
            user.email = cells.value(emailColumn);
        } else {
            for (const QString &cell : std::as_const(cells)) {
                if (cell.contains(u'@') && user.email.isEmpty())
                    user.email = cell;
                else if (!cell.isEmpty() && user.userId.isEmpty())
                    user.userId = cell;
            }
        }
        if (!user.isEmpty())
            users.append(user);
    }
    return users;
}

int MembersEditor::addFromText(const QString &text)
{
    const QList<UserIdentification> users = parse(text);
    // A blank last row (the usual state) is filled first rather than left behind.
    if (!users.isEmpty() && !m_rows.isEmpty() && m_rows.last().userId->text().isEmpty() &&
        m_rows.last().email->text().isEmpty())
        removeRow(int(m_rows.size()) - 1);
    int added = 0;
    {
        const QSignalBlocker block(this);
        for (const UserIdentification &user : users) {
            if (!addRow(user))
                break;
            ++added;
        }
    }
    const int left = int(users.size()) - added;
    if (left == 1)
        m_note = tr("1 user not added: a request takes at most %1 users.").arg(MaxUsers);
    else if (left > 1)
        m_note =
            tr("%1 users not added: a request takes at most %2 users.").arg(left).arg(MaxUsers);
    else
        m_note.clear();
    m_message->showMessage(left > 0 ? MarkSeverity::Warning : MarkSeverity::None, m_note);
    updateCount();
    Q_EMIT changed();
    return left;
}

bool MembersEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        const QString text = QApplication::clipboard()->text();
        if (text.trimmed().contains(u'\n')) { // many users at once
            addFromText(text);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QList<int> MembersEditor::sentRows() const
{
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).userId->text().isEmpty() || !m_rows.at(i).email->text().isEmpty())
            rows.append(i);
    }
    return rows;
}

QJsonArray MembersEditor::toJson() const
{
    QJsonArray users;
    for (int i : sentRows()) {
        UserIdentification user{m_rows.at(i).userId->text(), m_rows.at(i).email->text()};
        users.append(QJsonObject{{u"identification"_s, user.toJson()}});
    }
    return users;
}

void MembersEditor::setJson(const QJsonArray &users)
{
    const QSignalBlocker block(this);
    clear();
    for (const QJsonValue &value : users) {
        const QJsonObject identification = value.toObject().value(u"identification"_s).toObject();
        addRow(UserIdentification::fromJson(identification));
    }
    m_note.clear();
    updateCount();
}

MarkMap MembersEditor::localProblems() const
{
    MarkMap problems;
    if (sentRows().isEmpty())
        problems.insert(u"users"_s, {MarkSeverity::Error, tr("add at least one user")});
    return problems;
}

void MembersEditor::applyMarks(MarkMap &marks)
{
    const QList<int> sent = sentRows();
    QList<Mark> idMarks(m_rows.size());
    QList<Mark> emailMarks(m_rows.size());
    QList<Mark> rowMarks(m_rows.size());
    static const QRegularExpression path(u"^users\\.(\\d+)(\\.identification)?(\\.(\\w+))?$"_s);
    for (auto it = marks.begin(); it != marks.end();) {
        const QRegularExpressionMatch match = path.match(it.key());
        const int index = match.hasMatch() ? match.captured(1).toInt() : -1;
        if (index < 0 || index >= sent.size()) {
            ++it;
            continue;
        }
        const int row = sent.at(index);
        const QString field = match.captured(4);
        if (field == u"userId"_s)
            idMarks[row] = *it;
        else if (field == u"email"_s)
            emailMarks[row] = *it;
        else if (field.isEmpty())
            rowMarks[row] = *it;
        else {
            ++it;
            continue;
        }
        it = marks.erase(it);
    }
    Mark whole = marks.take(u"users"_s);
    if (whole.severity == MarkSeverity::None && !m_note.isEmpty())
        whole = {MarkSeverity::Warning, m_note};
    m_message->showMessage(whole.severity, whole.message);
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        QStringList messages;
        for (const Mark &mark : {rowMarks.at(i), idMarks.at(i), emailMarks.at(i)}) {
            if (!mark.message.isEmpty())
                messages << mark.message;
        }
        const MarkSeverity any = FieldMark::stronger(
            rowMarks.at(i).severity,
            FieldMark::stronger(idMarks.at(i).severity, emailMarks.at(i).severity));
        row.message->showMessage(any, messages.join(u"; "_s));
        FieldMark::mark(row.userId,
                        FieldMark::stronger(rowMarks.at(i).severity, idMarks.at(i).severity),
                        idMarks.at(i).message);
        FieldMark::mark(row.email,
                        FieldMark::stronger(rowMarks.at(i).severity, emailMarks.at(i).severity),
                        emailMarks.at(i).message);
    }
}
