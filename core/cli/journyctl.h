#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

#include <optional>

struct ApiResult;
struct Operation;
struct Profile;
struct SentRequest;
class JournyClient;
class ProfileStore;
enum class SecretKind;

// journyctl: the console's operations from a terminal. main() only builds one of these.
class JournyCtl {
public:
    enum ExitCode {
        Success = 0,
        HttpError = 1,
        UsageError = 2,
        TransportFailure = 3,
        NoSecretStore = 4,
        HmacMismatch = 1, // hmac --verify: the hash is not the ID's digest
    };

    JournyCtl(QTextStream &out, QTextStream &err);
    // arguments include the program name, as QCoreApplication::arguments() gives them.
    int run(const QStringList &arguments);

    static QString helpText();

private:
    int runOperations(const QStringList &arguments);
    int runSend(const QStringList &arguments);
    int runHmac(const QStringList &arguments); // hmaccommand.cpp

    // validatecommand.cpp: `validate`, and the check `send` makes before sending. Both print
    // every problem as "path: message"; validateBeforeSending() returns false when invalid.
    int runValidate(const QStringList &arguments);
    bool validateBeforeSending(const QString &operationId, const QJsonObject &body,
                               const QList<std::pair<QString, QString>> &query);

    // Reads --data FILE|- as a JSON object; on failure prints why and returns nothing.
    std::optional<QJsonObject> readJsonBody(const QString &source);
    // What a send or validate command line names: OPERATION_ID, --data and --query.
    struct RequestInput {
        const Operation *operation = nullptr;
        std::optional<QJsonObject> body; // nothing without --data
        QList<std::pair<QString, QString>> query;
    };
    // Nothing, after printing why, when the command line does not name a usable request.
    std::optional<RequestInput> readRequestInput(const QCommandLineParser &parser,
                                                 const QString &command);
    void printResult(const ApiResult &result);
    int usageError(const QString &message);

    // profilecommand.cpp: profiles, and the connection every command that talks to the API
    // uses. An API command adds the options, then lets configureClient() point the client
    // at --profile NAME or --base-url URL with its key; anything but Success is the exit code.
    static void addConnectionOptions(QCommandLineParser &parser); // --profile --base-url ...
    int configureClient(const QCommandLineParser &parser, JournyClient &client,
                        const QString &profileName = {});
    // Sends and waits; with --verbose, prints the request and the response headers
    // (secrets redacted) on standard error.
    ApiResult sendAndWait(JournyClient &client, const QString &operationId, const QJsonObject &body,
                          const QList<std::pair<QString, QString>> &query);
    void printRequest(const SentRequest &request);
    void printResponseHeaders(const ApiResult &result);
    int noSecretStore(const QString &detail);
    int unknownProfile(const QString &name);
    // The profile's stored secret of `kind` into *secret; else says why and returns the exit
    // code (no keychain, or no such secret with how to store one).
    int readStoredSecret(ProfileStore &profiles, const Profile &profile, SecretKind kind,
                         QString *secret);
    int runProfile(const QStringList &arguments);
    int profileList(bool json);
    int profileAdd(const QCommandLineParser &parser, const QString &name);
    int profileSetKey(const QString &name, bool hmacSecret);
    int profileTest(const QCommandLineParser &parser, const QString &name);
    int profileRemove(const QString &name);
    bool m_verbose = false;

    QTextStream &m_out;
    QTextStream &m_err;
};
