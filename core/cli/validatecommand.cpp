// journyctl validate, and the check journyctl send makes before it sends.
#include "journyctl.h"

#include "api/operation.h"
#include "secrets/redaction.h"
#include "validation/validator.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JournyCtl", text);
}

QString tr(const char *text, int n)
{
    return QCoreApplication::translate("JournyCtl", text, nullptr, n);
}

} // namespace

int JournyCtl::runValidate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, {});
    parser.addPositionalArgument(u"operation"_s, {});
    // Accepted (and unused) so that a send command line validates by changing one word.
    addConnectionOptions(parser);
    parser.addOption({u"data"_s, {}, u"file"_s});
    parser.addOption({u"query"_s, {}, u"name=value"_s});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(tr("validate needs exactly one OPERATION_ID."));

    const Operation *operation = OperationCatalogue::find(positional.at(1));
    if (!operation)
        return usageError(
            tr("unknown operation “%1”; 'journyctl operations' lists them.").arg(positional.at(1)));

    QJsonValue body(QJsonValue::Undefined);
    if (parser.isSet(u"data"_s)) {
        if (!operation->hasBody)
            return usageError(tr("%1 takes no request body.").arg(operation->id));
        const std::optional<QJsonObject> read = readJsonBody(parser.value(u"data"_s));
        if (!read)
            return UsageError;
        body = *read;
    }

    QueryItems query;
    for (const QString &item : parser.values(u"query"_s)) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals <= 0)
            return usageError(tr("--query takes NAME=VALUE, not “%1”.").arg(item));
        query.append({item.left(equals), item.mid(equals + 1)});
    }

    const QList<ValidationError> errors =
        Validator::instance().validate(operation->id, body, query);
    if (errors.isEmpty()) {
        m_out << tr("valid") << u'\n';
        m_out.flush();
        return Success;
    }
    for (const ValidationError &error : errors)
        m_out << Redaction::redact(Validator::describe(error)) << u'\n';
    m_out.flush();
    m_err << tr("journyctl: %n problem(s) found.", int(errors.size())) << u'\n';
    m_err.flush();
    return UsageError;
}

bool JournyCtl::validateBeforeSending(const QString &operationId, const QJsonObject &body,
                                      const QList<std::pair<QString, QString>> &query)
{
    const Operation *operation = OperationCatalogue::find(operationId);
    // The body that will be sent: none for operations without one.
    const QJsonValue sent =
        operation && operation->hasBody ? QJsonValue(body) : QJsonValue(QJsonValue::Undefined);
    const QList<ValidationError> errors = Validator::instance().validate(operationId, sent, query);
    if (errors.isEmpty())
        return true;
    m_err << tr("journyctl: not sent: the request is invalid (%n problem(s)):", int(errors.size()))
          << u'\n';
    for (const ValidationError &error : errors)
        m_err << u"  "_s << Redaction::redact(Validator::describe(error)) << u'\n';
    m_err << tr("Fix it, or add --no-validate to send it as it is.") << u'\n';
    m_err.flush();
    return false;
}
