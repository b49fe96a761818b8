#include "identityverification.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace IdentityVerification {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("IdentityVerification", text);
}

QString hex4(char32_t code)
{
    return QString::number(uint(code), 16).rightJustified(4, u'0');
}

bool isControl(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

bool hasControl(const QString &text)
{
    for (const char32_t c : text.toUcs4()) {
        if (isControl(c))
            return true;
    }
    return false;
}

// 'text' with \ and ' escaped: PHP and Ruby read such literals the same way.
QString singleQuoted(const QString &text)
{
    QString out = u"'"_s;
    for (const QChar c : text) {
        if (c == u'\\' || c == u'\'')
            out += u'\\';
        out += c;
    }
    return out + u'\'';
}

// "text" for PHP and Ruby: control characters as \u{…}, plus the characters that would
// start an interpolation ($ in PHP, # in Ruby).
QString doubleQuoted(const QString &text, QChar interpolation)
{
    QString out = u"\""_s;
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'\\':
            out += u"\\\\"_s;
            break;
        case U'"':
            out += u"\\\""_s;
            break;
        case U'\n':
            out += u"\\n"_s;
            break;
        case U'\r':
            out += u"\\r"_s;
            break;
        case U'\t':
            out += u"\\t"_s;
            break;
        default:
            if (c == char32_t(interpolation.unicode())) {
                out += u'\\' + QString(interpolation);
            } else if (isControl(c)) {
                out += u"\\u{"_s + QString::number(uint(c), 16) + u'}';
            } else {
                out += QString::fromUcs4(&c, 1);
            }
        }
    }
    return out + u'"';
}

bool isJsIdentifier(const QString &key)
{
    static const QRegularExpression identifier(u"^[A-Za-z_$][A-Za-z0-9_$]*$"_s);
    return identifier.match(key).hasMatch();
}

QString jsKey(const QString &key)
{
    return isJsIdentifier(key) ? key : javaScriptLiteral(key);
}

QString jsValue(const QJsonValue &value, int indent);

QString jsObjectBody(const QList<std::pair<QString, QString>> &fields, int indent)
{
    if (fields.isEmpty())
        return u"{}"_s;
    const QString pad(indent + 2, u' ');
    QString out = u"{\n"_s;
    for (const auto &[key, value] : fields)
        out += pad + jsKey(key) + u": "_s + value + u",\n"_s;
    return out + QString(indent, u' ') + u'}';
}

QString jsValue(const QJsonValue &value, int indent)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::String:
        return javaScriptLiteral(value.toString());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return u"[]"_s;
        QStringList items;
        for (const QJsonValue &item : array)
            items.append(jsValue(item, indent));
        return u'[' + items.join(u", "_s) + u']';
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QList<std::pair<QString, QString>> fields;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            fields.append({it.key(), jsValue(it.value(), indent + 2)});
        return jsObjectBody(fields, indent);
    }
    }
    return u"null"_s;
}
} // namespace

QByteArray hmacHexBytes(QByteArrayView message, QByteArrayView key)
{
    return QMessageAuthenticationCode::hash(message.toByteArray(), key.toByteArray(),
                                            QCryptographicHash::Sha256)
        .toHex();
}

QString hmacHex(const QString &id, const QString &secret)
{
    return QString::fromLatin1(hmacHexBytes(id.toUtf8(), secret.toUtf8()));
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

bool isWellFormedDigest(QStringView hash)
{
    const QStringView trimmed = hash.trimmed();
    if (trimmed.size() != 64)
        return false;
    for (const QChar c : trimmed) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return true;
}

bool verify(QStringView hash, const QString &id, const QString &secret)
{
    // Non-Latin-1 characters become '?', which never matches a hex digit.
    const QByteArray given = hash.trimmed().toString().toLower().toLatin1();
    return constantTimeEquals(given, hmacHexBytes(id.toUtf8(), secret.toUtf8()));
}

QList<Language> languages()
{
    return {Language::Php, Language::NodeJs, Language::Ruby, Language::Python};
}

QString languageName(Language language)
{
    switch (language) {
    case Language::Php:
        return u"PHP"_s;
    case Language::NodeJs:
        return u"Node.js"_s;
    case Language::Ruby:
        return u"Ruby"_s;
    case Language::Python:
        return u"Python"_s;
    }
    return {};
}

QString phpLiteral(const QString &text)
{
    return hasControl(text) ? doubleQuoted(text, u'$') : singleQuoted(text);
}

QString rubyLiteral(const QString &text)
{
    return hasControl(text) ? doubleQuoted(text, u'#') : singleQuoted(text);
}

QString pythonLiteral(const QString &text)
{
    QString out = u"'"_s;
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'\\':
            out += u"\\\\"_s;
            break;
        case U'\'':
            out += u"\\'"_s;
            break;
        case U'\n':
            out += u"\\n"_s;
            break;
        case U'\r':
            out += u"\\r"_s;
            break;
        case U'\t':
            out += u"\\t"_s;
            break;
        default:
            if (isControl(c))
                out += u"\\u"_s + hex4(c);
            else
                out += QString::fromUcs4(&c, 1);
        }
    }
    return out + u'\'';
}

QString javaScriptLiteral(const QString &text)
{
    QString out = u"\""_s;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        case u'<': // keeps "</script>" from ending an inline script
            out += u"\\u003c"_s;
            break;
        default:
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                out += c;
                out += text.at(++i);
            } else if (isControl(c.unicode()) || c.isSurrogate()) {
                // \uXXXX keeps exactly the same UTF-16 code units in the JavaScript string.
                out += u"\\u"_s + hex4(c.unicode());
            } else {
                out += c;
            }
        }
    }
    return out + u'"';
}

