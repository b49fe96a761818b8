#include "validation/formats.h"
#include "validation/validator.h"

#include <QJsonArray>
#include <QJsonObject>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

namespace {

// An upsertUser body with 20 properties of every kind the spec allows.
QJsonObject upsertUser20Properties()
{
    QJsonObject properties;
    for (int i = 0; i < 20; ++i) {
        const QString name = u"property_%1"_s.arg(i);
        switch (i % 5) {
        case 0:
            properties.insert(name, u"value number %1"_s.arg(i));
            break;
        case 1:
            properties.insert(name, i * 1.5);
            break;
        case 2:
            properties.insert(name, i % 2 == 0);
            break;
        case 3:
            properties.insert(name, QJsonArray{u"alpha"_s, u"beta"_s, u"gamma"_s});
            break;
        default:
            properties.insert(name, u"2026-03-01T12:00:00Z"_s);
            break;
        }
    }
    return QJsonObject{
        {u"identification"_s,
         QJsonObject{{u"userId"_s, u"user-12345"_s}, {u"email"_s, u"jane.doe@acme-inc.com"_s}}},
        {u"properties"_s, properties},
    };
}

} // namespace

// The figure the issue asks for: one 20-property upsertUser payload, valid.
static void BM_ValidateUpsertUser20Properties(benchmark::State &state)
{
    const Validator &validator = Validator::instance();
    const QString operation = u"upsertUser"_s;
    const QJsonValue body = upsertUser20Properties();
    if (!validator.validate(operation, body).isEmpty()) {
        state.SkipWithError("the benchmark payload is not valid");
        return;
    }
    for (auto _ : state) {
        QList<ValidationError> errors = validator.validate(operation, body);
        benchmark::DoNotOptimize(errors);
    }
}
BENCHMARK(BM_ValidateUpsertUser20Properties);

// The same payload with 5 problems: building paths and messages costs more.
static void BM_ValidateUpsertUser20PropertiesFiveErrors(benchmark::State &state)
{
    const Validator &validator = Validator::instance();
    const QString operation = u"upsertUser"_s;
    QJsonObject body = upsertUser20Properties();
    QJsonObject properties = body.value(u"properties"_s).toObject();
    for (int i = 0; i < 4; ++i)
        properties.insert(u"property_%1"_s.arg(i), QJsonObject{});
    body.insert(u"properties"_s, properties);
    body.insert(u"identification"_s, QJsonObject{{u"email"_s, u"jane@"_s}});
    if (validator.validate(operation, body).size() != 5) {
        state.SkipWithError("the benchmark payload does not have 5 problems");
        return;
    }
    for (auto _ : state) {
        QList<ValidationError> errors = validator.validate(operation, body);
        benchmark::DoNotOptimize(errors);
    }
}
BENCHMARK(BM_ValidateUpsertUser20PropertiesFiveErrors);

static void BM_FormatEmail(benchmark::State &state)
{
    const QString email = u"jane.doe+news@mail.acme-inc.com"_s;
    for (auto _ : state)
        benchmark::DoNotOptimize(Formats::isValidEmail(email));
}
BENCHMARK(BM_FormatEmail);

static void BM_FormatDateTime(benchmark::State &state)
{
    const QString dateTime = u"2026-03-01T12:00:00.250+01:00"_s;
    for (auto _ : state)
        benchmark::DoNotOptimize(Formats::isValidDateTime(dateTime));
}
BENCHMARK(BM_FormatDateTime);

BENCHMARK_MAIN();
