#include "formats.h"

#include <QCoreApplication>
#include <QDate>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Formats", text);
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isAsciiLetterOrDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
}

// Internationalised names (RFC 6531 mailboxes, IDN labels) may hold letters of any script;
// they are accepted as they are typed, before any punycode conversion.
bool isNonAsciiWordCharacter(QChar c)
{
    return c.unicode() > 0x7F && (c.isSurrogate() || c.isLetterOrNumber() || c.isMark());
}

// ---- identifiers: user-id, account-id, event-name --------------------------------------
//
// The spec only says "Unique identifier for the user in your database" (and likewise for
// accounts) and gives event names such as signed_in. What a reasonable server must refuse:
// - empty: identifies nothing.
// - leading or trailing white space: " 42" and "42" would silently become two different
//   users; that is always a copy-and-paste accident, never an intended identifier.
// - control characters (line breaks, tabs, NUL): no database key or event name has them,
//   and they break CSV exports, logs and the journy.io UI.
// - longer than 255 characters: database keys (integers, UUIDs, slugs) are far shorter; 255
//   is the usual VARCHAR key limit, so anything longer is a pasted blob, not an ID.
// Anything else is accepted, including an email address as a user ID: the spec advises
// against it, but it is not invalid.
enum class IdentifierProblem { None, Empty, TooLong, OuterSpace, ControlCharacter };

qsizetype codePointCount(QStringView value)
{
    qsizetype count = 0;
    for (QChar c : value) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

IdentifierProblem identifierProblem(QStringView value)
{
    if (value.isEmpty())
        return IdentifierProblem::Empty;
    if (value.front().isSpace() || value.back().isSpace())
        return IdentifierProblem::OuterSpace;
    for (QChar c : value) {
        if (c.category() == QChar::Other_Control)
            return IdentifierProblem::ControlCharacter;
    }
    if (value.size() > Formats::MaxIdentifierLength &&
        codePointCount(value) > Formats::MaxIdentifierLength)
        return IdentifierProblem::TooLong;
    return IdentifierProblem::None;
}

QString identifierMessage(IdentifierProblem problem)
{
    switch (problem) {
    case IdentifierProblem::None:
        return {};
    case IdentifierProblem::Empty:
        return tr("must not be empty");
    case IdentifierProblem::TooLong:
        return tr("must be at most %1 characters long").arg(Formats::MaxIdentifierLength);
    case IdentifierProblem::OuterSpace:
        return tr("must not start or end with a space");
    case IdentifierProblem::ControlCharacter:
        return tr("must not contain line breaks, tabs or other control characters");
    }
    return {};
}

// ---- host names: domain, top-level-domain, the domain of an email address --------------
//
// RFC 1123 host names: labels of letters, digits and hyphens, 1-63 characters each, not
// beginning or ending with a hyphen, at most 253 characters in all, no trailing dot. A last
// label of only digits is refused so that an IPv4 address (192.168.0.1) is not taken for a
// domain: the spec asks for a domain, and journy.io matches accounts by domain name.
// We do not consult the public-suffix list, so "registrable" (top-level-domain) cannot be
// told apart from a subdomain: acme.co.uk and www.acme.com are both accepted. What we can
// check is that it is a bare host name: people paste URLs (https://acme.com/pricing), host
// and port (acme.com:443) or email addresses, and each gets its own message.
enum class HostProblem { None, Empty, Scheme, Space, Path, Port, UserInfo, NoDot, Invalid };

HostProblem hostProblem(QStringView value, bool requireDot)
{
    if (value.isEmpty())
        return HostProblem::Empty;
    if (value.contains(u"://"))
        return HostProblem::Scheme;
    bool hasDot = false;
    for (QChar c : value) {
        if (c.isSpace())
            return HostProblem::Space;
        hasDot = hasDot || c == u'.';
    }
    if (value.contains(u'/') || value.contains(u'?') || value.contains(u'#'))
        return HostProblem::Path;
    if (value.contains(u'@'))
        return HostProblem::UserInfo;
    if (value.contains(u':'))
        return HostProblem::Port;
    if (requireDot && !hasDot)
        return HostProblem::NoDot;
    if (value.size() > 253)
        return HostProblem::Invalid;

    qsizetype labelStart = 0;
    bool lastLabelAllDigits = true;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i < value.size() && value.at(i) != u'.')
            continue;
        const QStringView label = value.sliced(labelStart, i - labelStart);
        if (label.isEmpty() || label.size() > 63 || label.front() == u'-' || label.back() == u'-')
            return HostProblem::Invalid;
        lastLabelAllDigits = true;
        for (QChar c : label) {
            if (!isAsciiLetterOrDigit(c) && c != u'-' && !isNonAsciiWordCharacter(c))
                return HostProblem::Invalid;
            lastLabelAllDigits = lastLabelAllDigits && isAsciiDigit(c);
        }
        labelStart = i + 1;
    }
    if (lastLabelAllDigits)
        return HostProblem::Invalid;
    return HostProblem::None;
}

