#include "secretstore.h"

#include "redaction.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QEventLoop>
#include <QLibrary>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString ApiKeySuffix = u"api-key"_s;
const QString HmacSecretSuffix = u"hmac-secret"_s;

// On Linux QtKeychain talks to the Secret Service through libsecret, whose answers arrive
// on GLib's default main context. Qt iterates that context only with its GLib event
// dispatcher; a program that chose the plain Unix dispatcher (journyctl sets QT_NO_GLIB)
// must iterate it itself while a job runs, or no job ever finishes.
using GMainContextIteration = int (*)(void *context, int mayBlock);

GMainContextIteration glibIteration()
{
    const auto *dispatcher = QAbstractEventDispatcher::instance();
    if (!dispatcher || dispatcher->inherits("QEventDispatcherGlib"))
        return nullptr;
    static const auto iteration = reinterpret_cast<GMainContextIteration>(
        QLibrary::resolve(u"glib-2.0"_s, 0, "g_main_context_iteration"));
    return iteration;
}
} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
    , m_glibPump(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SecretStore::onTimeout);
    m_glibPump->setInterval(5);
    connect(m_glibPump, &QTimer::timeout, this, [] {
        if (const GMainContextIteration iteration = glibIteration()) {
            for (int i = 0; i < 100 && iteration(nullptr, 0); ++i) {
            }
        }
    });
}

SecretStore::~SecretStore() = default;

QString SecretStore::entryKey(const QString &profileId, SecretKind kind)
{
    return u"profile/"_s + profileId + u'/' +
           (kind == SecretKind::ApiKey ? ApiKeySuffix : HmacSecretSuffix);
}

QString SecretStore::unavailableMessage()
{
    return tr("No secret store is available, so the key cannot be kept in the system "
              "keychain. Install and start a Secret Service provider such as gnome-keyring "
              "(or KWallet), and unlock it: log in to a desktop session, or run "
              "'gnome-keyring-daemon --unlock' in a session with a D-Bus session bus.");
}

QString SecretStore::memoryOnlyNote()
{
    return tr("Until then the key is kept in memory for this run only; it is never written "
              "to a file.");
}

void SecretStore::read(const QString &profileId, SecretKind kind, QObject *context, Callback done)
{
    enqueue(
        {SecretResult::Read, profileId, kind, {}, context, context != nullptr, std::move(done)});
}

void SecretStore::write(const QString &profileId, SecretKind kind, const QString &secret,
                        QObject *context, Callback done)
{
    Redaction::registerSecret(secret);
    enqueue({SecretResult::Write, profileId, kind, secret, context, context != nullptr,
             std::move(done)});
}

void SecretStore::remove(const QString &profileId, SecretKind kind, QObject *context, Callback done)
{
    enqueue(
        {SecretResult::Remove, profileId, kind, {}, context, context != nullptr, std::move(done)});
}

void SecretStore::removeAll(const QString &profileId, QObject *context, Callback done)
{
    auto first = std::make_shared<SecretResult>();
    remove(profileId, SecretKind::ApiKey, context,
           [first](const SecretResult &result) { *first = result; });
    remove(profileId, SecretKind::HmacSecret, context,
           [first, done = std::move(done)](const SecretResult &result) {
               if (done)
                   done(first->ok() ? result : *first);
           });
}

bool SecretStore::isMemoryOnly(const QString &profileId, SecretKind kind) const
{
    return m_memory.contains(entryKey(profileId, kind));
}

void SecretStore::retryMemoryOnly()
{
    const QHash<QString, QString> memory = m_memory;
    for (auto it = memory.cbegin(); it != memory.cend(); ++it) {
        const QStringList parts = it.key().split(u'/');
        if (parts.size() != 3)
            continue;
        const SecretKind kind =
            parts.at(2) == ApiKeySuffix ? SecretKind::ApiKey : SecretKind::HmacSecret;
        write(parts.at(1), kind, it.value());
    }
}

void SecretStore::enqueue(Pending pending)
{
    m_queue.push_back(std::move(pending));
    scheduleNext();
}

// Jobs are started from the event loop, never from inside another job's finished handler
// or a caller's callback (QtKeychain does not cope with that reliably).
void SecretStore::scheduleNext()
{
    if (m_scheduled || m_running || m_queue.empty())
        return;
    m_scheduled = true;
    QMetaObject::invokeMethod(this, &SecretStore::startNext, Qt::QueuedConnection);
}

