#pragma once

#include "api/apiresult.h"

#include <QList>
#include <QString>

// "Copy as code": one request as it was sent (SentRequest, key already redacted) written as
// a shell command or as a call in one of journy.io's official SDKs.
//
// The API key never appears unless the caller explicitly includes it: the shell forms take
// it from $JOURNY_API_KEY, the SDK forms from the JOURNY_API_KEY environment variable.
// Everything else taken from the request goes through Redaction (secrets/redaction.h).
namespace RequestCode {

enum class Format { Curl, JournyCtl, NodeSdk, PythonSdk, PhpSdk };
QList<Format> formats();
QString formatName(Format format); // "curl", "journyctl", "Node.js SDK", ...

struct Options {
    bool includeApiKey = false; // put the real key in the code (the user asked for it)
    QString apiKey;             // used only with includeApiKey
};

struct Code {
    Format format = Format::Curl;
    bool available = true; // false: the SDK has no such call; `note` says so
    QString code;          // empty when not available
    QString note;          // caveats (deprecated endpoint, how the SDK changes values), or why not
};

Code generate(Format format, const QString &operationId, const SentRequest &request,
              const Options &options = {});
// Convenience: the request recorded in an ApiResult.
inline Code generate(Format format, const ApiResult &result, const Options &options = {})
{
    return generate(format, result.operationId, result.request, options);
}

// POSIX shell single quoting ('it'\''s').
QString shellQuote(const QString &text);

} // namespace RequestCode
