#include "validation/jsonschema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QtTest>

using namespace Qt::StringLiterals;

// The official JSON-Schema-Test-Suite (Debian's json-schema-test-suite, draft 4) against
// JsonSchema, for every keyword JsonSchema implements. Every case must pass; a group that
// needs a keyword we do not implement is excluded by name, with the reason, and counted.
class TestJsonSchemaSuite : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void suite_data();
    void suite();
    void cleanupTestCase();

private:
    struct Count {
        int passed = 0;
        int total = 0;
        int excluded = 0;
    };
    QMap<QString, Count> m_counts;
};

namespace {

// The suite files of the keywords JsonSchema implements.
const QStringList &keywordFiles()
{
    static const QStringList files = {
        u"type"_s,
        u"required"_s,
        u"properties"_s,
        u"patternProperties"_s,
        u"additionalProperties"_s,
        u"items"_s,
        u"additionalItems"_s,
        u"minProperties"_s,
        u"maxProperties"_s,
        u"minItems"_s,
        u"maxItems"_s,
        u"minLength"_s,
        u"maxLength"_s,
        u"pattern"_s,
        u"minimum"_s,
        u"maximum"_s,
        u"enum"_s,
        u"oneOf"_s,
        u"anyOf"_s,
        u"allOf"_s,
        u"not"_s,
    };
    return files;
}

struct Exclusion {
    QString file;
    QString group; // the suite's description of the group of cases
    QString reason;
};

// Groups left out on purpose. Each must still exist in the suite (checked), so an entry
// cannot silently outlive its reason.
const QList<Exclusion> &exclusions()
{
    // None at present: every group of the files above uses only implemented keywords.
    static const QList<Exclusion> list = {};
    return list;
}

const Exclusion *exclusionFor(const QString &file, const QString &group)
{
    for (const Exclusion &exclusion : exclusions()) {
        if (exclusion.file == file && exclusion.group == group)
            return &exclusion;
    }
    return nullptr;
}

QJsonArray readSuiteFile(const QString &file)
{
    QFile json(QDir(QStringLiteral(JSON_SCHEMA_SUITE_DIR)).filePath(file + u".json"_s));
    if (!json.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(json.readAll()).array();
}

} // namespace

void TestJsonSchemaSuite::initTestCase()
{
    for (const QString &file : keywordFiles())
        QVERIFY2(!readSuiteFile(file).isEmpty(), qPrintable(file));
    for (const Exclusion &exclusion : exclusions()) {
        bool found = false;
        for (const QJsonValue &group : readSuiteFile(exclusion.file))
            found = found || group[u"description"_s].toString() == exclusion.group;
        QVERIFY2(found, qPrintable(exclusion.file + u": "_s + exclusion.group));
    }
}

void TestJsonSchemaSuite::suite_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QJsonObject>("schema");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<bool>("valid");
    for (const QString &file : keywordFiles()) {
        for (const QJsonValue &group : readSuiteFile(file)) {
            const QString groupName = group[u"description"_s].toString();
            const QJsonArray tests = group[u"tests"_s].toArray();
            if (const Exclusion *exclusion = exclusionFor(file, groupName)) {
                m_counts[file].excluded += int(tests.size());
                qInfo("excluded: %s.json / %s (%d cases): %s", qPrintable(file),
                      qPrintable(groupName), int(tests.size()), qPrintable(exclusion->reason));
                continue;
            }
            for (const QJsonValue &test : tests) {
                m_counts[file].total += 1;
                const QString row =
                    file + u" / "_s + groupName + u" / "_s + test[u"description"_s].toString();
                QTest::newRow(qPrintable(row)) << file << group[u"schema"_s].toObject()
                                               << test[u"data"_s] << test[u"valid"_s].toBool();
            }
        }
    }
}

void TestJsonSchemaSuite::suite()
{
    QFETCH(QString, file);
    QFETCH(QJsonObject, schema);
    QFETCH(QJsonValue, data);
    QFETCH(bool, valid);

    QStringList unsupported;
    const JsonSchema compiled = JsonSchema::compile(schema, {}, &unsupported);
    QVERIFY2(unsupported.isEmpty(), qPrintable(u"uses "_s + unsupported.join(u", "_s)));

    QCOMPARE(compiled.isValid(data), valid);
    // The error-collecting walk must reach the same verdict, and explain a refusal.
    const QList<JsonSchema::Error> errors = compiled.validate(data);
    QCOMPARE(errors.isEmpty(), valid);
    for (const JsonSchema::Error &error : errors)
        QVERIFY2(!error.message.isEmpty(), qPrintable(error.path));
    m_counts[file].passed += 1;
}

void TestJsonSchemaSuite::cleanupTestCase()
{
    int passed = 0;
    int total = 0;
    int excluded = 0;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        qInfo("%-22s %3d of %3d passed, %d excluded", qPrintable(it.key() + u".json"_s), it->passed,
              it->total, it->excluded);
        passed += it->passed;
        total += it->total;
        excluded += it->excluded;
    }
    qInfo("JSON-Schema-Test-Suite draft4: %d of %d cases passed, %d excluded", passed, total,
          excluded);
}

QTEST_GUILESS_MAIN(TestJsonSchemaSuite)
#include "tst_jsonschemasuite.moc"
