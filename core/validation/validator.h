#pragma once

#include "api/requests.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

class JsonSchema;

// One problem found in a request, keyed the way the server keys its 400 answers.
struct ValidationError {
    enum class Location { Body, Query };
    Location location = Location::Body;
    QString
        path; // dotted: "identification.userId", "users.3.identification.email"; query: "domain"
    QString message; // plain English

    friend bool operator==(const ValidationError &, const ValidationError &) = default;
};

// Checks a request of any operation against that operation's schema in the published spec
// (embedded from resources/spec). Used by the client before sending and by the sandbox.
//
// The spec is read and compiled once, on first use, from any thread; after that validate()
// only reads immutable data and may run on many threads at once. The keyword engine is
// JsonSchema (jsonschema.h); the string formats are defined in formats.h.
class Validator {
public:
    static const Validator &instance();

    // The spec's prose limit: "You can add up to 100 users to an account." (addUserToAccount)
    // and "You can remove up to 100 users from an account." (removeUserFromAccount). The
    // schemas have no maxItems; the validator adds it to `users` of both operations.
    static constexpr int MaxUsersPerCall = 100;

    // body: the JSON body (ignored for operations without one); query: the query items.
    QList<ValidationError> validate(const QString &operationId, const QJsonValue &body,
                                    const QueryItems &query = {}) const;

    // Checks one body field on its own, as validate() would check it inside a whole body
    // (for forms that validate as the user types): path "identification.email",
    // "properties.plan", "users.0.identification.userId". Errors carry the full path.
    // Nothing is reported for a path the schema does not describe.
    QList<ValidationError> validateField(const QString &operationId, const QString &path,
                                         const QJsonValue &value) const;
    // Checks one query parameter's value (getTrackingSnippet: "domain").
    QList<ValidationError> validateQueryParameter(const QString &operationId, const QString &name,
                                                  const QString &value) const;

    // The compiled request-body schema of an operation; nullptr for an unknown operation
    // or one without a body.
    const JsonSchema *bodySchema(const QString &operationId) const;

    // "identification.email: must be a valid email address"; "query parameter domain: ...";
    // a problem with the body as a whole: "request body: ...". One line, for terminals.
    static QString describe(const ValidationError &error);
};
