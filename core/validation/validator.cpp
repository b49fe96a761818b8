#include "validator.h"

#include "jsonschema.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcValidator, "journy.validation")

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Validator", text);
}

struct QueryParameter {
    QString name;
    bool required = false;
    JsonSchema schema;
};

struct CompiledOperation {
    bool hasBody = false;
    bool bodyRequired = false;
    JsonSchema body;
    QList<QueryParameter> query;
};

struct CompiledSpec {
    QHash<QString, CompiledOperation> operations;
    QString loadError; // set when the embedded spec could not be read
};

// The spec's oneOf lists are unions of alternatives ("possible values are strings, booleans,
// numbers and datetimes"), not exclusive choices. All but one have disjoint branches, so
// strict and lenient oneOf agree on them. The exception is /track's metadata:
//   oneOf: [{type: string}, {type: boolean}, {type: number}, {type: string, format: datetime}]
// Every datetime string matches both the string branch and the datetime branch, so strict
// oneOf ("exactly one") would refuse every datetime, the very value the description invites.
// A reasonable server accepts it, so the spec is compiled with oneOf accepting a value that
// matches several branches. Consequence: /track metadata accepts any string; a malformed date is a
// string.
//
// The identification objects say "User identification requires a userId, email or both"
// (likewise accountId/domain and user/account) and encode it as minProperties: 1. Counted
// strictly, any member satisfies it, so {"userid": "u-1"} (a typo) or {"phone": "..."}
// would pass and identify nobody. The validator counts only the declared properties, which
// is what the description requires; the message names them.
JsonSchema::Options specOptions()
{
    JsonSchema::Options options;
    options.oneOfAcceptsSeveralMatches = true;
    options.minPropertiesCountsDeclaredOnly = true;
    return options;
}

// See Validator::MaxUsersPerCall: the limit exists only in the operations' descriptions.
QJsonObject withUserLimit(QJsonObject schema)
{
    QJsonObject properties = schema.value(u"properties"_s).toObject();
    QJsonObject users = properties.value(u"users"_s).toObject();
    users.insert(u"maxItems"_s, Validator::MaxUsersPerCall);
    properties.insert(u"users"_s, users);
    schema.insert(u"properties"_s, properties);
    return schema;
}

CompiledSpec compileSpec()
{
    CompiledSpec spec;
    QFile file(u":/spec/journy-openapi.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        spec.loadError = tr("the embedded API specification cannot be read");
        qCCritical(lcValidator) << "cannot open" << file.fileName() << file.errorString();
        return spec;
    }
    QJsonParseError parseError;
    const QJsonObject document = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        spec.loadError = tr("the embedded API specification is not valid JSON");
        qCCritical(lcValidator) << "spec:" << parseError.errorString();
        return spec;
    }

    const JsonSchema::Options options = specOptions();
    const QJsonObject paths = document.value(u"paths"_s).toObject();
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject item = path.value().toObject();
        const QJsonArray pathParameters = item.value(u"parameters"_s).toArray();
        for (auto method = item.constBegin(); method != item.constEnd(); ++method) {
            if (method.key() == u"parameters"_s || !method.value().isObject())
                continue;
            const QJsonObject operation = method.value().toObject();
            const QString id = operation.value(u"operationId"_s).toString();
            if (id.isEmpty())
                continue;
            CompiledOperation compiled;
            QStringList unsupported;

            const QJsonObject requestBody = operation.value(u"requestBody"_s).toObject();
            if (!requestBody.isEmpty()) {
                compiled.hasBody = true;
                compiled.bodyRequired = requestBody.value(u"required"_s).toBool();
                QJsonObject schema = requestBody.value(u"content"_s)
                                         .toObject()
                                         .value(u"application/json"_s)
                                         .toObject()
                                         .value(u"schema"_s)
                                         .toObject();
                if (id == u"addUserToAccount"_s || id == u"removeUserFromAccount"_s)
                    schema = withUserLimit(schema);
                compiled.body = JsonSchema::compile(schema, options, &unsupported);
            }

            QJsonArray parameters = pathParameters;
            for (const QJsonValue &parameter : operation.value(u"parameters"_s).toArray())
                parameters.append(parameter);
            for (const QJsonValue &value : std::as_const(parameters)) {
                const QJsonObject parameter = value.toObject();
                // Headers (X-Api-Key) are the client's business, and the spec has no path
                // parameters; only query parameters come from the caller.
                if (parameter.value(u"in"_s).toString() != u"query"_s)
                    continue;
                // Query values arrive as text; the spec's only parameter is a string, so no
                // conversion to numbers or booleans is needed.
                compiled.query.append({parameter.value(u"name"_s).toString(),
                                       parameter.value(u"required"_s).toBool(),
                                       JsonSchema::compile(parameter.value(u"schema"_s).toObject(),
                                                           options, &unsupported)});
            }
            if (!unsupported.isEmpty()) {
                qCWarning(lcValidator)
                    << id << "uses schema keywords that are not checked:" << unsupported;
            }
            spec.operations.insert(id, std::move(compiled));
        }
    }
    return spec;
}

