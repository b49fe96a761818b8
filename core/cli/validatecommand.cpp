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

QString problemCount(qsizetype count)
{
    return count == 1 ? tr("1 problem") : tr("%1 problems").arg(count);
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
    const std::optional<RequestInput> input = readRequestInput(parser, u"validate"_s);
    if (!input)
        return UsageError;
    const QJsonValue body =
        input->body ? QJsonValue(*input->body) : QJsonValue(QJsonValue::Undefined);

    const QList<ValidationError> errors =
        Validator::instance().validate(input->operation->id, body, input->query);
    if (errors.isEmpty()) {
        m_out << tr("valid") << u'\n';
        m_out.flush();
        return Success;
    }
    for (const ValidationError &error : errors)
        m_out << Redaction::redact(Validator::describe(error)) << u'\n';
    m_out.flush();
    m_err << tr("journyctl: %1 found.").arg(problemCount(errors.size())) << u'\n';
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
    m_err
        << tr("journyctl: not sent: the request is invalid (%1):").arg(problemCount(errors.size()))
        << u'\n';
    for (const ValidationError &error : errors)
        m_err << u"  "_s << Redaction::redact(Validator::describe(error)) << u'\n';
    m_err << tr("Fix it, or add --no-validate to send it as it is.") << u'\n';
    m_err.flush();
    return false;
}