QString hostMessage(HostProblem problem, bool registrable)
{
    switch (problem) {
    case HostProblem::None:
        return {};
    case HostProblem::Empty:
        return tr("must not be empty");
    case HostProblem::Scheme:
        return registrable ? tr("must be a domain name without a scheme: acme-inc.com, not "
                                "https://acme-inc.com")
                           : tr("must be a host name without a scheme: www.acme-inc.com, not "
                                "https://www.acme-inc.com");
    case HostProblem::Space:
        return tr("must not contain spaces");
    case HostProblem::Path:
        return tr("must be a domain name only, without a path");
    case HostProblem::Port:
        return tr("must be a domain name without a port");
    case HostProblem::UserInfo:
        return tr("must be a domain name, not an email address");
    case HostProblem::NoDot:
        return tr("must contain at least one dot, e.g. acme-inc.com");
    case HostProblem::Invalid:
        return registrable ? tr("must be a valid domain name, e.g. acme-inc.com")
                           : tr("must be a valid host name, e.g. www.acme-inc.com");
    }
    return {};
}

// ---- email -----------------------------------------------------------------------------
//
// A pragmatic subset of RFC 5321/5322 that accepts every address people actually use and
// refuses typing and pasting mistakes: "Name <a@b.com>", "a@b", "a@@b.com", "a b@c.com",
// "a..b@c.com". Quoted local parts ("a b"@c.com) and address literals (a@[10.0.0.1]) are
// valid RFC 5322 but not deliverable through ordinary providers; we refuse them. The
// domain must have a dot: a customer's address is never at a bare intranet host.
bool isLocalPartCharacter(QChar c)
{
    static constexpr QStringView specials = u"!#$%&'*+-/=?^_`{|}~";
    return isAsciiLetterOrDigit(c) || specials.contains(c) || isNonAsciiWordCharacter(c);
}

bool emailIsValid(QStringView value)
{
    if (value.size() > 254)
        return false;
    const qsizetype at = value.lastIndexOf(u'@');
    if (at <= 0 || at > 64)
        return false;
    const QStringView local = value.first(at);
    if (local.front() == u'.' || local.back() == u'.')
        return false;
    QChar previous;
    for (QChar c : local) {
        if (c == u'.') {
            if (previous == u'.')
                return false;
        } else if (!isLocalPartCharacter(c)) {
            return false; // includes a second '@', spaces, quotes, angle brackets
        }
        previous = c;
    }
    return hostProblem(value.sliced(at + 1), true) == HostProblem::None;
}

// ---- datetime --------------------------------------------------------------------------
//
// "ISO 8601" says the spec. ISO 8601 also allows dates without times, times without zones
// and week dates; a time without a zone is ambiguous (whose 12:00?), so the zone is
// required. We accept the RFC 3339 profile that JSON APIs and QDateTime::toString(
// Qt::ISODate) use: seconds required, fraction of 1-9 digits optional, Z or +HH:MM/-HH:MM.
// Leap seconds (:60) are refused because QDateTime, and most servers, cannot hold them.
enum class DateTimeProblem { None, NoZone, Invalid };

bool readDigits(QStringView value, qsizetype &pos, int count, int &out)
{
    if (pos + count > value.size())
        return false;
    out = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = value.at(pos + i);
        if (!isAsciiDigit(c))
            return false;
        out = out * 10 + (c.unicode() - '0');
    }
    pos += count;
    return true;
}

bool readChar(QStringView value, qsizetype &pos, char16_t expected)
{
    if (pos >= value.size() || value.at(pos).unicode() != expected)
        return false;
    ++pos;
    return true;
}

DateTimeProblem dateTimeProblem(QStringView value)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(value, pos, 4, year) || !readChar(value, pos, u'-') ||
        !readDigits(value, pos, 2, month) || !readChar(value, pos, u'-') ||
        !readDigits(value, pos, 2, day))
        return DateTimeProblem::Invalid;
    if (!readChar(value, pos, u'T') && !readChar(value, pos, u't'))
        return DateTimeProblem::Invalid;
    if (!readDigits(value, pos, 2, hour) || !readChar(value, pos, u':') ||
        !readDigits(value, pos, 2, minute) || !readChar(value, pos, u':') ||
        !readDigits(value, pos, 2, second))
        return DateTimeProblem::Invalid;
    if (!QDate::isValid(year, month, day) || hour > 23 || minute > 59 || second > 59)
        return DateTimeProblem::Invalid;
    if (readChar(value, pos, u'.')) {
        const qsizetype start = pos;
        while (pos < value.size() && isAsciiDigit(value.at(pos)))
            ++pos;
        if (pos == start || pos - start > 9)
            return DateTimeProblem::Invalid;
    }
    if (pos == value.size())
        return DateTimeProblem::NoZone;
    if (readChar(value, pos, u'Z') || readChar(value, pos, u'z'))
        return pos == value.size() ? DateTimeProblem::None : DateTimeProblem::Invalid;
    if (!readChar(value, pos, u'+') && !readChar(value, pos, u'-'))
        return DateTimeProblem::Invalid;
    int offsetHours = 0, offsetMinutes = 0;
    if (!readDigits(value, pos, 2, offsetHours) || !readChar(value, pos, u':') ||
        !readDigits(value, pos, 2, offsetMinutes) || pos != value.size())
        return DateTimeProblem::Invalid;
    if (offsetHours > 23 || offsetMinutes > 59)
        return DateTimeProblem::Invalid;
    return DateTimeProblem::None;
}

