#include "journyctl.h"

#include "api/journyclient.h"
#include "api/operation.h"
#include "secrets/redaction.h"
#include "util/textposition.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JournyCtl", text);
}

} // namespace

JournyCtl::JournyCtl(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

QString JournyCtl::helpText()
{
    return tr(
        "Usage: journyctl [--profile NAME | --base-url URL] COMMAND [OPTIONS]\n"
        "\n"
        "The journy.io API from a terminal.\n"
        "\n"
        "Commands:\n"
        "  operations [--json]            List the API's operations.\n"
        "  send OPERATION_ID [--data FILE|-] [--query NAME=VALUE]... [--no-validate]\n"
        "                                 Send one request; the body is a JSON object\n"
        "                                 read from FILE or standard input (-). It is\n"
        "                                 validated against the spec first and not sent\n"
        "                                 when invalid, unless --no-validate is given.\n"
        "  validate OPERATION_ID [--data FILE|-] [--query NAME=VALUE]...\n"
        "                                 Check a request against the spec without\n"
        "                                 sending it: prints \"valid\", or every problem\n"
        "                                 as \"path: message\", one per line.\n"
        "  profile list [--json]          List the profiles (shared with journy-console).\n"
        "  profile add NAME [--base-url URL] [--production] [--colour #rrggbb]\n"
        "                                 Add a profile (default https://api.journy.io).\n"
        "  profile set-key NAME [--hmac-secret]\n"
        "                                 Store the profile's API key (or HMAC secret) in\n"
        "                                 the system keychain, read from standard input or\n"
        "                                 a hidden prompt; never from the command line.\n"
        "  profile test NAME              Check the key (GET /validate); print its\n"
        "                                 permissions.\n"
        "  profile remove NAME            Remove a profile and its keychain entries.\n"
        "  hmac ID                        Identity verification: print the hex HMAC-SHA256\n"
        "                                 of a user or account ID, keyed with the site's\n"
        "                                 secret from JOURNY_HMAC_SECRET, else the HMAC\n"
        "                                 secret of --profile NAME (keychain), else standard\n"
        "                                 input (never the command line).\n"
        "  hmac --verify HASH ID          Print \"match\" (exit 0) or \"mismatch\" (exit 1).\n"
        "\n"
        "Options:\n"
        "  --profile NAME    Send with this profile's base URL and stored key.\n"
        "  --base-url URL    The API to talk to (https://, or http:// to loopback only).\n"
        "  --timeout SECONDS Give up when the server is silent this long (default 30).\n"
        "  --verbose         Also print the request as sent and the response headers\n"
        "                    on standard error, with secrets hidden.\n"
        "  -h, --help        Show this help.\n"
        "  --version         Show the version.\n"
        "\n"
        "Environment:\n"
        "  JOURNY_API_KEY    The API key sent as X-Api-Key; when set, it is used instead\n"
        "                    of the profile's stored key (for CI pipelines). It is never\n"
        "                    read from the command line, so it stays out of shell history.\n"
        "  JOURNY_HMAC_SECRET  The site's identity-verification secret for hmac.\n"
        "\n"
        "Profiles live in ~/.config/journy.io/Journy Console.conf (no secrets there);\n"
        "keys live in the system keychain (Secret Service, e.g. gnome-keyring).\n"
        "\n"
        "Output of send: the response body (pretty JSON) on standard output; status,\n"
        "requestId, elapsed time and rate limit on standard error.\n"
        "\n"
        "Exit codes:\n"
        "  0  the server answered 2xx\n"
        "  1  the server answered with an HTTP error status (4xx, 5xx)\n"
        "  2  usage or input error (unknown operation, unreadable or invalid JSON,\n"
        "     a payload that fails validation)\n"
        "  3  transport error (timeout, connection refused, DNS, TLS)\n"
        "  4  no secret store: the system keychain is missing or locked\n");
}

int JournyCtl::usageError(const QString &message)
{
    m_err << u"journyctl: "_s << Redaction::redact(message) << u'\n';
    m_err << tr("Try 'journyctl --help'.") << u'\n';
    m_err.flush();
    return UsageError;
}

int JournyCtl::run(const QStringList &arguments)
{
    // The command is the first argument that is not an option (or an option's value).
    static const QStringList optionsWithValue = {u"--base-url"_s, u"--profile"_s, u"--timeout"_s,
                                                 u"--data"_s, u"--query"_s};
    qsizetype commandIndex = -1;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsWithValue.contains(argument)) {
            ++i;
            continue;
        }
        if (!argument.startsWith(u'-')) {
            commandIndex = i;
            break;
        }
    }
    if (arguments.contains(u"--version"_s)) {
        m_out << u"journyctl " JOURNY_VERSION "\n"_s;
        return Success;
    }
    if (commandIndex < 0 || arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s)) {
        m_out << helpText();
        m_out.flush();
        return commandIndex < 0 && !arguments.contains(u"--help"_s) && !arguments.contains(u"-h"_s)
                   ? UsageError
                   : Success;
    }
    const QString command = arguments.at(commandIndex);
    if (command == u"operations"_s)
        return runOperations(arguments);
    if (command == u"send"_s)
        return runSend(arguments);
    if (command == u"validate"_s)
        return runValidate(arguments);
    if (command == u"profile"_s)
        return runProfile(arguments);
    if (command == u"hmac"_s)
        return runHmac(arguments);
    return usageError(tr("unknown command “%1”.").arg(command));
}

