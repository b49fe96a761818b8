#include "apiresult.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
// Servers normally send strings here; anything else is kept as its JSON text.
QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QJsonArray wrapped{value};
    const QByteArray json = QJsonDocument(wrapped).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QMap<QString, QString> toStringMap(const QJsonValue &value)
{
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        map.insert(it.key(), valueText(it.value()));
    return map;
}

std::optional<int> toInt(const QByteArray &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}
} // namespace

QByteArray ApiResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void ApiResult::parseResponse(int httpStatus, const HeaderList &responseHeaders,
                              const QByteArray &raw)
{
    status = httpStatus;
    success = status >= 200 && status < 300;
    headers = responseHeaders;
    rawBody = raw;
    rateLimitLimit = toInt(header("X-RateLimit-Limit"));
    rateLimitRemaining = toInt(header("X-RateLimit-Remaining"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
    bodyIsJson = !raw.trimmed().isEmpty() && parseError.error == QJsonParseError::NoError;
    if (!bodyIsJson)
        return;
    body = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const QJsonObject object = document.object();
    const QJsonObject meta = object.value(u"meta"_s).toObject();
    requestId = meta.value(u"requestId"_s).toString();
    message = object.value(u"message"_s).toString();
    data = object.value(u"data"_s);
    rejected = toStringMap(object.value(u"rejected"_s));
    const QJsonObject errors = object.value(u"errors"_s).toObject();
    fieldErrors = toStringMap(errors.value(u"fields"_s));
    const QJsonObject parameters = errors.value(u"parameters"_s).toObject();
    headerErrors = toStringMap(parameters.value(u"header"_s));
    queryErrors = toStringMap(parameters.value(u"query"_s));
    pathErrors = toStringMap(parameters.value(u"path"_s));
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return u"OK"_s;
    case 201:
        return u"Created"_s;
    case 202:
        return u"Accepted"_s;
    case 204:
        return u"No Content"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 413:
        return u"Payload Too Large"_s;
    case 415:
        return u"Unsupported Media Type"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    default:
        return {};
    }
}

QString ApiResult::summary() const
{
    if (transportError != TransportError::None)
        return transportErrorText;
    const QString phrase = reasonPhrase(status);
    return phrase.isEmpty() ? QString::number(status) : QString::number(status) + u' ' + phrase;
}
