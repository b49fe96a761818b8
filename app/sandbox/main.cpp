// journy-sandbox: a local, stateful journy.io API for offline work, QA and tests.
#include "sandboxserver.h"
#include "sandboxstate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JournySandbox", text);
}

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop; the state file is written through on every
// change and closed when the server is destroyed, so nothing is lost.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte = 0;
        [[maybe_unused]] const auto readBytes = ::read(signalPipe[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

QString helpText()
{
    return tr("Usage: journy-sandbox [OPTIONS]\n"
              "\n"
              "A local, stateful journy.io API: all 16 operations of the published spec with\n"
              "validation, API keys and permissions, the rate limit, and fault injection.\n"
              "\n"
              "Options:\n"
              "  --bind ADDRESS      Address to listen on (default 127.0.0.1).\n"
              "  --port N            Port (default 4010; 0 = any free port, printed).\n"
              "  --keys FILE         Keys, segments and snippet domains (JSON, see below).\n"
              "  --api-key KEY       Accept KEY with every permission (repeatable).\n"
              "  --rate-limit N      Requests per key per sliding minute (default 1800;\n"
              "                      \"1800/min\" is accepted too).\n"
              "  --state FILE        Keep the state in this SQLite file (it survives\n"
              "                      restarts); without it, state lives in memory.\n"
              "  --latency-ms N      Delay every API answer by N milliseconds.\n"
              "  --fail-rate P       Answer a share P (0..1) of API requests with 500.\n"
              "  --drop-rate P       Close a share P (0..1) of connections unanswered.\n"
              "  --seed N            Make --fail-rate and --drop-rate repeatable.\n"
              "  -h, --help          Show this help.\n"
              "  --version           Show the version.\n"
              "\n"
              "With neither --keys nor --api-key, one key with every permission is created\n"
              "and printed.\n"
              "\n"
              "The --keys file:\n"
              "  {\n"
              "    \"keys\": [\n"
              "      {\"key\": \"qa-key\", \"name\": \"qa\", \"permissions\": [\"TrackData\"]},\n"
              "      {\"key\": \"old-key\", \"enabled\": false}\n"
              "    ],\n"
              "    \"segments\": {\"users\": [{\"id\": \"s-1\", \"name\": \"Active\"}],\n"
              "                 \"accounts\": [{\"id\": \"s-2\", \"name\": \"Paying\"}]},\n"
              "    \"snippetDomains\": [\"www.acme-inc.com\"]\n"
              "  }\n"
              "  A key without \"permissions\" has every permission (TrackData, ReadEvents,\n"
              "  ReadProperties, ReadSegments, GetTrackingSnippet); \"enabled\" defaults to\n"
              "  true. A disabled key gets 403.\n"
              "\n"
              "Inspection (no key needed): GET /__sandbox/users, /__sandbox/accounts,\n"
              "/__sandbox/events, /__sandbox/links, /__sandbox/requests; POST /__sandbox/reset.\n"
              "\n"
              "Exit codes: 0 stopped by SIGINT/SIGTERM, 1 cannot listen or open the state\n"
              "file, 2 usage error.\n");
}

bool parseRate(const QString &text, double *rate)
{
    bool ok = false;
    *rate = text.toDouble(&ok);
    return ok && *rate >= 0 && *rate <= 1;
}
} // namespace

int main(int argc, char *argv[])
{
    // Qt's own Unix event dispatcher serves sockets with less overhead than GLib's, and
    // this program has no GUI that would need GLib's.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"journy.io"_s);
    QCoreApplication::setApplicationName(u"journy-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(JOURNY_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    const QCommandLineOption help({u"h"_s, u"help"_s}, {});
    const QCommandLineOption version(u"version"_s, {});
    const QCommandLineOption bind(u"bind"_s, {}, u"ADDRESS"_s, u"127.0.0.1"_s);
    const QCommandLineOption port(u"port"_s, {}, u"N"_s, u"4010"_s);
    const QCommandLineOption keysFile(u"keys"_s, {}, u"FILE"_s);
    const QCommandLineOption apiKey(u"api-key"_s, {}, u"KEY"_s);
    const QCommandLineOption rateLimit(u"rate-limit"_s, {}, u"N"_s);
    const QCommandLineOption state(u"state"_s, {}, u"FILE"_s);
    const QCommandLineOption latency(u"latency-ms"_s, {}, u"N"_s);
    const QCommandLineOption failRate(u"fail-rate"_s, {}, u"P"_s);
    const QCommandLineOption dropRate(u"drop-rate"_s, {}, u"P"_s);
    const QCommandLineOption seed(u"seed"_s, {}, u"N"_s);
    parser.addOptions({help, version, bind, port, keysFile, apiKey, rateLimit, state, latency,
                       failRate, dropRate, seed});

    auto usageError = [&err](const QString &message) {
        err << u"journy-sandbox: "_s << message << u'\n' << tr("Try 'journy-sandbox --help'.")
            << u'\n';
        return 2;
    };
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        out << helpText();
        return 0;
    }
    if (parser.isSet(version)) {
        out << u"journy-sandbox "_s << QCoreApplication::applicationVersion() << u'\n';
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("Unexpected argument: %1").arg(parser.positionalArguments().first()));

    SandboxOptions options;
    bool ok = true;
    const QHostAddress address(parser.value(bind));
    if (address.isNull())
        return usageError(tr("--bind needs an IP address, not \"%1\".").arg(parser.value(bind)));
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return usageError(tr("--port needs a number from 0 to 65535."));
    if (parser.isSet(rateLimit)) {
        QString text = parser.value(rateLimit);
        if (text.endsWith(u"/min"_s))
            text.chop(4);
        options.rateLimitPerMinute = text.toInt(&ok);
        if (!ok || options.rateLimitPerMinute < 1)
            return usageError(tr("--rate-limit needs a positive number of requests per minute."));
    }
    if (parser.isSet(latency)) {
        options.latencyMs = parser.value(latency).toInt(&ok);
        if (!ok || options.latencyMs < 0)
            return usageError(tr("--latency-ms needs a number of milliseconds."));
    }
    if (parser.isSet(failRate) && !parseRate(parser.value(failRate), &options.failRate))
        return usageError(tr("--fail-rate needs a number from 0 to 1."));
    if (parser.isSet(dropRate) && !parseRate(parser.value(dropRate), &options.dropRate))
        return usageError(tr("--drop-rate needs a number from 0 to 1."));
    if (parser.isSet(seed)) {
        options.seed = parser.value(seed).toUInt(&ok);
        if (!ok)
            return usageError(tr("--seed needs a non-negative number."));
    }
    options.stateFile = parser.value(state);

    SandboxServer server(options);
    if (parser.isSet(keysFile)) {
        SandboxKeys keys;
        SandboxFixture fixture;
        QString why;
        if (!SandboxFixture::loadFile(parser.value(keysFile), &keys, &fixture, &why))
            return usageError(why);
        for (const SandboxKey &key : keys.keys())
            server.addKey(key);
        server.setFixture(fixture);
    }
    for (const QString &key : parser.values(apiKey)) {
        if (key.isEmpty())
            return usageError(tr("--api-key needs a non-empty key."));
        server.addKey({key, {}, SandboxKeys::allPermissions(), true});
    }
    const bool generated = server.keys().isEmpty();
    const QString generatedKey = generated ? server.createDefaultKey() : QString();

    quitOnSignals(app);
    if (!server.listen(address, quint16(portNumber))) {
        err << u"journy-sandbox: "_s
            << tr("cannot listen on %1 port %2: %3")
                   .arg(address.toString())
                   .arg(portNumber)
                   .arg(server.errorString())
            << u'\n';
        return 1;
    }
    out << tr("journy-sandbox listening on %1").arg(server.baseUrl().toString()) << u'\n';
    if (generated)
        out << tr("API key: %1").arg(generatedKey) << u'\n';
    if (server.state()->isPersistent())
        out << tr("State file: %1").arg(options.stateFile) << u'\n';
    out.flush();
    const int code = app.exec();
    out << tr("journy-sandbox stopped.") << u'\n';
    return code;
}
