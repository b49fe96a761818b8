#include "sandboxapi.h"

#include "api/operation.h"
#include "sandboxfixture.h"
#include "sandboxkeys.h"
#include "sandboxstate.h"
#include "validation/validator.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxApi", text);
}

constexpr int MaxMembershipUsers = 100; // the spec's prose: "up to 100 users"

bool identifies(const QJsonObject &identification, const QString &first, const QString &second)
{
    return !identification.value(first).toString().isEmpty() ||
           !identification.value(second).toString().isEmpty();
}

bool identifiesUser(const QJsonObject &identification)
{
    return identifies(identification, u"userId"_s, u"email"_s);
}

bool identifiesAccount(const QJsonObject &identification)
{
    return identifies(identification, u"accountId"_s, u"domain"_s);
}

QJsonObject mapToJson(const QMap<QString, QString> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QString userIdentificationMessage()
{
    return tr("User identification requires a userId, email or both.");
}
QString accountIdentificationMessage()
{
    return tr("Account identification requires an accountId, domain or both.");
}
} // namespace

SandboxApi::SandboxApi(SandboxState *state, const SandboxFixture *fixture)
    : m_state(state)
    , m_fixture(fixture)
{
}

SandboxResponse SandboxApi::badRequest(const QMap<QString, QString> &fields,
                                       const QMap<QString, QString> &queryParameters)
{
    QJsonObject errors;
    if (!fields.isEmpty() || queryParameters.isEmpty())
        errors.insert(u"fields"_s, mapToJson(fields));
    if (!queryParameters.isEmpty())
        errors.insert(u"parameters"_s, QJsonObject{{u"query"_s, mapToJson(queryParameters)}});
    return {400,
            QJsonObject{{u"message"_s, tr("Bad request, some fields or parameters are incorrect")},
                        {u"errors"_s, errors}},
            {}};
}

