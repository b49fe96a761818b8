#include "api/apiresult.h"
#include "api/requests.h"

#include <QJsonDocument>
#include <QTimeZone>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

// Serialising an event with 20 metadata entries to the bytes that go on the wire.
static void BM_SerialiseEvent20Metadata(benchmark::State &state) {
    EventRequest event;
    event.name = u"created_invoice"_s;
    event.user.userId = u"user-12345"_s;
    event.account.accountId = u"account-987"_s;
    for (int i = 0; i < 20; ++i) {
        const QString name = u"field_%1"_s.arg(i);
        if (i % 3 == 0)
            event.metadata.set(name, PropertyValue::string(u"value %1"_s.arg(i)));
        else if (i % 3 == 1)
            event.metadata.set(name, PropertyValue::number(i * 1.5));
        else
            event.metadata.set(name, PropertyValue::boolean(i % 2 == 0));
    }
    event.triggeredAt = QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::utc());
    for (auto _ : state) {
        QByteArray bytes = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
        benchmark::DoNotOptimize(bytes);
    }
}
BENCHMARK(BM_SerialiseEvent20Metadata);

// Parsing a 400 answer with 10 field errors into an ApiResult.
static void BM_Parse400With10FieldErrors(benchmark::State &state) {
    QByteArray body =
        R"({"meta":{"requestId":"01HZX3","status":400},"message":"Bad request","errors":{"fields":{)";
    for (int i = 0; i < 10; ++i) {
        if (i)
            body += ',';
        body += "\"properties.field_" + QByteArray::number(i) +
                "\":\"Expected a number but found a string.\"";
    }
    body += R"(},"parameters":{"header":{},"query":{},"path":{}}}})";
    const HeaderList headers{{"Content-Type", "application/json"},
                             {"X-RateLimit-Limit", "1800"},
                             {"X-RateLimit-Remaining", "1799"}};
    for (auto _ : state) {
        ApiResult result;
        result.parseResponse(400, headers, body);
        benchmark::DoNotOptimize(result.fieldErrors);
    }
}
BENCHMARK(BM_Parse400With10FieldErrors);

BENCHMARK_MAIN();
