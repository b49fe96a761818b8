#include "requestcode.h"

#include "api/operation.h"
#include "identity/identityverification.h"
#include "secrets/redaction.h"
#include "validation/validator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace RequestCode {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("RequestCode", text);
}

const QString DefaultRoot = u"https://api.journy.io"_s;
const QString KeyVariable = u"JOURNY_API_KEY"_s;

// The request with every secret the process knows hidden, ready to be written as code.
struct Request {
    const Operation *operation = nullptr;
    QByteArray method;
    QString url;  // fully encoded, with the query
    QString root; // scheme, host, port and base path, without the operation's path
    QList<std::pair<QString, QString>> query;
    HeaderList headers; // secret headers' values are placeholders
    bool hasKeyHeader = false;
    QByteArray body;
    QJsonObject json; // the body, when it is a JSON object
};

Request prepare(const QString &operationId, const SentRequest &sent)
{
    Request request;
    request.operation = OperationCatalogue::find(operationId);
    request.method = sent.method;
    request.url = Redaction::redact(sent.url.toString(QUrl::FullyEncoded));
    QUrl root = sent.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = root.path();
    if (request.operation && path.endsWith(request.operation->path))
        path.chop(request.operation->path.size());
    while (path.endsWith(u'/'))
        path.chop(1);
    root.setPath(path);
    request.root = Redaction::redact(root.toString(QUrl::FullyEncoded));
    for (const auto &[name, value] : QUrlQuery(sent.url).queryItems(QUrl::FullyDecoded))
        request.query.append({Redaction::redact(name), Redaction::redact(value)});
    request.headers = Redaction::redactHeaders(sent.headers);
    for (const auto &[name, value] : std::as_const(request.headers)) {
        if (name.compare("X-Api-Key", Qt::CaseInsensitive) == 0)
            request.hasKeyHeader = true;
    }
    request.body = Redaction::redact(sent.body);
    request.json = QJsonDocument::fromJson(request.body).object();
    return request;
}

QString number(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

enum class Lang { Js, Python, Php };

QString literal(Lang lang, const QString &text)
{
    switch (lang) {
    case Lang::Js:
        return IdentityVerification::javaScriptLiteral(text);
    case Lang::Python:
        return IdentityVerification::pythonLiteral(text);
    case Lang::Php:
        return IdentityVerification::phpLiteral(text);
    }
    return {};
}

// A JSON value as a literal of the language, objects spread over lines at `indent`.
QString value(Lang lang, const QJsonValue &v, int indent)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return lang == Lang::Python ? u"None"_s : u"null"_s;
    case QJsonValue::Bool:
        if (lang == Lang::Python)
            return v.toBool() ? u"True"_s : u"False"_s;
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return number(v.toDouble());
    case QJsonValue::String:
        return literal(lang, v.toString());
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items.append(value(lang, item, indent));
        return u'[' + items.join(u", "_s) + u']';
    }
    case QJsonValue::Object: {
        const QJsonObject object = v.toObject();
        if (object.isEmpty())
            return lang == Lang::Php ? u"[]"_s : u"{}"_s;
        const QString pad(indent + 4, u' ');
        QString out = lang == Lang::Php ? u"[\n"_s : u"{\n"_s;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = lang == Lang::Js ? IdentityVerification::javaScriptLiteral(it.key())
                                                 : literal(lang, it.key());
            out += pad + key + (lang == Lang::Php ? u" => "_s : u": "_s) +
                   value(lang, it.value(), indent + 4) + u",\n"_s;
        }
        return out + QString(indent, u' ') + (lang == Lang::Php ? u']' : u'}');
    }
    }
    return {};
}

// Fields of an identification object as "key: value" pairs (JS) or "key" => value (PHP).
QStringList fields(Lang lang, const QList<std::pair<QString, QJsonValue>> &pairs, int indent)
{
    QStringList lines;
    for (const auto &[key, v] : pairs) {
        if (v.isUndefined())
            continue;
        lines.append(lang == Lang::Php
                         ? QString(literal(Lang::Php, key) + u" => "_s + value(lang, v, indent))
                         : QString(key + u": "_s + value(lang, v, indent)));
    }
    return lines;
}

