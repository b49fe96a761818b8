#include "datetimeeditor.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QPushButton>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
QString offsetName(int seconds)
{
    const int minutes = std::abs(seconds) / 60;
    return u"UTC%1%2:%3"_s.arg(seconds < 0 ? u'−' : u'+')
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

DateTimeEditor::DateTimeEditor(Shape shape, QWidget *parent)
    : QWidget(parent)
    , m_edit(new QDateTimeEdit(this))
    , m_zone(new QComboBox(this))
    , m_now(new QPushButton(tr("Now"), this))
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    m_edit->setCalendarPopup(true);
    m_edit->setTimeSpec(Qt::LocalTime);
    if (shape == Shape::TwoLines) { // narrow places: the date on top, zone and "Now" below
        layout->addWidget(m_edit, 0, 0, 1, 2);
        layout->addWidget(m_zone, 1, 0);
        layout->addWidget(m_now, 1, 1);
        layout->setColumnStretch(0, 1);
    } else {
        layout->addWidget(m_edit, 0, 0);
        layout->addWidget(m_zone, 0, 1);
        layout->addWidget(m_now, 0, 2);
        layout->setColumnStretch(0, 1);
    }
    m_zone->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_zone->setMinimumContentsLength(9);

    // UTC, this machine's zone, then whole-hour offsets: short, and enough to say what time
    // an event happened anywhere.
    m_zone->addItem(tr("UTC"), QByteArray("UTC"));
    const QTimeZone system = QTimeZone::systemTimeZone();
    if (system.isValid() && system.id() != "UTC")
        m_zone->addItem(tr("Local (%1)").arg(QString::fromUtf8(system.id())), system.id());
    for (int hours = -12; hours <= 14; ++hours) {
        if (hours != 0)
            m_zone->addItem(offsetName(hours * 3600), hours * 3600);
    }
    m_zone->setToolTip(tr("The time zone the date and time are in"));

    setNow();
    setCaption(tr("Date and time"));
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, &DateTimeEditor::changed);
    connect(m_zone, &QComboBox::currentIndexChanged, this, &DateTimeEditor::changed);
    connect(m_now, &QPushButton::clicked, this, &DateTimeEditor::setNow);
}

void DateTimeEditor::setCaption(const QString &caption)
{
    m_edit->setAccessibleName(caption);
    m_zone->setAccessibleName(tr("Time zone"));
    m_now->setAccessibleName(tr("Now"));
}

QDateTime DateTimeEditor::value() const
{
    const QVariant zoneData = m_zone->currentData();
    QTimeZone zone = zoneData.typeId() == QMetaType::QByteArray ? QTimeZone(zoneData.toByteArray())
                                                                : QTimeZone(zoneData.toInt());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const QDateTime local = m_edit->dateTime();
    return QDateTime(local.date(), local.time(), zone);
}

int DateTimeEditor::zoneIndex(const QTimeZone &zone, int offset) const
{
    // Fixed offsets ("UTC+02:00") match by offset, named zones by their id.
    const bool fixed = zone.id().startsWith("UTC");
    if (fixed && offset == 0)
        return 0;
    for (int i = 1; i < m_zone->count(); ++i) {
        const QVariant zoneData = m_zone->itemData(i);
        const bool named = zoneData.typeId() == QMetaType::QByteArray;
        if (named ? !fixed && zoneData.toByteArray() == zone.id()
                  : fixed && zoneData.toInt() == offset)
            return i;
    }
    return -1;
}

void DateTimeEditor::setValue(const QDateTime &value)
{
    const QTimeZone zone = value.timeZone();
    const int offset = value.offsetFromUtc();
    int index = zoneIndex(zone, offset);
    if (index < 0) {
        const bool fixed = zone.id().startsWith("UTC");
        m_zone->addItem(fixed ? offsetName(offset) : QString::fromUtf8(zone.id()),
                        fixed ? QVariant(offset) : QVariant(zone.id()));
        index = m_zone->count() - 1;
    }
    const QSignalBlocker blockEdit(m_edit);
    const QSignalBlocker blockZone(m_zone);
    m_zone->setCurrentIndex(index);
    m_edit->setDateTime(QDateTime(value.date(), value.time()));
    Q_EMIT changed();
}

void DateTimeEditor::setNow()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime inZone = now.toTimeZone(value().timeZone());
    const QSignalBlocker block(m_edit);
    m_edit->setDateTime(QDateTime(inZone.date(), QTime(inZone.time().hour(), inZone.time().minute(),
                                                       inZone.time().second())));
    Q_EMIT changed();
}
