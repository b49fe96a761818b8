#pragma once

#include "fieldmark.h"

#include "api/requests.h"

#include <QJsonArray>
#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

// The users of an add/remove-members request: rows of userId and email, at most 100.
class MembersEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int MaxUsers = MembershipRequest::MaxUsers;

    struct Row {
        QWidget *widget = nullptr;
        QLineEdit *userId = nullptr;
        QLineEdit *email = nullptr;
        QPushButton *remove = nullptr;
        FieldMessage *message = nullptr;
    };

    explicit MembersEditor(QWidget *parent = nullptr);

    int rowCount() const { return int(m_rows.size()); }
    const Row &row(int index) const { return m_rows.at(index); }
    Row *addRow(const UserIdentification &user = {});
    void removeRow(int index);
    void clear();
    QPushButton *addButton() const { return m_add; }
    QPushButton *pasteButton() const { return m_paste; }
    QLabel *countLabel() const { return m_count; }

    // One user per line: "id", "someone@x.com", or CSV/TSV "id,email" (a header row with
    // userId/email names the columns). Returns how many lines did not fit under the limit.
    int addFromText(const QString &text);
    static QList<UserIdentification> parse(const QString &text);

    QJsonArray toJson() const; // rows with neither field are left out
    void setJson(const QJsonArray &users);
    MarkMap localProblems() const;
    // "users", "users.N", "users.N.identification[.userId|.email]", N counting sent rows.
    void applyMarks(MarkMap &marks);

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<int> sentRows() const;
    void updateCount();

    QList<Row> m_rows;
    QVBoxLayout *m_rowsLayout;
    // Rows join the tab chain right after this hidden, childless widget (setTabOrder() needs
    // a leaf to insert after).
    QWidget *m_tabAnchor;
    QPushButton *m_add;
    QPushButton *m_paste;
    QLabel *m_count;
    FieldMessage *m_message;
    QString m_note; // what the last paste left out
};