QString block(Lang lang, const QStringList &lines, int indent)
{
    const QString pad(indent + 4, u' ');
    QString out = lang == Lang::Php ? u"[\n"_s : u"{\n"_s;
    for (const QString &line : lines)
        out += pad + line + u",\n"_s;
    return out + QString(indent, u' ') + (lang == Lang::Php ? u']' : u'}');
}

// UserIdentified / AccountIdentified in each SDK's spelling.
QString identified(Lang lang, bool user, const QJsonObject &identification)
{
    const QString idKey = user ? u"userId"_s : u"accountId"_s;
    const QString otherKey = user ? u"email"_s : u"domain"_s;
    const QString type = user ? u"UserIdentified"_s : u"AccountIdentified"_s;
    const QString id = identification.value(idKey).toString();
    const QString other = identification.value(otherKey).toString();
    const QString sep = lang == Lang::Php ? u"::"_s : u"."_s;
    QString byId = user ? u"byUserId"_s : u"byAccountId"_s;
    QString byOther = user ? u"byEmail"_s : u"byDomain"_s;
    if (lang == Lang::Python) {
        byId = user ? u"by_user_id"_s : u"by_account_id"_s;
        byOther = user ? u"by_email"_s : u"by_domain"_s;
    }
    if (!id.isEmpty() && !other.isEmpty()) {
        return (lang == Lang::Python ? QString() : u"new "_s) + type + u'(' + literal(lang, id) +
               u", "_s + literal(lang, other) + u')';
    }
    if (!other.isEmpty())
        return type + sep + byOther + u'(' + literal(lang, other) + u')';
    return type + sep + byId + u'(' + literal(lang, id) + u')';
}

bool hasNumbersOrBooleans(const QJsonObject &object)
{
    for (const QJsonValue &v : object) {
        if (v.isDouble() || v.isBool())
            return true;
    }
    return false;
}

bool hasNull(const QJsonObject &object)
{
    for (const QJsonValue &v : object) {
        if (v.isNull())
            return true;
    }
    return false;
}

bool hasFraction(const QJsonObject &object)
{
    for (const QJsonValue &v : object) {
        if (v.isDouble() && v.toDouble() != std::floor(v.toDouble()))
            return true;
    }
    return false;
}

bool hasUpperCaseKey(const QJsonObject &object)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() != it.key().toLower())
            return true;
    }
    return false;
}

QString notInSdk(const QString &sdk, const QString &method)
{
    return tr("%1 has no %2(): the spec's code sample for this operation calls it, but the SDK "
              "does not provide it. Use the curl or journyctl form instead.")
        .arg(sdk, method);
}

// The spec's sample method names, for the operations an SDK lacks.
QString sampleMethod(const QString &operationId, Lang lang)
{
    static const QHash<QString, std::pair<QString, QString>> names = {
        {u"deleteUser"_s, {u"deleteUser"_s, u"delete_user"_s}},
        {u"deleteAccount"_s, {u"deleteAccount"_s, u"delete_account"_s}},
        {u"addUserToAccount"_s, {u"addUsersToAccount"_s, u"add_users_to_account"_s}},
        {u"removeUserFromAccount"_s, {u"removeUsersFromAccount"_s, u"remove_users_from_account"_s}},
        {u"getEvents"_s, {u"getEvents"_s, u"get_events"_s}},
        {u"getUserProperties"_s, {u"getUserProperties"_s, u"get_user_properties"_s}},
        {u"getAccountProperties"_s, {u"getAccountProperties"_s, u"get_account_properties"_s}},
        {u"getUserSegments"_s, {u"getUserSegments"_s, u"get_user_segments"_s}},
        {u"getAccountSegments"_s, {u"getAccountSegments"_s, u"get_account_segments"_s}},
    };
    const auto pair = names.value(operationId);
    return lang == Lang::Python ? pair.second : pair.first;
}

