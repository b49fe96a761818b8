#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

// journy.io identity verification: the browser snippet's `verification` value is the hex
// HMAC-SHA256 of a user or account ID (UTF-8), keyed with the site's secret (UTF-8).
namespace IdentityVerification {

// Lower-case hex HMAC-SHA256 (64 characters).
QString hmacHex(const QString &id, const QString &secret);
QByteArray hmacHexBytes(QByteArrayView message, QByteArrayView key);

// True when `hash` is the digest of `id`: hex case and surrounding whitespace are ignored,
// and the comparison takes the same time wherever the first difference is.
bool verify(QStringView hash, const QString &id, const QString &secret);
// 64 hex digits after trimming.
bool isWellFormedDigest(QStringView hash);
// Compares two byte strings in time that depends only on their lengths.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Server-side code for the same computation, as journy.io's documentation writes it.
enum class Language { Php, NodeJs, Ruby, Python };
QList<Language> languages();
QString languageName(Language language); // "PHP", "Node.js", ...

// Where the generated code takes the secret from.
enum class SecretSource {
    Environment, // reads JOURNY_HMAC_SECRET from the server's environment (the default)
    Inline,      // the secret itself as a string literal (only when the user asks for it)
};
inline constexpr QStringView SecretVariable = u"JOURNY_HMAC_SECRET";

// The ID is filled in as a correctly escaped literal of the language; `secret` is used only
// with SecretSource::Inline.
QString serverCode(Language language, const QString &id,
                   SecretSource source = SecretSource::Environment, const QString &secret = {});

// A string literal in the syntax of each language, the text's UTF-8 bytes being exactly
// the string's value (non-ASCII is kept as is; source files are UTF-8).
QString phpLiteral(const QString &text);
QString rubyLiteral(const QString &text);
QString pythonLiteral(const QString &text);
// Double-quoted; also safe inside an HTML <script> element (`<` is escaped).
QString javaScriptLiteral(const QString &text);

// One browser call, `journy("identify" | "account" | "event" | "screen" | "pageview", {...})`.
struct BrowserCall {
    enum class Kind { Identify, Account, Event, Screen, Pageview };
    Kind kind = Kind::Identify;
    QString userId;         // identify
    QString email;          // identify
    QString accountId;      // account; optional for event, screen, pageview
    QString name;           // event and screen
    QJsonObject properties; // identify and account
    QJsonObject metadata;   // event
    QString verification;   // filled by withVerification() or by hand
};

QString kindName(BrowserCall::Kind kind); // "identify", ...
// The ID the verification is computed over: userId for identify, accountId otherwise
// (empty when the call has none, e.g. an identify by email only or a user event).
QString verifiedId(const BrowserCall &call);
// The call with `verification` set from the secret (cleared when there is no ID to verify).
BrowserCall withVerification(BrowserCall call, const QString &secret);
// Valid JavaScript: `journy("…", { … });`, fields the kind does not take are left out.
QString browserSnippet(const BrowserCall &call);
// Why the call is incomplete for its kind (empty when it is fine), for the form to show.
QString browserCallProblem(const BrowserCall &call);

} // namespace IdentityVerification
