// journyctl's profile commands and the connection (profile or base URL, key, timeout,
// --verbose) shared by every command that talks to the API.
#include "journyctl.h"

#include "api/journyclient.h"
#include "profiles/profilestore.h"
#include "secretprompt.h"
#include "secrets/redaction.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JournyCtl", text);
}

const QString ProfileOption = u"profile"_s;
const QString BaseUrlOption = u"base-url"_s;
const QString TimeoutOption = u"timeout"_s;
const QString VerboseOption = u"verbose"_s;

QString yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}
} // namespace

void JournyCtl::addConnectionOptions(QCommandLineParser &parser)
{
    parser.addOption({ProfileOption, {}, u"name"_s});
    parser.addOption({BaseUrlOption, {}, u"url"_s});
    parser.addOption({TimeoutOption, {}, u"seconds"_s});
    parser.addOption({VerboseOption, {}});
}

int JournyCtl::configureClient(const QCommandLineParser &parser, JournyClient &client,
                               const QString &profileName)
{
    m_verbose = parser.isSet(VerboseOption);
    const QString chosenProfile = profileName.isEmpty() ? parser.value(ProfileOption) : profileName;
    const bool hasUrl = parser.isSet(BaseUrlOption);
    if (!chosenProfile.isEmpty() && hasUrl)
        return usageError(tr("use either --profile or --base-url, not both."));
    if (chosenProfile.isEmpty() && !hasUrl)
        return usageError(tr("say where to send: --profile NAME ('journyctl profile list') or "
                             "--base-url URL (for example https://api.journy.io)."));

    const QString environmentKey = qEnvironmentVariable("JOURNY_API_KEY");
    Redaction::registerSecret(environmentKey);
    QString apiKey = environmentKey;
    QUrl url;
    if (hasUrl) {
        url = QUrl(parser.value(BaseUrlOption), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return usageError(tr("“%1” is not a URL such as https://api.journy.io.")
                                  .arg(parser.value(BaseUrlOption)));
    } else {
        ProfileStore profiles;
        const std::optional<Profile> profile = profiles.find(chosenProfile);
        if (!profile)
            return unknownProfile(chosenProfile);
        if (profile->isSandbox())
            return usageError(tr("the Sandbox profile runs inside journy-console. From a "
                                 "terminal, start journy-sandbox and use --base-url."));
        url = profile->baseUrl;
        if (environmentKey.isEmpty()) {
            if (const int code = readStoredSecret(profiles, *profile, SecretKind::ApiKey, &apiKey))
                return code;
        } else if (m_verbose) {
            m_err << tr("* JOURNY_API_KEY is set: it is used instead of the profile's key.")
                  << u'\n';
        }
    }
    QString why;
    if (!JournyClient::isAllowedUrl(url, &why))
        return usageError(why);

    client.setBaseUrl(url);
    client.setApiKey(apiKey);
    if (parser.isSet(TimeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(TimeoutOption).toDouble(&ok);
        if (!ok || seconds <= 0)
            return usageError(tr("--timeout takes a positive number of seconds."));
        client.setTimeout(std::chrono::milliseconds(qint64(seconds * 1000)));
    }
    return Success;
}

int JournyCtl::unknownProfile(const QString &name)
{
    return usageError(
        tr("there is no profile “%1”; 'journyctl profile list' shows them.").arg(name));
}

int JournyCtl::readStoredSecret(ProfileStore &profiles, const Profile &profile, SecretKind kind,
                                QString *secret)
{
    SecretStore secrets;
    profiles.trackSecrets(&secrets);
    const SecretResult stored = secrets.readNow(profile.id, kind);
    if (stored.status == SecretResult::Unavailable)
        return noSecretStore(stored.detail);
    if (stored.status == SecretResult::NotFound) {
        return usageError(kind == SecretKind::ApiKey
                              ? tr("profile “%1” has no API key; store one with 'journyctl "
                                   "profile set-key %1' or set JOURNY_API_KEY.")
                                    .arg(profile.name)
                              : tr("profile “%1” has no HMAC secret; store one with 'journyctl "
                                   "profile set-key %1 --hmac-secret' or set "
                                   "JOURNY_HMAC_SECRET.")
                                    .arg(profile.name));
    }
    *secret = stored.secret;
    return Success;
}

int JournyCtl::noSecretStore(const QString &detail)
{
    m_err << u"journyctl: "_s << SecretStore::unavailableMessage() << u'\n';
    if (!detail.isEmpty())
        m_err << tr("(keychain: %1)").arg(Redaction::redact(detail)) << u'\n';
    m_err.flush();
    return NoSecretStore;
}

void JournyCtl::printRequest(const SentRequest &request)
{
    if (!m_verbose)
        return;
    m_err << u"> "_s << QString::fromLatin1(request.method) << u' '
          << Redaction::redact(request.url.toString()) << u'\n';
    for (const auto &[name, value] : Redaction::redactHeaders(request.headers))
        m_err << u"> "_s << QString::fromLatin1(name) << u": "_s << QString::fromUtf8(value)
              << u'\n';
    if (!request.body.isEmpty()) {
        m_err << u">\n"_s;
        const QString body = Redaction::redact(QString::fromUtf8(request.body));
        for (const QString &line : body.split(u'\n'))
            m_err << u"> "_s << line << u'\n';
    }
    m_err.flush();
}

void JournyCtl::printResponseHeaders(const ApiResult &result)
{
    if (!m_verbose || !result.hasResponse())
        return;
    m_err << u"< HTTP "_s << result.status << u'\n';
    for (const auto &[name, value] : Redaction::redactHeaders(result.headers))
        m_err << u"< "_s << QString::fromLatin1(name) << u": "_s << QString::fromUtf8(value)
              << u'\n';
    m_err.flush();
}

int JournyCtl::runProfile(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, {});
    parser.addPositionalArgument(u"action"_s, {});
    parser.addPositionalArgument(u"name"_s, {});
    addConnectionOptions(parser);
    parser.addOption({u"production"_s, {}});
    parser.addOption({u"colour"_s, {}, u"colour"_s});
    parser.addOption({u"no-confirm-writes"_s, {}});
    parser.addOption({u"hmac-secret"_s, {}});
    parser.addOption({u"json"_s, {}});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    static const QStringList actions = {u"list"_s, u"add"_s, u"set-key"_s, u"test"_s, u"remove"_s};
    if (!actions.contains(action))
        return usageError(action.isEmpty()
                              ? tr("profile needs one of: %1.").arg(actions.join(u", "_s))
                              : tr("unknown profile command “%1”; use one of: %2.")
                                    .arg(action, actions.join(u", "_s)));
    if (action == u"list"_s) {
        if (positional.size() != 2)
            return usageError(tr("profile list takes no name."));
        return profileList(parser.isSet(u"json"_s));
    }
    if (positional.size() != 3)
        return usageError(positional.size() < 3
                              ? tr("profile %1 needs a NAME.").arg(action)
                              : tr("profile %1 takes one NAME; quote a name with spaces, and "
                                   "never pass a key on the command line.")
                                    .arg(action));
    const QString name = positional.at(2);
    if (action == u"add"_s)
        return profileAdd(parser, name);
    if (action == u"set-key"_s)
        return profileSetKey(name, parser.isSet(u"hmac-secret"_s));
    if (action == u"test"_s)
        return profileTest(parser, name);
    return profileRemove(name);
}

int JournyCtl::profileList(bool json)
{
    ProfileStore profiles;
    const QList<Profile> all = profiles.profiles();
    const QString active = profiles.activeProfileId();
    if (json) {
        QJsonArray array;
        for (const Profile &profile : all) {
            array.append(QJsonObject{
                {u"id"_s, profile.id},
                {u"name"_s, profile.name},
                {u"baseUrl"_s, profile.isSandbox() ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(profile.baseUrl.toString())},
                {u"production"_s, profile.production},
                {u"colour"_s, profile.colour},
                {u"confirmWrites"_s, profile.confirmWrites},
                {u"hasApiKey"_s, profile.hasApiKey},
                {u"hasHmacSecret"_s, profile.hasHmacSecret},
                {u"active"_s, profile.id == active},
            });
        }
        m_out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        m_out.flush();
        return Success;
    }
    qsizetype nameWidth = 8;
    for (const Profile &profile : all)
        nameWidth = std::max(nameWidth, profile.name.size() + 2);
    m_out << u"  "_s << tr("NAME").leftJustified(nameWidth) << tr("BASE URL").leftJustified(32)
          << tr("PRODUCTION").leftJustified(12) << tr("KEY").leftJustified(8) << tr("HMAC")
          << u'\n';
    for (const Profile &profile : all) {
        const QString url =
            profile.isSandbox() ? tr("(inside journy-console)") : profile.baseUrl.toString();
        m_out << (profile.id == active ? u"* "_s : u"  "_s) << profile.name.leftJustified(nameWidth)
              << url.leftJustified(31) << u' ' << yesNo(profile.production).leftJustified(12)
              << (profile.isSandbox() ? u"-"_s
                  : profile.hasApiKey ? tr("stored")
                                      : tr("none"))
                     .leftJustified(8)
              << (profile.hasHmacSecret ? tr("stored") : u"-"_s) << u'\n';
    }
    m_out.flush();
    return Success;
}

int JournyCtl::profileAdd(const QCommandLineParser &parser, const QString &name)
{
    ProfileStore profiles;
    Profile profile;
    profile.name = name;
    if (parser.isSet(BaseUrlOption))
        profile.baseUrl = QUrl(parser.value(BaseUrlOption), QUrl::StrictMode);
    profile.production = parser.isSet(u"production"_s);
    profile.colour = parser.value(u"colour"_s);
    profile.confirmWrites = !parser.isSet(u"no-confirm-writes"_s);
    if (profiles.find(name))
        return usageError(tr("there is already a profile named “%1”.").arg(name));
    QString why;
    const std::optional<Profile> added = profiles.save(profile, &why);
    if (!added)
        return usageError(why);
    m_out << tr("Added profile “%1” (%2%3). Store its key with: journyctl profile set-key %1")
                 .arg(added->name, added->baseUrl.toString(),
                      added->production ? tr(", production") : QString())
          << u'\n';
    m_out.flush();
    return Success;
}

int JournyCtl::profileSetKey(const QString &name, bool hmacSecret)
{
    ProfileStore profiles;
    const std::optional<Profile> profile = profiles.find(name);
    if (!profile)
        return unknownProfile(name);
    if (profile->isSandbox())
        return usageError(tr("the Sandbox profile needs no key."));
    const QString what = hmacSecret ? tr("HMAC secret") : tr("API key");
    const std::optional<QString> secret =
        readSecretLine(m_err, tr("%1 for “%2”: ").arg(what, profile->name));
    if (!secret || secret->isEmpty())
        return usageError(tr("no %1 on standard input.").arg(what));
    if (secret->contains(QRegularExpression(u"\\s"_s)))
        return usageError(tr("the %1 contains white space; paste it without.").arg(what));
    Redaction::registerSecret(*secret);

    SecretStore secrets;
    profiles.trackSecrets(&secrets);
    const SecretKind kind = hmacSecret ? SecretKind::HmacSecret : SecretKind::ApiKey;
    const SecretResult result = secrets.writeNow(profile->id, kind, *secret);
    if (result.status != SecretResult::Ok) {
        const int code = noSecretStore(result.detail);
        m_err << tr("journyctl: the %1 was not stored.").arg(what) << u'\n';
        m_err.flush();
        return code;
    }
    m_out << tr("Stored the %1 of “%2” (%3) in the system keychain.")
                 .arg(what, profile->name, Redaction::hint(*secret))
          << u'\n';
    m_out.flush();
    return Success;
}

int JournyCtl::profileTest(const QCommandLineParser &parser, const QString &name)
{
    JournyClient client;
    if (const int code = configureClient(parser, client, name); code != Success)
        return code;
    const ApiResult result = sendAndWait(client, u"getValidity"_s, {}, {});
    if (!result.success || !result.data.isObject()) {
        printResult(result);
        if (result.transportError != TransportError::None)
            return TransportFailure;
        return HttpError;
    }
    const QJsonArray permissions = result.data.toObject().value(u"permissions"_s).toArray();
    m_out << tr("The key of “%1” is valid. Permissions:").arg(name) << u'\n';
    for (const QJsonValue &permission : permissions)
        m_out << u"  "_s << Redaction::redact(permission.toString()) << u'\n';
    if (permissions.isEmpty())
        m_out << tr("  (none)") << u'\n';
    m_out.flush();
    QStringList facts{u"HTTP "_s + result.summary()};
    if (!result.requestId.isEmpty())
        facts << tr("requestId %1").arg(result.requestId);
    facts << tr("%1 ms").arg(result.elapsedMs);
    m_err << Redaction::redact(facts.join(u" · "_s)) << u'\n';
    m_err.flush();
    return Success;
}

ApiResult JournyCtl::sendAndWait(JournyClient &client, const QString &operationId,
                                 const QJsonObject &body,
                                 const QList<std::pair<QString, QString>> &query)
{
    QEventLoop loop;
    ApiResult result;
    bool done = false;
    ApiReply *reply = client.send(operationId, body, query);
    printRequest(reply->request());
    QObject::connect(reply, &ApiReply::finished, &loop, [&](const ApiResult &finished) {
        result = finished;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    printResponseHeaders(result);
    return result;
}

int JournyCtl::profileRemove(const QString &name)
{
    ProfileStore profiles;
    const std::optional<Profile> profile = profiles.find(name);
    if (!profile)
        return unknownProfile(name);
    if (profile->isSandbox())
        return usageError(tr("the Sandbox profile is built in and cannot be removed."));
    SecretStore secrets;
    profiles.trackSecrets(&secrets);
    const SecretResult removed = secrets.removeAllNow(profile->id);
    if (removed.status == SecretResult::Unavailable &&
        (profile->hasApiKey || profile->hasHmacSecret)) {
        const int code = noSecretStore(removed.detail);
        m_err << tr("journyctl: profile “%1” was kept, so that its keychain entries can be "
                    "removed with it once the keychain works.")
                     .arg(profile->name)
              << u'\n';
        m_err.flush();
        return code;
    }
    QString why;
    if (!profiles.remove(profile->id, &why))
        return usageError(why);
    m_out << tr("Removed profile “%1” and its keychain entries.").arg(profile->name) << u'\n';
    m_out.flush();
    return Success;
}