void SecretStore::startNext()
{
    m_scheduled = false;
    if (m_running || m_queue.empty())
        return;
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_running = true;

    const QString key = entryKey(m_current.profileId, m_current.kind);
    if (m_current.operation == SecretResult::Read && m_memory.contains(key)) {
        SecretResult result;
        result.status = SecretResult::Ok;
        result.secret = m_memory.value(key);
        result.memoryOnly = true;
        complete(std::move(result));
        return;
    }

    const QString service = ServiceName.toString();
    QKeychain::Job *job = nullptr;
    switch (m_current.operation) {
    case SecretResult::Read:
        job = new QKeychain::ReadPasswordJob(service, this);
        break;
    case SecretResult::Write: {
        auto *writeJob = new QKeychain::WritePasswordJob(service, this);
        writeJob->setTextData(m_current.secret);
        job = writeJob;
        break;
    }
    case SecretResult::Remove:
        job = new QKeychain::DeletePasswordJob(service, this);
        break;
    }
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, &SecretStore::onJobFinished);
    m_job = job;
    m_timer->start(m_timeout);
    if (glibIteration())
        m_glibPump->start();
    job->start();
}

void SecretStore::onJobFinished(QKeychain::Job *job)
{
    job->deleteLater();
    if (job != m_job) // it had timed out already
        return;
    m_timer->stop();
    m_job = nullptr;

    SecretResult result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.status = SecretResult::Ok;
        if (auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.secret = readJob->textData();
        break;
    case QKeychain::EntryNotFound:
        result.status =
            m_current.operation == SecretResult::Remove ? SecretResult::Ok : SecretResult::NotFound;
        break;
    default:
        // OtherError, AccessDenied, NoBackendAvailable, ...: QtKeychain reports a missing
        // or locked store in several ways; all of them mean the secret is not stored.
        result.status = SecretResult::Unavailable;
        result.detail = Redaction::redact(job->errorString(), {m_current.secret});
        break;
    }
    complete(std::move(result));
}

void SecretStore::onTimeout()
{
    if (!m_job)
        return;
    m_job = nullptr; // deleted when (if ever) it finishes
    SecretResult result;
    result.status = SecretResult::Unavailable;
    result.detail = tr("The keychain did not answer within %1 seconds.")
                        .arg(double(m_timeout.count()) / 1000.0);
    complete(std::move(result));
}

void SecretStore::complete(SecretResult result)
{
    Pending current = std::move(m_current);
    m_current = {};
    result.operation = current.operation;
    result.profileId = current.profileId;
    result.kind = current.kind;
    const QString key = entryKey(current.profileId, current.kind);

    std::optional<bool> stored;
    switch (current.operation) {
    case SecretResult::Read:
        if (result.status == SecretResult::Ok) {
            Redaction::registerSecret(result.secret);
            if (!result.memoryOnly)
                stored = true;
        } else if (result.status == SecretResult::NotFound) {
            stored = false;
        }
        break;
    case SecretResult::Write:
        if (result.status == SecretResult::Ok) {
            m_memory.remove(key);
            stored = true;
        } else {
            m_memory.insert(key, current.secret);
            result.memoryOnly = true;
        }
        break;
    case SecretResult::Remove:
        m_memory.remove(key);
        if (result.status == SecretResult::Ok)
            stored = false;
        break;
    }

    m_running = false;
    m_glibPump->stop();
    if (stored)
        Q_EMIT secretPresenceChanged(result.profileId, result.kind, *stored);
    Q_EMIT finished(result);
    if (result.status == SecretResult::Unavailable)
        Q_EMIT unavailable(unavailableMessage(), result.detail);
    if (current.done && (!current.hasContext || current.context))
        current.done(result);
    scheduleNext();
}

SecretResult SecretStore::wait(const std::function<void(QObject *, Callback)> &start)
{
    QEventLoop loop;
    SecretResult outcome;
    bool done = false;
    start(&loop, [&](const SecretResult &result) {
        outcome = result;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return outcome;
}

SecretResult SecretStore::readNow(const QString &profileId, SecretKind kind)
{
    return wait(
        [&](QObject *context, Callback done) { read(profileId, kind, context, std::move(done)); });
}

SecretResult SecretStore::writeNow(const QString &profileId, SecretKind kind, const QString &secret)
{
    return wait([&](QObject *context, Callback done) {
        write(profileId, kind, secret, context, std::move(done));
    });
}

SecretResult SecretStore::removeNow(const QString &profileId, SecretKind kind)
{
    return wait([&](QObject *context, Callback done) {
        remove(profileId, kind, context, std::move(done));
    });
}

SecretResult SecretStore::removeAllNow(const QString &profileId)
{
    return wait(
        [&](QObject *context, Callback done) { removeAll(profileId, context, std::move(done)); });
}
