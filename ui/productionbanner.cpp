#include "productionbanner.h"

#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

ProductionBanner::ProductionBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(u"productionBanner"_s);
    // Its own background and text colour, a contrast that holds on light and dark palettes
    // alike; the word PRODUCTION carries the meaning without the colour.
    setAutoFillBackground(true);
    QPalette banner = palette();
    banner.setColor(QPalette::Window, QColor(0xb0, 0x1e, 0x23));
    banner.setColor(QPalette::WindowText, Qt::white);
    setPalette(banner);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    QFont font = m_label->font();
    font.setBold(true);
    m_label->setFont(font);
    layout->addWidget(m_label, 1);
    setVisible(false);
}

void ProductionBanner::showProfile(const Profile &profile)
{
    if (!profile.production) {
        clear();
        return;
    }
    const QString host = profile.baseUrl.host();
    m_label->setText(
        tr("PRODUCTION — %1 (%2): writes change real customer data")
            .arg(profile.name, host.isEmpty() ? profile.baseUrl.toDisplayString() : host));
    const QString confirm = profile.confirmWrites
                                ? tr("Writes and deletes ask for confirmation first.")
                                : tr("Writes and deletes are sent without asking (the "
                                     "profile's setting).");
    setToolTip(confirm);
    m_label->setAccessibleDescription(m_label->text() + u". "_s + confirm);
    setVisible(true);
}

void ProductionBanner::clear()
{
    m_label->clear();
    m_label->setAccessibleDescription({});
    setVisible(false);
}

QString ProductionBanner::text() const
{
    return m_label->text();
}
