#pragma once

#include <QObject>

class QWidget;

// Tells when a window has painted for the first time: it watches for the window's first
// QEvent::Paint (the top level paints first in a backing-store sync) and emits painted()
// from a zero timer, which runs only after the whole sync, children and the flush to the
// platform window included, has returned to the event loop. Start-up work that can wait
// (the sandbox, the keychain, history) hangs off painted(); the start-up benchmark uses it too.
class FirstPaintProbe : public QObject {
    Q_OBJECT
public:
    explicit FirstPaintProbe(QWidget *window);
    bool hasPainted() const { return m_painted; }

Q_SIGNALS:
    void painted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
    bool m_painted = false;
};
