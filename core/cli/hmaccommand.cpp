#include "journyctl.h"

#include "identity/identityverification.h"
#include "profiles/profilestore.h"
#include "secretprompt.h"
#include "secrets/redaction.h"
#include "secrets/secretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <optional>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JournyCtl", text);
}

} // namespace

int JournyCtl::runHmac(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, {});
    parser.addPositionalArgument(u"id"_s, {});
    parser.addOption({u"verify"_s, {}, u"hash"_s});
    parser.addOption({u"profile"_s, {}, u"name"_s});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(tr("hmac needs exactly one user or account ID (use -- before an ID "
                             "that starts with '-')."));
    const QString id = positional.at(1);

    const bool verifying = parser.isSet(u"verify"_s);
    const QString hash = parser.value(u"verify"_s);
    if (verifying && !IdentityVerification::isWellFormedDigest(hash))
        return usageError(tr("--verify takes the 64 hex digits of an HMAC-SHA256 digest."));

    QString secret = qEnvironmentVariable("JOURNY_HMAC_SECRET");
    if (secret.isEmpty() && parser.isSet(u"profile"_s)) {
        ProfileStore profiles;
        const std::optional<Profile> profile = profiles.find(parser.value(u"profile"_s));
        if (!profile)
            return unknownProfile(parser.value(u"profile"_s));
        if (const int code = readStoredSecret(profiles, *profile, SecretKind::HmacSecret, &secret))
            return code;
    } else if (secret.isEmpty()) {
        const std::optional<QString> read = readSecretLine(m_err, tr("HMAC secret: "));
        if (!read || read->isEmpty())
            return usageError(tr("no HMAC secret: set JOURNY_HMAC_SECRET, name a profile "
                                 "with --profile, or write the secret to standard input."));
        secret = *read;
    }
    // Whatever leaves the process from here on is scrubbed of it.
    Redaction::registerSecret(secret);

    if (!verifying) {
        m_out << IdentityVerification::hmacHex(id, secret) << u'\n';
        m_out.flush();
        return Success;
    }
    const bool match = IdentityVerification::verify(hash, id, secret);
    m_out << (match ? u"match"_s : u"mismatch"_s) << u'\n';
    m_out.flush();
    return match ? Success : HmacMismatch;
}