int JournyCtl::runOperations(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, {});
    parser.addOption({u"json"_s, tr("Print JSON.")});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());

    const QList<Operation> &operations = OperationCatalogue::all();
    if (parser.isSet(u"json"_s)) {
        QJsonArray array;
        for (const Operation &operation : operations) {
            array.append(QJsonObject{
                {u"operationId"_s, operation.id},
                {u"method"_s, QString::fromLatin1(operation.method)},
                {u"path"_s, operation.path},
                {u"tag"_s, operation.tag},
                {u"permission"_s, operation.permission.isEmpty()
                                      ? QJsonValue(QJsonValue::Null)
                                      : QJsonValue(operation.permission)},
                {u"successStatus"_s, operation.successStatus},
                {u"deprecated"_s, operation.deprecated},
                {u"summary"_s, operation.summary},
            });
        }
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Success;
    }
    for (const Operation &operation : operations) {
        m_out << operation.id.leftJustified(24)
              << QString::fromLatin1(operation.method).leftJustified(7)
              << operation.path.leftJustified(24) << operation.tag.leftJustified(12)
              << (operation.permission.isEmpty() ? u"-"_s : operation.permission).leftJustified(20)
              << operation.successStatus << (operation.deprecated ? tr("  deprecated") : QString())
              << u'\n';
    }
    return Success;
}

std::optional<QJsonObject> JournyCtl::readJsonBody(const QString &source)
{
    QFile file;
    if (source == u"-"_s) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            usageError(tr("cannot read standard input."));
            return std::nullopt;
        }
    } else {
        file.setFileName(source);
        if (!file.open(QIODevice::ReadOnly)) {
            usageError(tr("cannot read %1: %2").arg(source, file.errorString()));
            return std::nullopt;
        }
    }
    const QByteArray text = file.readAll();
    const QString name = source == u"-"_s ? tr("standard input") : source;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = TextPosition::at(text, error.offset);
        usageError(tr("%1 is not valid JSON: %2 at line %3, column %4.")
                       .arg(name, error.errorString())
                       .arg(line)
                       .arg(column));
        return std::nullopt;
    }
    if (!document.isObject()) {
        usageError(tr("%1 must hold a JSON object (the request body).").arg(name));
        return std::nullopt;
    }
    return document.object();
}

std::optional<JournyCtl::RequestInput> JournyCtl::readRequestInput(const QCommandLineParser &parser,
                                                                   const QString &command)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        usageError(tr("%1 needs exactly one OPERATION_ID.").arg(command));
        return std::nullopt;
    }
    RequestInput input;
    input.operation = OperationCatalogue::find(positional.at(1));
    if (!input.operation) {
        usageError(
            tr("unknown operation “%1”; 'journyctl operations' lists them.").arg(positional.at(1)));
        return std::nullopt;
    }
    if (parser.isSet(u"data"_s)) {
        if (!input.operation->hasBody) {
            usageError(tr("%1 takes no request body.").arg(input.operation->id));
            return std::nullopt;
        }
        input.body = readJsonBody(parser.value(u"data"_s));
        if (!input.body)
            return std::nullopt;
    }
    for (const QString &item : parser.values(u"query"_s)) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals <= 0) {
            usageError(tr("--query takes NAME=VALUE, not “%1”.").arg(item));
            return std::nullopt;
        }
        input.query.append({item.left(equals), item.mid(equals + 1)});
    }
    return input;
}

int JournyCtl::runSend(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, {});
    parser.addPositionalArgument(u"operation"_s, {});
    addConnectionOptions(parser);
    parser.addOption({u"data"_s, {}, u"file"_s});
    parser.addOption({u"query"_s, {}, u"name=value"_s});
    parser.addOption({u"no-validate"_s, {}});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    const std::optional<RequestInput> input = readRequestInput(parser, u"send"_s);
    if (!input)
        return UsageError;
    const Operation *operation = input->operation;
    const QJsonObject body = input->body.value_or(QJsonObject());
    const QueryItems &query = input->query;
    // validatecommand.cpp; QA sends invalid payloads on purpose with --no-validate.
    if (!parser.isSet(u"no-validate"_s) && !validateBeforeSending(operation->id, body, query))
        return UsageError;

    JournyClient client;
    if (const int code = configureClient(parser, client); code != Success)
        return code;
    const ApiResult result = sendAndWait(client, operation->id, body, query);
    printResult(result);
    if (result.transportError != TransportError::None)
        return TransportFailure;
    return result.success ? Success : HttpError;
}

void JournyCtl::printResult(const ApiResult &result)
{
    if (result.transportError != TransportError::None) {
        m_err << u"journyctl: "_s << Redaction::redact(result.transportErrorText) << u'\n';
        m_err.flush();
        return;
    }
    if (result.bodyIsJson) {
        m_out << Redaction::redact(QString::fromUtf8(
            QJsonDocument::fromJson(result.rawBody).toJson(QJsonDocument::Indented)));
    } else if (!result.rawBody.isEmpty()) {
        m_out << Redaction::redact(QString::fromUtf8(result.rawBody));
        if (!result.rawBody.endsWith('\n'))
            m_out << u'\n';
    }
    m_out.flush();

    QStringList facts{u"HTTP "_s + result.summary()};
    if (!result.requestId.isEmpty())
        facts << tr("requestId %1").arg(result.requestId);
    facts << tr("%1 ms").arg(result.elapsedMs);
    if (result.rateLimitRemaining && result.rateLimitLimit)
        facts << tr("rate limit %1/%2").arg(*result.rateLimitRemaining).arg(*result.rateLimitLimit);
    m_err << Redaction::redact(facts.join(u" · "_s)) << u'\n';
    if (!result.success && !result.message.isEmpty())
        m_err << Redaction::redact(result.message) << u'\n';
    for (auto it = result.fieldErrors.cbegin(); it != result.fieldErrors.cend(); ++it)
        m_err << u"  "_s << Redaction::redact(it.key() + u": "_s + it.value()) << u'\n';
    m_err.flush();
}
