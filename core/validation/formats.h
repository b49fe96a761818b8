#pragma once

#include <QString>
#include <QStringView>

// The string formats the journy.io spec names (`format: ...`), defined here and only here.
// The spec names them but never defines them, so the rules below are ours; formats.cpp
// gives the reasoning next to each rule. Summary:
//
//   email             local@domain: one '@'; the local part is 1-64 characters of letters,
//                     digits (any script) and !#$%&'*+-/=?^_`{|}~. (no leading, trailing or
//                     doubled dot); the domain is a host name with at least one dot; at most
//                     254 characters; no spaces. Quoted local parts and [IP] domains are not
//                     accepted.
//   non-empty-string  at least one character that is not white space.
//   user-id           an identifier: 1-255 characters, no leading or trailing white space,
//   account-id        no line breaks or other control characters.
//   event-name        the same identifier rules (the spec's "use past tense" is advice, not
//                     a rule, and is not checked).
//   datetime          ISO 8601 date and time WITH a time zone (the RFC 3339 profile):
//                     YYYY-MM-DDTHH:MM:SS, an optional fraction of 1-9 digits, then Z or
//                     +HH:MM / -HH:MM. 2026-03-01T12:00:00Z, 2026-03-01T13:00:00.250+01:00.
//   top-level-domain  a registrable host name such as acme-inc.com: no scheme, path, port,
//                     user or spaces; at least one dot; labels of 1-63 letters, digits or
//                     hyphens (not at either end); the last label is not all digits (so an
//                     IP address is not a domain); at most 253 characters.
//   domain            a host name such as www.acme-inc.com: the same rules, but a single
//                     label (localhost) is allowed.
//
// A format the spec does not name is not checked (JSON Schema treats formats as annotations).
namespace Formats {

enum class Format {
    Unknown,
    Email,
    NonEmptyString,
    UserId,
    AccountId,
    EventName,
    DateTime,
    TopLevelDomain,
    Domain,
};

// Longest user-id, account-id and event-name we accept (see formats.cpp).
inline constexpr qsizetype MaxIdentifierLength = 255;

// "email" -> Format::Email; a name we do not know -> Format::Unknown.
Format fromName(QStringView name);
QString name(Format format);

// True when value satisfies format (always true for Format::Unknown). Allocates nothing.
bool isValid(Format format, QStringView value);
// Why value does not satisfy format, in plain English ("must be a valid email address"),
// or an empty string when it does.
QString problem(Format format, QStringView value);
// What a value of this format is, for messages listing alternatives: "a date and time".
QString noun(Format format);

bool isValidEmail(QStringView value);
bool isNonEmptyString(QStringView value);
bool isValidUserId(QStringView value);
bool isValidAccountId(QStringView value);
bool isValidEventName(QStringView value);
bool isValidDateTime(QStringView value);
bool isValidTopLevelDomain(QStringView value);
bool isValidDomain(QStringView value);

} // namespace Formats