const CompiledSpec &compiledSpec()
{
    // Compiled on first use; C++ guarantees one thread compiles while others wait.
    static const CompiledSpec spec = compileSpec();
    return spec;
}

QList<ValidationError> bodyErrors(const QList<JsonSchema::Error> &errors,
                                  QList<ValidationError> result = {})
{
    for (const JsonSchema::Error &error : errors)
        result.append({ValidationError::Location::Body, error.path, error.message});
    return result;
}

QList<ValidationError> unknownOperation(const CompiledSpec &spec, const QString &operationId)
{
    const QString message =
        spec.loadError.isEmpty() ? tr("unknown operation “%1”").arg(operationId) : spec.loadError;
    return {{ValidationError::Location::Body, QString(), message}};
}

} // namespace

const Validator &Validator::instance()
{
    static const Validator validator;
    return validator;
}

QList<ValidationError> Validator::validate(const QString &operationId, const QJsonValue &body,
                                           const QueryItems &query) const
{
    const CompiledSpec &spec = compiledSpec();
    const auto operation = spec.operations.constFind(operationId);
    if (operation == spec.operations.cend())
        return unknownOperation(spec, operationId);

    QList<ValidationError> errors;
    if (operation->hasBody) {
        if (body.isUndefined()) {
            if (operation->bodyRequired)
                errors.append({ValidationError::Location::Body, QString(),
                               tr("a JSON request body is required")});
        } else {
            errors = bodyErrors(operation->body.validate(body));
        }
    }

    for (const QueryParameter &parameter : operation->query) {
        const auto given = std::find_if(query.cbegin(), query.cend(), [&](const auto &item) {
            return item.first == parameter.name;
        });
        if (given == query.cend()) {
            if (parameter.required)
                errors.append({ValidationError::Location::Query, parameter.name, tr("required")});
            continue;
        }
        for (const JsonSchema::Error &error :
             parameter.schema.validate(QJsonValue(given->second), parameter.name))
            errors.append({ValidationError::Location::Query, error.path, error.message});
    }
    return errors;
}

QList<ValidationError> Validator::validateField(const QString &operationId, const QString &path,
                                                const QJsonValue &value) const
{
    const CompiledSpec &spec = compiledSpec();
    const auto operation = spec.operations.constFind(operationId);
    if (operation == spec.operations.cend())
        return unknownOperation(spec, operationId);
    if (!operation->hasBody)
        return {};
    const std::unique_ptr<JsonSchema> schema = operation->body.at(path);
    if (!schema)
        return {};
    return bodyErrors(schema->validate(value, path));
}

QList<ValidationError> Validator::validateQueryParameter(const QString &operationId,
                                                         const QString &name,
                                                         const QString &value) const
{
    const CompiledSpec &spec = compiledSpec();
    const auto operation = spec.operations.constFind(operationId);
    if (operation == spec.operations.cend())
        return unknownOperation(spec, operationId);
    QList<ValidationError> errors;
    for (const QueryParameter &parameter : operation->query) {
        if (parameter.name != name)
            continue;
        for (const JsonSchema::Error &error : parameter.schema.validate(QJsonValue(value), name))
            errors.append({ValidationError::Location::Query, error.path, error.message});
    }
    return errors;
}

const JsonSchema *Validator::bodySchema(const QString &operationId) const
{
    const CompiledSpec &spec = compiledSpec();
    const auto operation = spec.operations.constFind(operationId);
    if (operation == spec.operations.cend() || !operation->hasBody)
        return nullptr;
    return &operation->body;
}

QString Validator::describe(const ValidationError &error)
{
    if (error.location == ValidationError::Location::Query)
        return tr("query parameter %1: %2").arg(error.path, error.message);
    if (error.path.isEmpty())
        return tr("request body: %1").arg(error.message);
    return error.path + u": "_s + error.message;
}