QString keyExpression(Lang lang, const Options &options)
{
    if (options.includeApiKey)
        return literal(lang, options.apiKey);
    switch (lang) {
    case Lang::Js:
        return u"process.env."_s + KeyVariable;
    case Lang::Python:
        return u"os.environ["_s + literal(Lang::Python, KeyVariable) + u']';
    case Lang::Php:
        return u"getenv("_s + literal(Lang::Php, KeyVariable) + u')';
    }
    return {};
}

QString triggeredAtNote(const QJsonObject &body)
{
    return body.contains(u"triggeredAt"_s) ? tr("The SDK formats triggeredAt itself from the "
                                                "date object, so its text may differ.")
                                           : QString();
}

void addNote(QStringList &notes, const QString &note)
{
    if (!note.isEmpty())
        notes.append(note);
}

// --- curl ---------------------------------------------------------------------------------

Code curl(const Request &request, const Options &options)
{
    QStringList parts{u"curl -X "_s + QString::fromLatin1(request.method) + u' ' +
                      shellQuote(request.url)};
    for (const auto &[name, v] : request.headers) {
        // curl sends its own User-Agent, Host and Content-Length.
        if (name.compare("User-Agent", Qt::CaseInsensitive) == 0 ||
            name.compare("Host", Qt::CaseInsensitive) == 0 ||
            name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            continue;
        const QString headerName = QString::fromLatin1(name);
        if (name.compare("X-Api-Key", Qt::CaseInsensitive) == 0) {
            parts.append(options.includeApiKey
                             ? QString(u"-H "_s + shellQuote(headerName + u": "_s + options.apiKey))
                             : QString(u"-H \""_s + headerName + u": $"_s + KeyVariable + u'"'));
            continue;
        }
        parts.append(u"-H "_s + shellQuote(headerName + u": "_s + QString::fromUtf8(v)));
    }
    if (!request.body.isEmpty())
        parts.append(u"--data-raw "_s + shellQuote(QString::fromUtf8(request.body)));
    Code code;
    code.format = Format::Curl;
    code.code = parts.join(u" \\\n  "_s) + u'\n';
    if (request.hasKeyHeader && !options.includeApiKey)
        code.note = tr("Set JOURNY_API_KEY in the environment first.");
    return code;
}

// --- journyctl ----------------------------------------------------------------------------

Code journyctl(const Request &request, const Options &options)
{
    Code code;
    code.format = Format::JournyCtl;
    if (!request.operation) {
        code.available = false;
        code.note = tr("journyctl only sends the operations of the API.");
        return code;
    }
    QStringList words;
    if (options.includeApiKey)
        words.append(KeyVariable + u'=' + shellQuote(options.apiKey));
    words << u"journyctl"_s << u"send"_s << request.operation->id << u"--base-url"_s
          << shellQuote(request.root);
    for (const auto &[name, v] : request.query)
        words << u"--query"_s << shellQuote(name + u'=' + v);
    QStringList notes;
    QueryItems query;
    for (const auto &[name, v] : request.query)
        query.append({name, v});
    if (!Validator::instance().validate(request.operation->id, request.json, query).isEmpty()) {
        words << u"--no-validate"_s;
        notes << tr("The request does not pass validation; --no-validate sends it anyway.");
    }
    QString text = words.join(u' ');
    if (request.operation->hasBody && !request.body.isEmpty()) {
        // A quoted here-document keeps the body literal; its end marker must not occur in it.
        QString marker = u"JSON"_s;
        const QStringList lines = QString::fromUtf8(request.body).split(u'\n');
        for (int i = 2; lines.contains(marker); ++i)
            marker = u"JSON"_s + QString::number(i);
        QString body = QString::fromUtf8(request.body);
        if (!body.endsWith(u'\n'))
            body += u'\n';
        text += u" --data - <<'"_s + marker + u"'\n"_s + body + marker;
        notes << tr("journyctl re-serialises the JSON body (keys in alphabetical order, no "
                    "whitespace); the content is the same.");
    }
    code.code = text + u'\n';
    if (request.hasKeyHeader && !options.includeApiKey)
        notes.prepend(tr("Set JOURNY_API_KEY in the environment first (or use --profile NAME "
                         "instead of --base-url)."));
    code.note = notes.join(u' ');
    return code;
}

// --- Node.js SDK (@journyio/sdk 3.1.0) ----------------------------------------------------

Code nodeSdk(const Request &request, const Options &options)
{
    Code code;
    code.format = Format::NodeSdk;
    const QString sdk = u"@journyio/sdk 3.1.0"_s;
    const QString op = request.operation ? request.operation->id : QString();
    const QJsonObject &body = request.json;
    QStringList notes;
    QStringList imports{u"Client"_s};
    QString statements;
    QString call;

    if (op == u"upsertUser"_s || op == u"upsertAccount"_s || op == u"link"_s) {
        const bool isUser = op != u"upsertAccount"_s;
        const QJsonObject identification = body.value(u"identification"_s).toObject();
        QList<std::pair<QString, QJsonValue>> pairs;
        if (op == u"link"_s)
            pairs.append({u"deviceId"_s, body.value(u"deviceId"_s)});
        if (isUser) {
            pairs.append({u"userId"_s, identification.value(u"userId"_s)});
            pairs.append({u"email"_s, identification.value(u"email"_s)});
        } else {
            pairs.append({u"accountId"_s, identification.value(u"accountId"_s)});
            pairs.append({u"domain"_s, identification.value(u"domain"_s)});
        }
        const QJsonObject properties = body.value(u"properties"_s).toObject();
        if (body.contains(u"properties"_s))
            pairs.append({u"properties"_s, properties});
        call =
            u"await client."_s + op + u'(' + block(Lang::Js, fields(Lang::Js, pairs, 4), 0) + u')';
        if (hasNumbersOrBooleans(properties))
            notes << tr("The SDK sends numbers and booleans as strings.");
        if (hasNull(properties))
            notes << tr("The SDK leaves out properties set to null, so it cannot delete them.");
    } else if (op == u"trackEvent"_s || op == u"trackJourneyEvent"_s) {
        imports << u"Event"_s;
        const QJsonObject identification = body.value(u"identification"_s).toObject();
        const bool hasUser = identification.contains(u"user"_s);
        const bool hasAccount = identification.contains(u"account"_s);
        const QString user = identified(Lang::Js, true, identification.value(u"user"_s).toObject());
        const QString account =
            identified(Lang::Js, false, identification.value(u"account"_s).toObject());
        if (hasUser)
            imports << u"UserIdentified"_s;
        if (hasAccount)
            imports << u"AccountIdentified"_s;
        const QString name = literal(Lang::Js, body.value(u"name"_s).toString());
        QString event = hasUser && hasAccount ? QString(u"Event.forUserInAccount("_s + name +
                                                        u", "_s + user + u", "_s + account + u')')
                        : hasAccount
                            ? QString(u"Event.forAccount("_s + name + u", "_s + account + u')')
                            : QString(u"Event.forUser("_s + name + u", "_s + user + u')');
        if (body.contains(u"triggeredAt"_s))
            event += u"\n  .happenedAt(new Date("_s +
                     literal(Lang::Js, body.value(u"triggeredAt"_s).toString()) + u"))"_s;
        const QJsonObject metadata = body.value(u"metadata"_s).toObject();
        if (!metadata.isEmpty())
            event += u"\n  .withMetadata("_s + value(Lang::Js, metadata, 2) + u')';
        statements = u"const event = "_s + event + u";\n\n"_s;
        call = u"await client.addEvent(event)"_s;
        notes << (op == u"trackEvent"_s
                      ? tr("In %1, addEvent() posts to the deprecated POST /events, not to "
                           "POST /track.")
                            .arg(sdk)
                      : tr("addEvent() posts to POST /events, this deprecated endpoint."));
        if (hasNumbersOrBooleans(metadata))
            notes << tr("The SDK sends numbers and booleans in metadata as strings.");
        addNote(notes, triggeredAtNote(body));
    } else if (op == u"getTrackingSnippet"_s) {
        QString domain;
        for (const auto &[name, v] : request.query) {
            if (name == u"domain"_s)
                domain = v;
        }
        call =
            u"await client.getTrackingSnippet({ domain: "_s + literal(Lang::Js, domain) + u" })"_s;
    } else if (op == u"getValidity"_s) {
        call = u"await client.getApiKeyDetails()"_s;
    } else {
        code.available = false;
        code.note = request.operation ? notInSdk(sdk, sampleMethod(op, Lang::Js))
                                      : tr("Not an operation of the API.");
        return code;
    }

    QString text = u"import { "_s + imports.join(u", "_s) + u" } from \"@journyio/sdk\";\n"_s;
    const QString key = keyExpression(Lang::Js, options);
    if (request.root == DefaultRoot) {
        text += u"\nconst client = Client.withDefaults("_s + key + u");\n"_s;
    } else {
        text += u"import { HttpClientNode } from \"@journyio/http\";\n\n"
                "const client = new Client(new HttpClientNode(5000), {\n"
                "  apiKey: "_s +
                key + u",\n  rootUrl: "_s + literal(Lang::Js, request.root) + u",\n});\n"_s;
    }
    text += u'\n' + statements + u"const result = "_s + call;
    text += u";\nconsole.log(result);\n"_s;
    code.code = text;
    code.note = notes.join(u' ');
    return code;
}

// --- Python SDK (journyio-sdk) ------------------------------------------------------------

Code pythonSdk(const Request &request, const Options &options)
{
    Code code;
    code.format = Format::PythonSdk;
    const QString sdk = u"journyio-sdk"_s;
    const QString op = request.operation ? request.operation->id : QString();
    const QJsonObject &body = request.json;
    QStringList notes;
    QStringList clientImports{u"Client"_s, u"Config"_s};
    QStringList imports;
    QString statements;
    QString call;

    auto userOf = [](const QJsonObject &o) { return identified(Lang::Python, true, o); };
    auto accountOf = [](const QJsonObject &o) { return identified(Lang::Python, false, o); };
    auto assignments = [](const QString &variable, const QJsonObject &object) {
        QString out;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            out += variable + u'[' + literal(Lang::Python, it.key()) + u"] = "_s +
                   value(Lang::Python, it.value(), 0) + u'\n';
        return out;
    };
    const QString userImport = u"from journyio.user_identified import UserIdentified"_s;
    const QString accountImport = u"from journyio.account_identified import AccountIdentified"_s;

    if (op == u"upsertUser"_s || op == u"upsertAccount"_s) {
        const bool isUser = op == u"upsertUser"_s;
        clientImports << u"Properties"_s;
        imports << (isUser ? userImport : accountImport);
        const QJsonObject identification = body.value(u"identification"_s).toObject();
        const QJsonObject properties = body.value(u"properties"_s).toObject();
        statements = (isUser ? QString(u"user = "_s + userOf(identification))
                             : QString(u"account = "_s + accountOf(identification))) +
                     u"\n\nproperties = Properties()\n"_s +
                     assignments(u"properties"_s, properties);
        call = isUser ? u"client.upsert_user(user, properties)"_s
                      : u"client.upsert_account(account, properties)"_s;
        if (hasUpperCaseKey(properties))
            notes << tr("The SDK lower-cases property names.");
        if (hasFraction(properties))
            notes << tr(
                "The SDK's Properties accept whole numbers only; fractions raise an error.");
    } else if (op == u"deleteUser"_s || op == u"deleteAccount"_s) {
        const bool isUser = op == u"deleteUser"_s;
        imports << (isUser ? userImport : accountImport);
        const QJsonObject identification = body.value(u"identification"_s).toObject();
        statements = isUser ? QString(u"user = "_s + userOf(identification) + u'\n')
                            : QString(u"account = "_s + accountOf(identification) + u'\n');
        call = isUser ? u"client.delete_user(user)"_s : u"client.delete_account(account)"_s;
    } else if (op == u"addUserToAccount"_s || op == u"removeUserFromAccount"_s) {
        imports << accountImport << userImport;
        QStringList users;
        for (const QJsonValue &member : body.value(u"users"_s).toArray())
            users << u"    "_s + userOf(member.toObject().value(u"identification"_s).toObject()) +
                         u",\n"_s;
        statements = u"account = "_s + accountOf(body.value(u"account"_s).toObject()) +
                     u"\nusers = [\n"_s + users.join(QString()) + u"]\n"_s;
        call = op == u"addUserToAccount"_s ? u"client.add_users_to_account(account, users)"_s
                                           : u"client.remove_users_from_account(account, users)"_s;
    } else if (op == u"link"_s) {
        imports << userImport;
        statements = u"user = "_s + userOf(body.value(u"identification"_s).toObject()) + u'\n';
        call = u"client.link(user, "_s +
               literal(Lang::Python, body.value(u"deviceId"_s).toString()) + u')';
    } else if (op == u"trackEvent"_s || op == u"trackJourneyEvent"_s) {
        const QJsonObject identification = body.value(u"identification"_s).toObject();
        const bool hasUser = identification.contains(u"user"_s);
        const bool hasAccount = identification.contains(u"account"_s);
        const QJsonObject metadata = body.value(u"metadata"_s).toObject();
        imports << (metadata.isEmpty() ? u"from journyio.events import Event"_s
                                       : u"from journyio.events import Event, Metadata"_s);
        if (hasUser)
            imports << userImport;
        if (hasAccount)
            imports << accountImport;
        const QString name = literal(Lang::Python, body.value(u"name"_s).toString());
        if (hasUser)
            statements += u"user = "_s + userOf(identification.value(u"user"_s).toObject()) + u'\n';
        if (hasAccount)
            statements +=
                u"account = "_s + accountOf(identification.value(u"account"_s).toObject()) + u'\n';
        statements += u"\nevent = "_s +
                      (hasUser && hasAccount
                           ? QString(u"Event.for_user_in_account("_s + name + u", user, account)"_s)
                       : hasAccount ? QString(u"Event.for_account("_s + name + u", account)"_s)
                                    : QString(u"Event.for_user("_s + name + u", user)"_s)) +
                      u'\n';
        if (body.contains(u"triggeredAt"_s)) {
            imports.prepend(u"from datetime import datetime"_s);
            statements += u"event = event.happened_at(datetime.fromisoformat("_s +
                          literal(Lang::Python, body.value(u"triggeredAt"_s).toString()) +
                          u"))\n"_s;
            notes << tr("datetime.fromisoformat() reads a trailing “Z” from Python 3.11 on.");
        }
        if (!metadata.isEmpty()) {
            statements += u"\nmetadata = Metadata()\n"_s + assignments(u"metadata"_s, metadata) +
                          u"event = event.with_metadata(metadata)\n"_s;
            if (hasUpperCaseKey(metadata))
                notes << tr("The SDK lower-cases metadata names.");
            if (hasFraction(metadata))
                notes << tr("The SDK's Metadata accept whole numbers only; fractions raise an "
                            "error.");
        }
        call = u"client.add_event(event)"_s;
        if (op == u"trackJourneyEvent"_s)
            notes << tr("add_event() posts to POST /track, the replacement of this deprecated "
                        "endpoint.");
        addNote(notes, triggeredAtNote(body));
    } else if (op == u"getTrackingSnippet"_s) {
        QString domain;
        for (const auto &[name, v] : request.query) {
            if (name == u"domain"_s)
                domain = v;
        }
        call = u"client.get_tracking_snippet("_s + literal(Lang::Python, domain) + u')';
    } else if (op == u"getValidity"_s) {
        call = u"client.get_api_key_details()"_s;
    } else {
        code.available = false;
        code.note = request.operation ? notInSdk(sdk, sampleMethod(op, Lang::Python))
                                      : tr("Not an operation of the API.");
        return code;
    }

    QString text;
    if (!options.includeApiKey)
        text += u"import os\n\n"_s;
    text += u"from journyio.client import "_s + clientImports.join(u", "_s) +
            u"\nfrom journyio.httpclient import HttpClientRequests\n"_s;
    for (const QString &line : std::as_const(imports))
        text += line + u'\n';
    const QString key = keyExpression(Lang::Python, options);
    text +=
        u"\nconfig = Config("_s + key +
        (request.root == DefaultRoot ? QString() : u", "_s + literal(Lang::Python, request.root)) +
        u")\nclient = Client(HttpClientRequests(), config)\n\n"_s;
    text += statements;
    text += u"\nresult = "_s + call + u"\nprint(result)\n"_s;
    code.code = text;
    code.note = notes.join(u' ');
    return code;
}

// --- PHP SDK (journy-io/sdk) --------------------------------------------------------------

Code phpSdk(const Request &request, const Options &options)
{
    Code code;
    code.format = Format::PhpSdk;
    const QString sdk = u"journy-io/sdk"_s;
    const QString op = request.operation ? request.operation->id : QString();
    const QJsonObject &body = request.json;
    QStringList notes;
    QStringList uses{u"JournyIO\\SDK\\Client"_s};
    QString statements;
    QString call;

    auto identificationPairs = [](const QJsonObject &identification, bool user) {
        QList<std::pair<QString, QJsonValue>> pairs;
        if (user) {
            pairs.append({u"userId"_s, identification.value(u"userId"_s)});
            pairs.append({u"email"_s, identification.value(u"email"_s)});
        } else {
            pairs.append({u"accountId"_s, identification.value(u"accountId"_s)});
            pairs.append({u"domain"_s, identification.value(u"domain"_s)});
        }
        return pairs;
    };

    if (op == u"upsertUser"_s || op == u"upsertAccount"_s || op == u"link"_s) {
        const bool isUser = op != u"upsertAccount"_s;
        QList<std::pair<QString, QJsonValue>> pairs;
        if (op == u"link"_s)
            pairs.append({u"deviceId"_s, body.value(u"deviceId"_s)});
        pairs += identificationPairs(body.value(u"identification"_s).toObject(), isUser);
        if (body.contains(u"properties"_s))
            pairs.append({u"properties"_s, body.value(u"properties"_s)});
        call = u"$client->"_s + op + u'(' + block(Lang::Php, fields(Lang::Php, pairs, 4), 0) + u')';
    } else if (op == u"addUserToAccount"_s || op == u"removeUserFromAccount"_s) {
        QStringList users;
        for (const QJsonValue &member : body.value(u"users"_s).toArray())
            users << block(
                Lang::Php,
                fields(Lang::Php,
                       identificationPairs(member.toObject().value(u"identification"_s).toObject(),
                                           true),
                       8),
                4);
        QStringList lines = {
            literal(Lang::Php, u"account"_s) + u" => "_s +
                block(Lang::Php,
                      fields(Lang::Php,
                             identificationPairs(body.value(u"account"_s).toObject(), false), 8),
                      4),
            literal(Lang::Php, u"users"_s) + u" => [\n        "_s + users.join(u",\n        "_s) +
                u",\n    ]"_s};
        call =
            u"$client->"_s +
            (op == u"addUserToAccount"_s ? u"addUsersToAccount"_s : u"removeUsersFromAccount"_s) +
            u'(' + block(Lang::Php, lines, 0) + u')';
        notes << tr("The spec's sample passes AccountIdentified and UserIdentified objects; the "
                    "SDK's Client takes this array.");
    } else if (op == u"trackEvent"_s || op == u"trackJourneyEvent"_s) {
        uses << u"JournyIO\\SDK\\Event"_s;
        const QJsonObject identification = body.value(u"identification"_s).toObject();
        const bool hasUser = identification.contains(u"user"_s);
        const bool hasAccount = identification.contains(u"account"_s);
        if (hasUser)
            uses << u"JournyIO\\SDK\\UserIdentified"_s;
        if (hasAccount)
            uses << u"JournyIO\\SDK\\AccountIdentified"_s;
        const QString user =
            identified(Lang::Php, true, identification.value(u"user"_s).toObject());
        const QString account =
            identified(Lang::Php, false, identification.value(u"account"_s).toObject());
        const QString name = literal(Lang::Php, body.value(u"name"_s).toString());
        statements =
            u"$event = "_s +
            (hasUser && hasAccount ? QString(u"Event::forUserInAccount("_s + name + u", "_s + user +
                                             u", "_s + account + u')')
             : hasAccount ? QString(u"Event::forAccount("_s + name + u", "_s + account + u')')
                          : QString(u"Event::forUser("_s + name + u", "_s + user + u')'));
        if (body.contains(u"triggeredAt"_s))
            statements += u"\n    ->happenedAt(new \\DateTimeImmutable("_s +
                          literal(Lang::Php, body.value(u"triggeredAt"_s).toString()) + u"))"_s;
        const QJsonObject metadata = body.value(u"metadata"_s).toObject();
        if (!metadata.isEmpty())
            statements += u"\n    ->withMetadata("_s + value(Lang::Php, metadata, 4) + u')';
        statements += u";\n\n"_s;
        call = u"$client->addEvent($event)"_s;
        notes << (op == u"trackEvent"_s
                      ? tr("The SDK's addEvent() posts to the deprecated POST /events, not to "
                           "POST /track.")
                      : tr("addEvent() posts to POST /events, this deprecated endpoint."));
        addNote(notes, triggeredAtNote(body));
    } else if (op == u"getTrackingSnippet"_s) {
        QString domain;
        for (const auto &[name, v] : request.query) {
            if (name == u"domain"_s)
                domain = v;
        }
        call = u"$client->getTrackingSnippet("_s + literal(Lang::Php, domain) + u')';
    } else if (op == u"getValidity"_s) {
        call = u"$client->getApiKeyDetails()"_s;
    } else {
        code.available = false;
        code.note = request.operation ? notInSdk(sdk, sampleMethod(op, Lang::Php))
                                      : tr("Not an operation of the API.");
        return code;
    }

    QString text = u"<?php\n\n"_s;
    const QString key = keyExpression(Lang::Php, options);
    if (request.root != DefaultRoot)
        uses << u"Buzz\\Client\\Curl"_s << u"Nyholm\\Psr7\\Factory\\Psr17Factory"_s;
    for (const QString &use : std::as_const(uses))
        text += u"use "_s + use + u";\n"_s;
    if (request.root == DefaultRoot) {
        text += u"\n$client = Client::withDefaults("_s + key + u");\n\n"_s;
    } else {
        text +=
            u"\n$factory = new Psr17Factory();\n"
            "$client = new Client(new Curl($factory, [\"timeout\" => 5]), $factory, $factory, [\n"
            "    \"apiKey\" => "_s +
            key + u",\n    \"rootUrl\" => "_s + literal(Lang::Php, request.root) + u",\n]);\n\n"_s;
    }
    text += statements + u"$result = "_s + call + u";\nvar_dump($result);\n"_s;
    code.code = text;
    code.note = notes.join(u' ');
    return code;
}
} // namespace

QList<Format> formats()
{
    return {Format::Curl, Format::JournyCtl, Format::NodeSdk, Format::PythonSdk, Format::PhpSdk};
}

QString formatName(Format format)
{
    switch (format) {
    case Format::Curl:
        return u"curl"_s;
    case Format::JournyCtl:
        return u"journyctl"_s;
    case Format::NodeSdk:
        return tr("Node.js SDK");
    case Format::PythonSdk:
        return tr("Python SDK");
    case Format::PhpSdk:
        return tr("PHP SDK");
    }
    return {};
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

Code generate(Format format, const QString &operationId, const SentRequest &sent,
              const Options &options)
{
    const Request request = prepare(operationId, sent);
    switch (format) {
    case Format::Curl:
        return curl(request, options);
    case Format::JournyCtl:
        return journyctl(request, options);
    case Format::NodeSdk:
        return nodeSdk(request, options);
    case Format::PythonSdk:
        return pythonSdk(request, options);
    case Format::PhpSdk:
        return phpSdk(request, options);
    }
    return {};
}

} // namespace RequestCode
