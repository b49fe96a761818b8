#include "secretprompt.h"

#include <csignal>
#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace {
// The terminal's settings while echo is off, restored if the prompt is interrupted.
termios g_savedTerminal{};

extern "C" void restoreTerminalAndExit(int signalNumber)
{
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

} // namespace

std::optional<QString> readSecretLine(QTextStream &err, const QString &prompt)
{
    std::string line;
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal) {
        err << prompt;
        err.flush();
        if (tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            g_savedTerminal = saved;
            std::signal(SIGINT, restoreTerminalAndExit);
            std::signal(SIGTERM, restoreTerminalAndExit);
            std::signal(SIGHUP, restoreTerminalAndExit);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    int c = 0;
    bool any = false;
    while ((c = std::fgetc(stdin)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        line.push_back(char(c));
    }
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        std::signal(SIGHUP, SIG_DFL);
        err << u'\n';
        err.flush();
    }
    QString secret = QString::fromStdString(line).trimmed();
    std::fill(line.begin(), line.end(), '\0');
    if (!any)
        return std::nullopt;
    return secret;
}
