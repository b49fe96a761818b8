#pragma once

#include "api/requests.h"

#include <QJsonValue>
#include <QList>
#include <QString>

// One problem found in a request, keyed the way the server keys its 400 answers.
struct ValidationError {
    enum class Location { Body, Query };
    Location location = Location::Body;
    QString path;    // dotted: "identification.userId", "users.3.identification.email"; query: "domain"
    QString message; // plain English

    friend bool operator==(const ValidationError &, const ValidationError &) = default;
};

// Checks a request of any operation against that operation's schema in the published spec
// (embedded from resources/spec). Used by the client before sending and by the sandbox.
class Validator {
public:
    static const Validator &instance();

    // body: the JSON body (ignored for operations without one); query: the query items.
    QList<ValidationError> validate(const QString &operationId, const QJsonValue &body,
                                    const QueryItems &query = {}) const;
};
