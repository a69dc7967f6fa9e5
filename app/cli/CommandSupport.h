#pragma once

#include "backup/SessionWatchdog.h"
#include "Command.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "ExitCode.h"

#include <QJsonObject>
#include <QTextStream>

#include <optional>

namespace omu::cli {

// What every command does the same way (after KeePassXC's DatabaseCommand): refuse stray
// arguments, resolve the connection profile, know the journal's data folder, print an
// error as text on stderr and as {"error": {message, where, advice}} with --json, and
// turn Ctrl-C into a cancel the work polls.
class CommandSupport
{
public:
    explicit CommandSupport(const CommandContext& context);

    // True when no positional argument follows the command (beyond `allowed`); otherwise
    // says which one is unexpected.
    bool noStrayArguments(qsizetype allowed = 0) const;
    // The profile from the connection options, its warnings on stderr; on failure the
    // error is printed (and its JSON when --json) and nullopt returned.
    std::optional<ConnectionProfile> resolveProfile() const;
    // Where the journals live (--data-folder; empty: the user's data folder).
    QString dataFolder() const;

    // Prints `error` and returns ExitFailed; with --json, `document` with "error" added.
    int fail(const Error& error, QJsonObject document = {}) const;
    int badUsage(const QString& message) const;
    // `document` on stdout when --json.
    void printJson(const QJsonObject& document) const;
    QTextStream& err() const;

    static QJsonObject errorJson(const Error& error);
    // The option every command that reads or writes the journal accepts.
    static void addDataFolderOption(QCommandLineParser& parser);
    // Ctrl-C (SIGINT) and SIGTERM cancel `token`; a second Ctrl-C ends the process, and so
    // does the first if the work has not ended two seconds later (a connection attempt to
    // a frozen server, say): nothing complete-looking is left either way.
    static void cancelOnInterrupt(const CancelToken& token);
    // --lock-timeout and --stall-timeout, for the commands that talk to the database.
    static void addWaitOptions(QCommandLineParser& parser);
    // Their values; nullopt (after saying why) when one is not a number of seconds.
    std::optional<WaitLimits> waitLimits() const;

    // How every command that replaces a database's content (restore, rollback, restore
    // --new-database) starts: no stray argument, --input FILE (`needsInput` says which
    // file, when it is missing), the connection, and --yes (without it, `confirmation`,
    // with %1 for the database, says what would happen and how to confirm). nullopt, with
    // `*exitCode` set and the reason printed, when the command must end here.
    struct Replacement
    {
        QString file; // absolute
        ConnectionProfile profile;
    };
    std::optional<Replacement> startReplacing(const QString& needsInput,
                                              const QString& confirmation, int* exitCode) const;

private:
    const CommandContext& m_context;
};

} // namespace omu::cli
