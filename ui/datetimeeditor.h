#pragma once

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QPushButton;

// A date, a time, the time zone they are in, and a "Now" button.
class DateTimeEditor : public QWidget {
    Q_OBJECT
public:
    enum class Shape { OneLine, TwoLines };
    explicit DateTimeEditor(Shape shape = Shape::OneLine, QWidget *parent = nullptr);

    QDateTime value() const;
    void setValue(const QDateTime &value);
    void setNow();

    QDateTimeEdit *dateTimeEdit() const { return m_edit; }
    QComboBox *zoneBox() const { return m_zone; }
    QPushButton *nowButton() const { return m_now; }
    // Accessible names: "<caption>", "<caption> time zone".
    void setCaption(const QString &caption);

Q_SIGNALS:
    void changed();

private:
    int zoneIndex(const QTimeZone &zone, int offset) const;

    QDateTimeEdit *m_edit;
    QComboBox *m_zone;
    QPushButton *m_now;
};
