#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class SecretStore;

// Shown when the OS keychain does not work: what to install or unlock, that keys typed in
// anyway live in memory for this run only, and a Retry button. Hidden again once the
// keychain answers.
class SecretStoreNotice : public QFrame {
    Q_OBJECT
public:
    explicit SecretStoreNotice(SecretStore *secrets, QWidget *parent = nullptr);

    QString text() const;
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    // Retry was pressed with no key waiting in memory: read the active key again.
    void retryRequested();

private:
    void showUnavailable(const QString &message, const QString &detail);
    void retry();

    SecretStore *m_secrets;
    QLabel *m_label;
    QLabel *m_detail;
    QPushButton *m_retry;
};
