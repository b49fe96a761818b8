#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// The one place that hides secrets in text that leaves the app (logs, inspector, history,
// exports, copy-as-code, error messages, journyctl's --verbose output).
//
// Two mechanisms work together:
// - the values of secret headers (X-Api-Key, Authorization) are hidden wherever such a
//   header appears in text ("X-Api-Key: …", "\"x-api-key\": \"…\"", curl's -H '…');
// - every secret the process knows (registered by SecretStore when it reads or writes
//   one, and by whoever takes a key from elsewhere, e.g. JOURNY_API_KEY) is replaced
//   wherever it occurs, plus any secrets passed explicitly.
namespace Redaction {

inline constexpr QStringView Placeholder = u"••••••••";

// Headers whose values are secrets.
bool isSecretHeader(const QByteArray &name);

// The placeholder followed by the last 4 characters of a long secret, which tell keys apart
// without revealing them; the placeholder alone for short secrets.
QString hint(const QString &secret);

// Process-wide registry of secrets to hide (thread-safe). Registering an empty string does
// nothing. forgetSecret() is for secrets that were replaced or deleted.
void registerSecret(const QString &secret);
void forgetSecret(const QString &secret);
QStringList registeredSecrets();

// Hides secret header values, every registered secret and each non-empty secret given.
QString redact(QString text, const QStringList &secrets = {});
QByteArray redact(QByteArray text, const QStringList &secrets = {});

// A header list with the values of secret headers (and any known secret) replaced.
QList<std::pair<QByteArray, QByteArray>>
redactHeaders(QList<std::pair<QByteArray, QByteArray>> headers, const QStringList &secrets = {});

} // namespace Redaction
