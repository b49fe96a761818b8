#include "journyctl.h"

#include "identity/identityverification.h"
#include "secrets/redaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <optional>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JournyCtl", text);
}

// The first line of standard input, without its line break; echo is off on a terminal.
std::optional<QString> readHmacSecret(QTextStream &err)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal) {
        err << tr("HMAC secret: ");
        err.flush();
        if (tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    QByteArray line;
    int c = 0;
    bool any = false;
    while ((c = std::fgetc(stdin)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        line.append(char(c));
    }
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        err << u'\n';
        err.flush();
    }
    if (line.endsWith('\r'))
        line.chop(1);
    if (!any)
        return std::nullopt;
    return QString::fromUtf8(line);
}
} // namespace

int JournyCtl::runHmac(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"command"_s, {});
    parser.addPositionalArgument(u"id"_s, {});
    parser.addOption({u"verify"_s, {}, u"hash"_s});
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
    if (secret.isEmpty()) {
        const std::optional<QString> read = readHmacSecret(m_err);
        if (!read || read->isEmpty())
            return usageError(tr("no HMAC secret: set JOURNY_HMAC_SECRET or write the secret "
                                 "to standard input."));
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
