// Sends N upsertUser calls through JournyClient with C in flight and prints one line:
// "rps=<req/s> ok=<n> failed=<n> elapsed_ms=<ms> n=<N> c=<C>". Like the SDK yardstick,
// the clock runs from the first call to the last response (start-up excluded).
// Usage: bench_client_throughput URL N C
#include "api/journyclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimeZone>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // The plain Unix event dispatcher: a command-line program needs no GLib main loop, and
    // per request it costs far less (see README, Performance).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        QTextStream(stderr) << "usage: bench_client_throughput URL N C\n";
        return 2;
    }
    const int total = args.at(2).toInt();
    const int inFlight = std::max(1, args.at(3).toInt());

    JournyClient client;
    client.setBaseUrl(QUrl(args.at(1)));
    client.setApiKey(u"bench-key"_s);

    int started = 0;
    int ok = 0;
    int failed = 0;
    QElapsedTimer timer;
    std::function<void()> sendNext = [&] {
        if (started >= total)
            return;
        const int i = started++;
        UpsertUserRequest request;
        request.identification = {u"user-%1"_s.arg(i), u"user-%1@example.com"_s.arg(i)};
        request.properties.set(u"plan"_s, PropertyValue::string(u"pro"_s));
        request.properties.set(u"seats"_s, PropertyValue::number(3));
        request.properties.set(u"active"_s, PropertyValue::boolean(true));
        request.properties.set(u"registered_at"_s,
                               PropertyValue::dateTime(
                                   QDateTime::fromMSecsSinceEpoch(1700000000000 + i, QTimeZone::utc())));
        ApiReply *reply = client.upsertUser(request);
        QObject::connect(reply, &ApiReply::finished, &app, [&](const ApiResult &result) {
            result.success ? ++ok : ++failed;
            if (ok + failed == total)
                app.quit();
            else
                sendNext();
        });
    };
    timer.start();
    for (int i = 0; i < inFlight; ++i)
        sendNext();
    app.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QTextStream(stdout) << "rps=" << QString::number(total / (ms / 1000.0), 'f', 1) << " ok=" << ok
                        << " failed=" << failed << " elapsed_ms=" << QString::number(ms, 'f', 1)
                        << " n=" << total << " c=" << inFlight << '\n';
    return failed ? 1 : 0;
}