SandboxResponse SandboxApi::execute(const Operation &operation, const QJsonValue &body,
                                    const QueryItems &query, const SandboxKey &key)
{
    const QList<ValidationError> errors = Validator::instance().validate(operation.id, body, query);
    if (!errors.isEmpty()) {
        QMap<QString, QString> fields;
        QMap<QString, QString> parameters;
        for (const ValidationError &error : errors) {
            QMap<QString, QString> &target =
                error.location == ValidationError::Location::Query ? parameters : fields;
            if (!target.contains(error.path)) // the first problem of a path is the one to fix
                target.insert(error.path, error.message);
        }
        return badRequest(fields, parameters);
    }

    // Beyond the schema: what the sandbox needs to store anything at all. The validator
    // already refuses these; the checks keep the state clean whatever it lets through.
    const QJsonObject object = body.toObject();
    const QString &id = operation.id;
    if (id == u"upsertUser"_s || id == u"upsertAccount"_s || id == u"deleteUser"_s ||
        id == u"deleteAccount"_s) {
        const bool users = id.endsWith(u"User"_s);
        const SandboxScope scope = users ? SandboxScope::Users : SandboxScope::Accounts;
        const QJsonObject identification = object.value(u"identification"_s).toObject();
        if (users ? !identifiesUser(identification) : !identifiesAccount(identification)) {
            return badRequest({{u"identification"_s, users ? userIdentificationMessage()
                                                           : accountIdentificationMessage()}});
        }
        if (operation.isDelete()) {
            m_state->remove(scope, identification);
            return SandboxResponse::message(202, users ? tr("User will be deleted")
                                                       : tr("Account will be deleted"));
        }
        const QMap<QString, QString> rejected =
            m_state->upsert(scope, identification, object.value(u"properties"_s).toObject());
        SandboxResponse response =
            SandboxResponse::message(201, users ? tr("User will be created or updated")
                                                : tr("Account will be created or updated"));
        if (!rejected.isEmpty())
            response.body.insert(u"rejected"_s, mapToJson(rejected));
        return response;
    }
    if (id == u"addUserToAccount"_s || id == u"removeUserFromAccount"_s) {
        const QJsonObject account = object.value(u"account"_s).toObject();
        if (!identifiesAccount(account))
            return badRequest({{u"account"_s, accountIdentificationMessage()}});
        const QJsonArray usersArray = object.value(u"users"_s).toArray();
        if (usersArray.size() > MaxMembershipUsers) {
            return badRequest({{u"users"_s, tr("At most %1 users per request; this one has %2.")
                                                .arg(MaxMembershipUsers)
                                                .arg(usersArray.size())}});
        }
        QList<QJsonObject> users;
        for (qsizetype i = 0; i < usersArray.size(); ++i) {
            const QJsonObject user =
                usersArray.at(i).toObject().value(u"identification"_s).toObject();
            if (!identifiesUser(user))
                return badRequest(
                    {{u"users.%1.identification"_s.arg(i), userIdentificationMessage()}});
            users.append(user);
        }
        if (id == u"addUserToAccount"_s) {
            m_state->addMembers(account, users);
            return SandboxResponse::message(201, tr("Users will be added to the account"));
        }
        m_state->removeMembers(account, users);
        return {204, {}, {}};
    }
    if (id == u"trackEvent"_s || id == u"trackJourneyEvent"_s) {
        const QJsonObject identification = object.value(u"identification"_s).toObject();
        if (!identifiesUser(identification.value(u"user"_s).toObject()) &&
            !identifiesAccount(identification.value(u"account"_s).toObject()))
            return badRequest({{u"identification"_s,
                                tr("Event identification requires a user, account or both.")}});
        const QString name = object.value(u"name"_s).toString();
        if (name.isEmpty())
            return badRequest({{u"name"_s, tr("The event needs a name.")}});
        m_state->trackEvent(id, identification, name, object.value(u"metadata"_s).toObject(),
                            object.value(u"triggeredAt"_s).toString());
        return SandboxResponse::message(201, tr("Event will be tracked"));
    }
    if (id == u"link"_s) {
        const QString deviceId = object.value(u"deviceId"_s).toString();
        const QJsonObject identification = object.value(u"identification"_s).toObject();
        if (deviceId.isEmpty())
            return badRequest({{u"deviceId"_s, tr("The deviceId must not be empty.")}});
        if (!identifiesUser(identification))
            return badRequest({{u"identification"_s, userIdentificationMessage()}});
        m_state->link(deviceId, identification);
        return SandboxResponse::message(201, tr("Web activity will be linked to the user"));
    }
    if (id == u"getEvents"_s)
        return SandboxResponse::data(m_state->eventNamesJson());
    if (id == u"getUserProperties"_s)
        return SandboxResponse::data(m_state->propertiesJson(SandboxScope::Users));
    if (id == u"getAccountProperties"_s)
        return SandboxResponse::data(m_state->propertiesJson(SandboxScope::Accounts));
    if (id == u"getUserSegments"_s || id == u"getAccountSegments"_s) {
        QJsonArray segments;
        for (const SandboxSegment &segment :
             id == u"getUserSegments"_s ? m_fixture->userSegments : m_fixture->accountSegments)
            segments.append(QJsonObject{{u"id"_s, segment.id}, {u"name"_s, segment.name}});
        return SandboxResponse::data(segments);
    }
    if (id == u"getTrackingSnippet"_s) {
        QString domain;
        for (const auto &[name, value] : query) {
            if (name == u"domain"_s)
                domain = value;
        }
        if (domain.isEmpty())
            return badRequest({}, {{u"domain"_s, tr("The domain query parameter is required.")}});
        if (!m_fixture->hasSnippet(domain))
            return SandboxResponse::message(
                404, tr("No website with the domain %1 was found.").arg(domain));
        return SandboxResponse::data(
            QJsonObject{{u"domain"_s, domain.toLower()},
                        {u"snippet"_s, SandboxFixture::snippetFor(domain.toLower())}});
    }
    if (id == u"getValidity"_s)
        return SandboxResponse::data(
            QJsonObject{{u"permissions"_s, QJsonArray::fromStringList(key.permissions)}});
    return SandboxResponse::message(500, tr("The sandbox does not implement %1.").arg(id));
}
