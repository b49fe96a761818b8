#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// The one place that hides secrets in text that leaves the app (logs, inspector, history,
// exports, copy-as-code, error messages).
namespace Redaction {

inline constexpr QStringView Placeholder = u"••••••••";

// Headers whose values are secrets.
bool isSecretHeader(const QByteArray &name);

// The placeholder followed by the last 4 characters of a long secret, which tell keys apart
// without revealing them; the placeholder alone for short secrets.
QString hint(const QString &secret);

// Replaces every occurrence of each non-empty secret in text with the placeholder.
QString redact(QString text, const QStringList &secrets);
QByteArray redact(QByteArray text, const QStringList &secrets);

} // namespace Redaction
