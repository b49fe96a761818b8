#pragma once

#include <QString>
#include <QTextStream>

#include <optional>

// One line from standard input, for secrets (API keys, HMAC secrets): on a terminal the
// prompt goes to err and echo is off (restored even when the prompt is interrupted);
// surrounding white space is dropped. Nothing when standard input is empty.
std::optional<QString> readSecretLine(QTextStream &err, const QString &prompt);