QString serverCode(Language language, const QString &id, SecretSource source, const QString &secret)
{
    const bool inline_ = source == SecretSource::Inline;
    const QString variable = SecretVariable.toString();
    switch (language) {
    case Language::Php:
        return u"<?php\n\n$verification = hash_hmac(\n"
               "  'sha256', // hash function\n"
               "  "_s +
               phpLiteral(id) + u", // user or account ID\n  "_s +
               (inline_ ? phpLiteral(secret) : u"getenv('"_s + variable + u"')"_s) +
               u" // secret key (keep safe!)\n);\n"_s;
    case Language::NodeJs:
        return u"import { createHmac } from \"crypto\";\n\n"
               "const verification = createHmac(\n"
               "  \"sha256\", // hash function\n  "_s +
               (inline_ ? javaScriptLiteral(secret) : u"process.env."_s + variable) +
               u" // secret key (keep safe!)\n).update("_s + javaScriptLiteral(id) +
               u", \"utf8\").digest(\"hex\"); // user or account ID\n"_s;
    case Language::Ruby:
        return u"require \"openssl\"\n\n"
               "verification = OpenSSL::HMAC.hexdigest(\n"
               "  'sha256', # hash function\n  "_s +
               (inline_ ? rubyLiteral(secret) : u"ENV.fetch('"_s + variable + u"')"_s) +
               u", # secret key (keep safe!)\n  "_s + rubyLiteral(id) +
               u" # user or account ID\n)\n"_s;
    case Language::Python:
        return (inline_ ? u"import hashlib\nimport hmac\n\n"_s
                        : u"import hashlib\nimport hmac\nimport os\n\n"_s) +
               u"verification = hmac.new(\n  "_s +
               (inline_ ? u"bytes("_s + pythonLiteral(secret) + u", encoding='utf-8')"_s
                        : u"os.environ['"_s + variable + u"'].encode('utf-8')"_s) +
               u", # secret key (keep safe!)\n  bytes("_s + pythonLiteral(id) +
               u", encoding='utf-8'), # user or account ID\n"
               "  digestmod=hashlib.sha256 # hash function\n).hexdigest()\n"_s;
    }
    return {};
}

QString kindName(BrowserCall::Kind kind)
{
    switch (kind) {
    case BrowserCall::Kind::Identify:
        return u"identify"_s;
    case BrowserCall::Kind::Account:
        return u"account"_s;
    case BrowserCall::Kind::Event:
        return u"event"_s;
    case BrowserCall::Kind::Screen:
        return u"screen"_s;
    case BrowserCall::Kind::Pageview:
        return u"pageview"_s;
    }
    return {};
}

QString verifiedId(const BrowserCall &call)
{
    return call.kind == BrowserCall::Kind::Identify ? call.userId : call.accountId;
}

BrowserCall withVerification(BrowserCall call, const QString &secret)
{
    const QString id = verifiedId(call);
    call.verification = id.isEmpty() || secret.isEmpty() ? QString() : hmacHex(id, secret);
    return call;
}

QString browserCallProblem(const BrowserCall &call)
{
    using Kind = BrowserCall::Kind;
    switch (call.kind) {
    case Kind::Identify:
        if (call.userId.isEmpty() && call.email.isEmpty())
            return tr("identify needs a user ID or an email address.");
        break;
    case Kind::Account:
        if (call.accountId.isEmpty())
            return tr("account needs an account ID.");
        break;
    case Kind::Event:
    case Kind::Screen:
        if (call.name.isEmpty())
            return call.kind == Kind::Event ? tr("event needs a name.")
                                            : tr("screen needs a name.");
        break;
    case Kind::Pageview:
        break;
    }
    if (!call.verification.isEmpty() && verifiedId(call).isEmpty())
        return tr("verification is the hash of the user ID (identify) or the account ID "
                  "(other calls); this call has no such ID.");
    return {};
}

QString browserSnippet(const BrowserCall &call)
{
    using Kind = BrowserCall::Kind;
    QList<std::pair<QString, QString>> fields;
    auto add = [&fields](const QString &key, const QString &value) {
        if (!value.isEmpty())
            fields.append({key, javaScriptLiteral(value)});
    };
    switch (call.kind) {
    case Kind::Identify:
        add(u"userId"_s, call.userId);
        add(u"email"_s, call.email);
        break;
    case Kind::Account:
        add(u"accountId"_s, call.accountId);
        break;
    case Kind::Event:
    case Kind::Screen:
        add(u"name"_s, call.name);
        add(u"accountId"_s, call.accountId);
        break;
    case Kind::Pageview:
        add(u"accountId"_s, call.accountId);
        break;
    }
    add(u"verification"_s, call.verification);
    if ((call.kind == Kind::Identify || call.kind == Kind::Account) && !call.properties.isEmpty())
        fields.append({u"properties"_s, jsValue(call.properties, 2)});
    if (call.kind == Kind::Event && !call.metadata.isEmpty())
        fields.append({u"metadata"_s, jsValue(call.metadata, 2)});

    const QString name = javaScriptLiteral(kindName(call.kind));
    if (fields.isEmpty())
        return u"journy("_s + name + u");\n"_s;
    return u"journy("_s + name + u", "_s + jsObjectBody(fields, 0) + u");\n"_s;
}

} // namespace IdentityVerification
