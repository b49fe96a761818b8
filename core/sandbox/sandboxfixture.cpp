#include "sandboxfixture.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SandboxFixture", text);
}

bool readSegments(const QJsonValue &value, const QString &where, QList<SandboxSegment> *out,
                  QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = tr("%1 must be an array.").arg(where);
        return false;
    }
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject object = item.toObject();
        const QString id = object.value(u"id"_s).toString();
        const QString name = object.value(u"name"_s).toString();
        if (id.isEmpty() || name.isEmpty()) {
            *error = tr("Every entry of %1 needs a non-empty \"id\" and \"name\".").arg(where);
            return false;
        }
        out->append({id, name});
    }
    return true;
}
} // namespace

bool SandboxFixture::hasSnippet(const QString &domain) const
{
    return snippetDomains.contains(domain.toLower());
}

QString SandboxFixture::snippetFor(const QString &domain)
{
    return uR"(<script>
!function(){var e=window.journy=window.journy||[];e.q=e.q||[];window.journy=function(){e.q.push(arguments)};var t=document.createElement("script");t.async=!0,t.src="https://analytics.journy.io/tracker.js",document.head.appendChild(t)}();
journy("init", { domain: "%1" });
journy("pageview");
</script>)"_s.arg(domain);
}

bool SandboxFixture::loadFile(const QString &path, SandboxKeys *keys, SandboxFixture *fixture,
                              QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    return loadJson(file.readAll(), keys, fixture, error);
}

bool SandboxFixture::loadJson(const QByteArray &json, SandboxKeys *keys, SandboxFixture *fixture,
                              QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = document.isNull() ? tr("The keys file is not valid JSON: %1 at offset %2.")
                                         .arg(parseError.errorString())
                                         .arg(parseError.offset)
                                   : tr("The keys file must hold a JSON object.");
        return false;
    }
    const QJsonObject root = document.object();

    SandboxKeys newKeys = *keys;
    const QJsonValue keyList = root.value(u"keys"_s);
    if (!keyList.isUndefined() && !keyList.isArray()) {
        *error = tr("\"keys\" must be an array.");
        return false;
    }
    for (const QJsonValue &item : keyList.toArray()) {
        const QJsonObject object = item.toObject();
        SandboxKey key;
        key.key = object.value(u"key"_s).toString();
        if (key.key.isEmpty()) {
            *error = tr("Every entry of \"keys\" needs a non-empty \"key\".");
            return false;
        }
        key.name = object.value(u"name"_s).toString();
        key.enabled = object.value(u"enabled"_s).toBool(true);
        const QJsonValue permissions = object.value(u"permissions"_s);
        if (permissions.isUndefined()) {
            key.permissions = SandboxKeys::allPermissions();
        } else {
            const QStringList known = SandboxKeys::allPermissions();
            for (const QJsonValue &permission : permissions.toArray()) {
                if (!known.contains(permission.toString())) {
                    *error = tr("Unknown permission \"%1\"; known: %2.")
                                 .arg(permission.toString(), known.join(u", "_s));
                    return false;
                }
                key.permissions.append(permission.toString());
            }
        }
        newKeys.add(std::move(key));
    }

    SandboxFixture newFixture = *fixture;
    const QJsonObject segments = root.value(u"segments"_s).toObject();
    if (!readSegments(segments.value(u"users"_s), u"segments.users"_s, &newFixture.userSegments,
                      error) ||
        !readSegments(segments.value(u"accounts"_s), u"segments.accounts"_s,
                      &newFixture.accountSegments, error))
        return false;
    for (const QJsonValue &domain : root.value(u"snippetDomains"_s).toArray()) {
        if (domain.toString().isEmpty()) {
            *error = tr("\"snippetDomains\" must list non-empty strings.");
            return false;
        }
        newFixture.snippetDomains.append(domain.toString().toLower());
    }

    *keys = std::move(newKeys);
    *fixture = std::move(newFixture);
    return true;
}
