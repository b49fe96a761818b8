#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>

namespace QKeychain {
class Job;
}
class QTimer;

enum class SecretKind { ApiKey, HmacSecret };

// What one keychain operation came to.
struct SecretResult {
    enum Status {
        Ok,          // done; for a read, secret holds the value
        NotFound,    // a read found no entry: the profile has no such secret
        Unavailable, // no working secret store (see SecretStore::unavailableMessage())
    };
    enum Operation { Read, Write, Remove };

    Operation operation = Read;
    Status status = Unavailable;
    QString profileId;
    SecretKind kind = SecretKind::ApiKey;
    QString secret;          // reads only
    bool memoryOnly = false; // the secret lives in this process only (store unavailable)
    QString detail;          // the keychain's own error text, for a "details" line

    bool ok() const { return status == Ok; }
};

// API keys and HMAC secrets in the OS keychain (QtKeychain; on Linux the Secret Service,
// e.g. gnome-keyring), one entry per profile id and kind: service "io.journy.Console",
// keys "profile/<id>/api-key" and "profile/<id>/hmac-secret".
//
// Jobs run one at a time, in order; a job that does not finish within timeout() counts as
// "no secret store". When no store works, a written secret is kept in memory for this run
// only (memoryOnly) and retryMemoryOnly() tries to store it later; there is never a
// plaintext fallback. Every secret read or written is registered with Redaction.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult &)>;

    static constexpr QStringView ServiceName = u"io.journy.Console";
    static constexpr std::chrono::milliseconds DefaultTimeout{5000};

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    static QString entryKey(const QString &profileId, SecretKind kind);
    // What people read when there is no secret store: what to install or unlock.
    static QString unavailableMessage();
    // For the console, after unavailableMessage(): what happens to a key typed in anyway.
    static QString memoryOnlyNote();

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    // Asynchronous: each emits finished() and then calls done (skipped when context is
    // given and has been destroyed). Safe to call from a callback: the next job starts
    // from the event loop, never from a finishing job.
    void read(const QString &profileId, SecretKind kind, QObject *context = nullptr,
              Callback done = {});
    void write(const QString &profileId, SecretKind kind, const QString &secret,
               QObject *context = nullptr, Callback done = {});
    // Removing an entry that does not exist is Ok.
    void remove(const QString &profileId, SecretKind kind, QObject *context = nullptr,
                Callback done = {});
    // Both entries of a profile; done gets the first failure, or the last success.
    void removeAll(const QString &profileId, QObject *context = nullptr, Callback done = {});

    // Blocking helpers for command-line tools: run a local event loop until the job ends
    // (at most timeout() per job). Not for the GUI thread of the console.
    SecretResult readNow(const QString &profileId, SecretKind kind);
    SecretResult writeNow(const QString &profileId, SecretKind kind, const QString &secret);
    SecretResult removeNow(const QString &profileId, SecretKind kind);
    SecretResult removeAllNow(const QString &profileId);

    // Secrets kept in memory because the store was unavailable when they were written.
    bool hasMemoryOnlySecrets() const { return !m_memory.isEmpty(); }
    bool isMemoryOnly(const QString &profileId, SecretKind kind) const;
    // Tries to move them into the keychain again; emits finished() for each.
    void retryMemoryOnly();
    bool isBusy() const { return m_running || !m_queue.empty(); }

Q_SIGNALS:
    void finished(const SecretResult &result);
    // The store did not work for an operation; message is unavailableMessage().
    void unavailable(const QString &message, const QString &detail);
    // What the keychain now holds for a profile: true after a successful write or a read
    // that found the entry, false after a removal or a read that found none. Memory-only
    // secrets do not count as stored.
    void secretPresenceChanged(const QString &profileId, SecretKind kind, bool stored);

private:
    struct Pending {
        SecretResult::Operation operation;
        QString profileId;
        SecretKind kind;
        QString secret;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };

    void enqueue(Pending pending);
    void scheduleNext();
    void startNext();
    void onJobFinished(QKeychain::Job *job);
    void onTimeout();
    void complete(SecretResult result);
    SecretResult wait(const std::function<void(QObject *, Callback)> &start);

    std::deque<Pending> m_queue;
    bool m_running = false;
    bool m_scheduled = false;
    Pending m_current;
    QPointer<QKeychain::Job> m_job;
    QTimer *m_timer;
    QTimer *m_glibPump; // see glibIteration() in the .cpp
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    QHash<QString, QString> m_memory; // entryKey -> secret
};
