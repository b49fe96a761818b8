#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>

struct JsonSchemaOptions {
    // Accept a value that matches more than one `oneOf` branch (as if it were `anyOf`).
    // Strict JSON Schema refuses it; see Validator for why the journy.io spec needs it.
    bool oneOfAcceptsSeveralMatches = false;
    // In an object schema that lists `properties`, count only those towards
    // `minProperties`, so that {"userid": "u-1"} (a typo) does not satisfy "at least one
    // of userId or email". Strict JSON Schema counts every member.
    bool minPropertiesCountsDeclaredOnly = false;
};

// A JSON Schema (draft 4 keywords, plus OpenAPI 3.0's `nullable`) compiled once from a
// QJsonObject and then checked against any number of values, from any thread.
//
// Keywords checked: type (one or a list), nullable, enum, required, properties,
// patternProperties, additionalProperties (false or a schema), minProperties,
// maxProperties, items (one schema or a list), additionalItems, minItems, maxItems,
// minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
// allOf, anyOf, oneOf, not, and format (the formats of formats.h; others are annotations).
// Not implemented, and reported by compile() when a schema uses them: $ref, dependencies,
// multipleOf, uniqueItems.
//
// Errors carry dotted paths ("users.3.identification.email", "" for the value itself) and
// a plain-English message.
class JsonSchema {
public:
    using Options = JsonSchemaOptions;

    struct Error {
        QString path;
        QString message;
        friend bool operator==(const Error &, const Error &) = default;
    };

    // An empty schema: accepts every value.
    JsonSchema();
    ~JsonSchema();
    JsonSchema(const JsonSchema &);
    JsonSchema &operator=(const JsonSchema &);

    // Keywords the schema (or a subschema) uses that this class does not implement are
    // added to *unsupported ("$ref", ...); they are otherwise ignored.
    static JsonSchema compile(const QJsonObject &schema, const Options &options = {},
                              QStringList *unsupported = nullptr);

    bool isValid(const QJsonValue &value) const;
    // Every problem, each path prefixed with pathPrefix ("properties" -> "properties.plan").
    QList<Error> validate(const QJsonValue &value, const QString &pathPrefix = {}) const;

    // The schema that applies to the value at a dotted path below this one: "identification
    // .email", "users.0.identification". Follows properties, patternProperties,
    // additionalProperties and items; returns nullptr when the path leaves the schema or
    // passes through a combinator (oneOf, ...) that would make the answer ambiguous.
    std::unique_ptr<JsonSchema> at(QStringView dottedPath) const;

    struct Node;

private:
    JsonSchema(std::shared_ptr<const Node> root, const Node *node);

    std::shared_ptr<const Node> m_root;
    const Node *m_node = nullptr;
};
