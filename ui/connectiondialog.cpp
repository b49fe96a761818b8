#include "connectiondialog.h"

#include "fieldmark.h"

#include "api/journyclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(u"https://api.journy.io"_s, this))
    , m_key(new QLineEdit(this))
    , m_message(new FieldMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to a server"));
    setStyleSheet(FieldMark::styleSheet());
    auto *form = new QFormLayout(this);
    form->addRow(FieldMark::hint(tr("The key stays in memory until you quit; it is never "
                                    "written to disk."),
                                 this));
    auto *urlLabel = new QLabel(tr("Base URL"), this);
    FieldMark::label(urlLabel, m_url);
    form->addRow(urlLabel, m_url);
    auto *keyLabel = new QLabel(tr("API key"), this);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("X-Api-Key from the journy.io connections screen"));
    FieldMark::label(keyLabel, m_key);
    form->addRow(keyLabel, m_key);
    form->addRow(m_message);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, &ConnectionDialog::check);
    connect(m_key, &QLineEdit::textChanged, this, &ConnectionDialog::check);
    resize(460, sizeHint().height());
    check();
}

QUrl ConnectionDialog::baseUrl() const
{
    return QUrl::fromUserInput(m_url->text().trimmed());
}

QString ConnectionDialog::apiKey() const
{
    return m_key->text();
}

void ConnectionDialog::check()
{
    QString why;
    const bool urlOk = JournyClient::isAllowedUrl(baseUrl(), &why);
    m_message->showMessage(urlOk ? MarkSeverity::None : MarkSeverity::Error, why);
    FieldMark::mark(m_url, urlOk ? MarkSeverity::None : MarkSeverity::Error, why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(urlOk && !m_key->text().isEmpty());
}
