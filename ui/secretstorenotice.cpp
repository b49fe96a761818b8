#include "secretstorenotice.h"

#include "secrets/secretstore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SecretStoreNotice::SecretStoreNotice(SecretStore *secrets, QWidget *parent)
    : QFrame(parent)
    , m_secrets(secrets)
    , m_label(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
{
    setObjectName(u"secretStoreNotice"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Amber on its own background, so it reads the same in light and dark themes.
    QPalette notice = palette();
    notice.setColor(QPalette::Window, QColor(0xff, 0xe0, 0x82));
    notice.setColor(QPalette::WindowText, QColor(0x20, 0x1a, 0x00));
    setPalette(notice);
    auto *text = new QVBoxLayout;
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    QFont small = m_detail->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_detail->setFont(small);
    text->addWidget(m_label);
    text->addWidget(m_detail);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addLayout(text, 1);
    layout->addWidget(m_retry, 0, Qt::AlignTop);
    m_retry->setAccessibleName(tr("Retry"));
    m_retry->setToolTip(tr("Try the keychain again; keys kept in memory are stored if it "
                           "works now"));
    setVisible(false);

    connect(m_retry, &QPushButton::clicked, this, &SecretStoreNotice::retry);
    connect(m_secrets, &SecretStore::unavailable, this, &SecretStoreNotice::showUnavailable);
    connect(m_secrets, &SecretStore::finished, this, [this](const SecretResult &result) {
        if (result.status != SecretResult::Unavailable && !result.memoryOnly &&
            !m_secrets->hasMemoryOnlySecrets())
            setVisible(false);
    });
}

QString SecretStoreNotice::text() const
{
    return m_label->text() + u'\n' + m_detail->text();
}

void SecretStoreNotice::showUnavailable(const QString &message, const QString &detail)
{
    m_label->setText(tr("Keychain unavailable: %1 %2").arg(message, SecretStore::memoryOnlyNote()));
    m_detail->setText(detail.isEmpty() ? QString() : tr("Details: %1").arg(detail));
    m_detail->setVisible(!detail.isEmpty());
    m_label->setAccessibleDescription(m_label->text());
    m_detail->setAccessibleDescription(m_detail->text());
    setVisible(true);
}

void SecretStoreNotice::retry()
{
    if (m_secrets->hasMemoryOnlySecrets())
        m_secrets->retryMemoryOnly();
    else
        Q_EMIT retryRequested();
}
