#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// One journy.io API operation as the published spec describes it.
struct Operation {
    QString id;         // operationId
    QByteArray method;  // GET, POST, DELETE
    QString path;       // "/users/upsert"
    QString tag;        // the spec's tag: Users, Accounts, Track, Events, ...
    QString permission; // x-key-permissions; empty when the spec names none (getValidity)
    int successStatus = 200;
    bool deprecated = false;
    QString summary;
    bool hasBody = false;      // true when the spec declares a JSON request body
    QStringList requiredQuery; // required query parameters (getTrackingSnippet: domain)

    bool isWrite() const { return method != "GET"; }
    bool isDelete() const { return method == "DELETE"; }
};

// The 16 operations of the spec, in one table (tests compare it with the spec itself).
class OperationCatalogue {
public:
    static const QList<Operation> &all();
    static const Operation *find(QStringView operationId);
};
