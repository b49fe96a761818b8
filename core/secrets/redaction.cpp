#include "redaction.h"

#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Redaction {

namespace {
QMutex &registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QStringList &registry()
{
    static QStringList secrets;
    return secrets;
}

// All secrets to replace, longest first, so that a secret containing another one is hidden
// whole rather than leaving its remainder visible.
QStringList allSecrets(const QStringList &explicitSecrets)
{
    QStringList secrets = registeredSecrets();
    for (const QString &secret : explicitSecrets) {
        if (!secret.isEmpty() && !secrets.contains(secret))
            secrets.append(secret);
    }
    std::sort(secrets.begin(), secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return secrets;
}

// "X-Api-Key: value", "\"X-Api-Key\": \"value\"", "-H 'Authorization: Bearer value'",
// "x-api-key=value": the value runs to the end of the line or the closing quote.
const QRegularExpression &secretHeaderPattern()
{
    static const QRegularExpression pattern(
        uR"((\b(?:x-api-key|authorization)["']?[ \t]*[:=][ \t]*["']?)([^\r\n"']+))"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}
} // namespace

bool isSecretHeader(const QByteArray &name)
{
    return name.compare("X-Api-Key", Qt::CaseInsensitive) == 0 ||
           name.compare("Authorization", Qt::CaseInsensitive) == 0;
}

QString hint(const QString &secret)
{
    if (secret.size() < 12)
        return Placeholder.toString();
    return Placeholder.toString() + secret.right(4);
}

void registerSecret(const QString &secret)
{
    if (secret.isEmpty())
        return;
    QMutexLocker locker(&registryMutex());
    if (!registry().contains(secret))
        registry().append(secret);
}

void forgetSecret(const QString &secret)
{
    QMutexLocker locker(&registryMutex());
    registry().removeAll(secret);
}

QStringList registeredSecrets()
{
    QMutexLocker locker(&registryMutex());
    return registry();
}

QString redact(QString text, const QStringList &secrets)
{
    for (const QString &secret : allSecrets(secrets))
        text.replace(secret, Placeholder.toString());
    text.replace(secretHeaderPattern(), u"\\1"_s + Placeholder.toString());
    return text;
}

QByteArray redact(QByteArray text, const QStringList &secrets)
{
    const QByteArray placeholder = Placeholder.toString().toUtf8();
    for (const QString &secret : allSecrets(secrets))
        text.replace(secret.toUtf8(), placeholder);
    // The header pattern works on text; binary bodies without such a header stay untouched.
    if (secretHeaderPattern().match(QString::fromUtf8(text)).hasMatch())
        return redact(QString::fromUtf8(text), {}).toUtf8();
    return text;
}

QList<std::pair<QByteArray, QByteArray>>
redactHeaders(QList<std::pair<QByteArray, QByteArray>> headers, const QStringList &secrets)
{
    const QByteArray placeholder = Placeholder.toString().toUtf8();
    for (auto &[name, value] : headers)
        value = isSecretHeader(name) ? placeholder : redact(value, secrets);
    return headers;
}

} // namespace Redaction
