#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

#include <optional>

struct ApiResult;

// journyctl: the console's operations from a terminal. main() only builds one of these.
class JournyCtl {
public:
    enum ExitCode { Success = 0, HttpError = 1, UsageError = 2, TransportFailure = 3 };

    JournyCtl(QTextStream &out, QTextStream &err);
    // arguments include the program name, as QCoreApplication::arguments() gives them.
    int run(const QStringList &arguments);

    static QString helpText();

private:
    int runOperations(const QStringList &arguments);
    int runSend(const QStringList &arguments);

    // Reads --data FILE|- as a JSON object; on failure prints why and returns nothing.
    std::optional<QJsonObject> readJsonBody(const QString &source);
    void printResult(const ApiResult &result);
    int usageError(const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
};
