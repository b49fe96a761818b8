#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QTimer;
class QToolButton;

// The toolbar's Send. Idle, it is a button for the Send action; while a request is in
// flight it turns into a spinning indicator with the time waited so far ("Sending… 1.2 s"),
// and Cancel (Esc) beside it stops the request. The window stays responsive throughout.
class SendButton : public QWidget {
    Q_OBJECT
public:
    explicit SendButton(QAction *send, QWidget *parent = nullptr);

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    QToolButton *button() const { return m_button; }
    // What the busy indicator says ("Sending… 0.4 s"), also its accessible description.
    QString busyText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QToolButton *m_button;
    QTimer *m_timer;
    QElapsedTimer m_elapsed;
    int m_angle = 0;
    bool m_busy = false;
};
