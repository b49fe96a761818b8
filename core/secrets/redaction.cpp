#include "redaction.h"

namespace Redaction {

bool isSecretHeader(const QByteArray &name) {
    return name.compare("X-Api-Key", Qt::CaseInsensitive) == 0 ||
           name.compare("Authorization", Qt::CaseInsensitive) == 0;
}

QString hint(const QString &secret) {
    if (secret.size() < 12)
        return Placeholder.toString();
    return Placeholder.toString() + secret.right(4);
}

QString redact(QString text, const QStringList &secrets) {
    for (const QString &secret : secrets) {
        if (!secret.isEmpty())
            text.replace(secret, Placeholder.toString());
    }
    return text;
}

QByteArray redact(QByteArray text, const QStringList &secrets) {
    const QByteArray placeholder = Placeholder.toString().toUtf8();
    for (const QString &secret : secrets) {
        if (!secret.isEmpty())
            text.replace(secret.toUtf8(), placeholder);
    }
    return text;
}

} // namespace Redaction