// ---- non-empty-string ------------------------------------------------------------------
//
// Used for /link's deviceId (a cookie value) and for the items of list properties (tags).
// A value of only spaces is as empty as "" for both: no cookie is blank, and a blank tag
// shows as nothing in journy.io. So at least one character must not be white space.
bool nonEmptyIsValid(QStringView value)
{
    for (QChar c : value) {
        if (!c.isSpace())
            return true;
    }
    return false;
}

} // namespace

namespace Formats {

Format fromName(QStringView name)
{
    if (name == u"email")
        return Format::Email;
    if (name == u"non-empty-string")
        return Format::NonEmptyString;
    if (name == u"user-id")
        return Format::UserId;
    if (name == u"account-id")
        return Format::AccountId;
    if (name == u"event-name")
        return Format::EventName;
    if (name == u"datetime")
        return Format::DateTime;
    if (name == u"top-level-domain")
        return Format::TopLevelDomain;
    if (name == u"domain")
        return Format::Domain;
    return Format::Unknown;
}

QString name(Format format)
{
    switch (format) {
    case Format::Unknown:
        return {};
    case Format::Email:
        return u"email"_s;
    case Format::NonEmptyString:
        return u"non-empty-string"_s;
    case Format::UserId:
        return u"user-id"_s;
    case Format::AccountId:
        return u"account-id"_s;
    case Format::EventName:
        return u"event-name"_s;
    case Format::DateTime:
        return u"datetime"_s;
    case Format::TopLevelDomain:
        return u"top-level-domain"_s;
    case Format::Domain:
        return u"domain"_s;
    }
    return {};
}

bool isValid(Format format, QStringView value)
{
    switch (format) {
    case Format::Unknown:
        return true;
    case Format::Email:
        return emailIsValid(value);
    case Format::NonEmptyString:
        return nonEmptyIsValid(value);
    case Format::UserId:
    case Format::AccountId:
    case Format::EventName:
        return identifierProblem(value) == IdentifierProblem::None;
    case Format::DateTime:
        return dateTimeProblem(value) == DateTimeProblem::None;
    case Format::TopLevelDomain:
        return hostProblem(value, true) == HostProblem::None;
    case Format::Domain:
        return hostProblem(value, false) == HostProblem::None;
    }
    return true;
}

QString problem(Format format, QStringView value)
{
    switch (format) {
    case Format::Unknown:
        return {};
    case Format::Email:
        if (emailIsValid(value))
            return {};
        return value.isEmpty() ? tr("must not be empty") : tr("must be a valid email address");
    case Format::NonEmptyString:
        return nonEmptyIsValid(value) ? QString() : tr("must not be empty");
    case Format::UserId:
    case Format::AccountId:
    case Format::EventName:
        return identifierMessage(identifierProblem(value));
    case Format::DateTime:
        switch (dateTimeProblem(value)) {
        case DateTimeProblem::None:
            return {};
        case DateTimeProblem::NoZone:
            return tr("must include a time zone: Z or an offset such as +01:00");
        case DateTimeProblem::Invalid:
            return tr("must be a date and time in ISO 8601 with a time zone, e.g. "
                      "2026-03-01T12:00:00Z");
        }
        return {};
    case Format::TopLevelDomain:
        return hostMessage(hostProblem(value, true), true);
    case Format::Domain:
        return hostMessage(hostProblem(value, false), false);
    }
    return {};
}

QString noun(Format format)
{
    switch (format) {
    case Format::Unknown:
        return tr("a string");
    case Format::Email:
        return tr("an email address");
    case Format::NonEmptyString:
        return tr("a non-empty string");
    case Format::UserId:
        return tr("a user ID");
    case Format::AccountId:
        return tr("an account ID");
    case Format::EventName:
        return tr("an event name");
    case Format::DateTime:
        return tr("a date and time (ISO 8601)");
    case Format::TopLevelDomain:
        return tr("a domain name");
    case Format::Domain:
        return tr("a host name");
    }
    return tr("a string");
}

bool isValidEmail(QStringView value)
{
    return isValid(Format::Email, value);
}
bool isNonEmptyString(QStringView value)
{
    return isValid(Format::NonEmptyString, value);
}
bool isValidUserId(QStringView value)
{
    return isValid(Format::UserId, value);
}
bool isValidAccountId(QStringView value)
{
    return isValid(Format::AccountId, value);
}
bool isValidEventName(QStringView value)
{
    return isValid(Format::EventName, value);
}
bool isValidDateTime(QStringView value)
{
    return isValid(Format::DateTime, value);
}
bool isValidTopLevelDomain(QStringView value)
{
    return isValid(Format::TopLevelDomain, value);
}
bool isValidDomain(QStringView value)
{
    return isValid(Format::Domain, value);
}

} // namespace Formats
