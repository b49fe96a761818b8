#include "api/operation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;

// The catalogue must say what the published spec says, operation by operation.
class TestOperationCatalogue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everySpecOperationIsInTheCatalogue();
    void catalogueMatchesSpec_data();
    void catalogueMatchesSpec();
    void embeddedSpecIsThePublishedOne();

private:
    QJsonObject m_spec;
    QHash<QString, std::pair<QString, QJsonObject>> m_specOperations; // id -> (method, op)
};

void TestOperationCatalogue::initTestCase() {
    QFile file(QStringLiteral(JOURNY_SPEC_PATH));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    m_spec = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject paths = m_spec.value(u"paths"_s).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject methods = path.value().toObject();
        for (auto method = methods.begin(); method != methods.end(); ++method) {
            QJsonObject operation = method.value().toObject();
            operation.insert(u"__path"_s, path.key());
            m_specOperations.insert(operation.value(u"operationId"_s).toString(),
                                    {method.key().toUpper(), operation});
        }
    }
    QCOMPARE(m_specOperations.size(), 16);
}

void TestOperationCatalogue::everySpecOperationIsInTheCatalogue() {
    for (const QString &id : m_specOperations.keys())
        QVERIFY2(OperationCatalogue::find(id),
                 qPrintable(id + u" is missing from the catalogue"_s));
    QCOMPARE(OperationCatalogue::all().size(), m_specOperations.size());
}

void TestOperationCatalogue::catalogueMatchesSpec_data() {
    QTest::addColumn<QString>("operationId");
    for (const Operation &operation : OperationCatalogue::all())
        QTest::newRow(qPrintable(operation.id)) << operation.id;
}

void TestOperationCatalogue::catalogueMatchesSpec() {
    QFETCH(QString, operationId);
    QVERIFY2(m_specOperations.contains(operationId), "operation not in the spec");
    const Operation *operation = OperationCatalogue::find(operationId);
    QVERIFY(operation);
    const auto &[method, spec] = m_specOperations.value(operationId);

    QCOMPARE(QString::fromLatin1(operation->method), method);
    QCOMPARE(operation->path, spec.value(u"__path"_s).toString());
    QCOMPARE(operation->tag, spec.value(u"tags"_s).toArray().first().toString());
    QCOMPARE(operation->summary, spec.value(u"summary"_s).toString());
    QCOMPARE(operation->deprecated, spec.value(u"deprecated"_s).toBool(false));
    QCOMPARE(operation->hasBody, spec.contains(u"requestBody"_s));

    const QJsonArray permissions = spec.value(u"x-key-permissions"_s).toArray();
    QCOMPARE(operation->permission,
             permissions.isEmpty() ? QString() : permissions.first().toString());
    QVERIFY(permissions.size() <= 1);

    QList<int> successes;
    const QJsonObject responses = spec.value(u"responses"_s).toObject();
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        if (it.key().startsWith(u'2'))
            successes.append(it.key().toInt());
    }
    QCOMPARE(successes, QList<int>{operation->successStatus});

    QStringList requiredQuery;
    for (const QJsonValue &parameter : spec.value(u"parameters"_s).toArray()) {
        const QJsonObject object = parameter.toObject();
        if (object.value(u"in"_s).toString() == u"query"_s && object.value(u"required"_s).toBool())
            requiredQuery.append(object.value(u"name"_s).toString());
    }
    QCOMPARE(operation->requiredQuery, requiredQuery);
}

void TestOperationCatalogue::embeddedSpecIsThePublishedOne() {
    QFile embedded(u":/spec/journy-openapi.json"_s);
    QVERIFY(embedded.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(embedded.readAll()).object(), m_spec);
}

QTEST_GUILESS_MAIN(TestOperationCatalogue)
#include "tst_operationcatalogue.moc"
