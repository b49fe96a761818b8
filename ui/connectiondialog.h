#pragma once

#include <QDialog>
#include <QUrl>

class FieldMessage;
class QDialogButtonBox;
class QLineEdit;

// A server and key typed by hand, kept in memory only (until profiles exist).
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    QUrl baseUrl() const;
    QString apiKey() const;
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *keyEdit() const { return m_key; }

private:
    void check();

    QLineEdit *m_url;
    QLineEdit *m_key;
    FieldMessage *m_message;
    QDialogButtonBox *m_buttons;
};
