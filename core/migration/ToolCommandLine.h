#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "MigrationSettings.h"
#include "OpenMetadataDistribution.h"
#include "ProcessCall.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

namespace omu {

// One run of the migration tool, exactly as it will be started. The database password
// is only ever in `environment` (named in secretKeys), never in `arguments`: a command
// line is visible to every user of the machine (ps, /proc) and ends up in logs.
struct ToolCommandLine
{
    MigrationAction action = MigrationAction::Migrate;
    MigrationMode mode = MigrationMode::Bare;
    bool force = false; // --force asked for (it may be inside a job's manifest, not `arguments`)
    QString program;    // absolute path once resolved
    QStringList arguments;
    QString workingDirectory;
    QProcessEnvironment environment;
    QStringList passedKeys;   // variables set for the tool (shown by name)
    QStringList secretKeys;   // of those, the ones holding secrets
    QString secret;           // the password, so output can be scrubbed; never displayed
    QStringList hiddenValues; // other secret values the run may print (masked in the log)

    // Around the main command, for tools that run elsewhere (a Kubernetes job):
    QStringList remarks;        // what was read to build it, shown first as "# ..." lines
    QList<ProcessCall> prepare; // run first, in order; one failing ends the run as failed
    // Run once the main command ended: `judge` reads its result and decides the run's
    // success instead of the main command's exit code.
    std::optional<ProcessCall> conclude;
    MigrationJudge judge;
    int concludeChecks = 5;     // a Running / Unknown verdict is checked again this often,
    int concludeRetryMs = 2000; // this far apart,
    // then, while still Running, the main command is started again (it follows a log
    // that may have ended before the tool started), for at most this long; 0: never.
    int followAgainMs = 0;
    // While the main command follows a log, and has been silent this long, the conclusion
    // check runs; a finished verdict ends the follow (a log stream can die without a word).
    // 0: never.
    int statusProbeMs = 0;
    std::optional<ProcessCall> onCancel; // what really stops the tool when it runs elsewhere
    QString cancelledNote;               // said after a cancel whose onCancel step succeeded
    QString failureNote;                 // said after a run that failed or was cancelled

    // The main command for people: variables we set as NAME=*** (secrets) or NAME=value,
    // then the program and its arguments, shell-quoted. Copy-pasteable but for secrets.
    QString mainDisplay() const;
    // Everything that will run, one command a line: remarks, the prepare steps, the main
    // command, the conclusion check and "on cancel: ...". Just mainDisplay() for a plain one.
    QString display() const;
    QJsonObject toJson() const; // no secret values
};

// Builds the command for a mode from the distribution, the tested connection and the
// settings. Bare mode also checks that the configuration the tool will read points at the
// database that was tested and backed up; a mismatch is refused with file and key.
class ToolCommandLineBuilder
{
public:
    static Result<ToolCommandLine> build(const OpenMetadataDistribution& distribution,
                                         const ConnectionProfile& profile,
                                         const MigrationSettings& settings,
                                         MigrationAction action = MigrationAction::Migrate);

    // The variables OpenMetadata's configuration reads the connection from
    // (DB_DRIVER_CLASS, DB_SCHEME, DB_HOST, DB_PORT, OM_DATABASE, DB_USER,
    // DB_USER_PASSWORD, DB_PARAMS), set to the tested profile's values.
    static QList<QPair<QString, QString>> connectionVariables(const ConnectionProfile& profile);
    // Finds `program` on the PATH of `environment` (not this process's).
    static QString findProgram(const QString& program, const QProcessEnvironment& environment);
    static QString shellQuote(const QString& word);
    // The tool's word for an action: "migrate" (ops) / "migrate-all" (bootstrap_storage),
    // "repair", "reindex", "info".
    static QString actionWord(MigrationTool tool, MigrationAction action);
    // The tool's arguments after its path; `config` is the path as the tool will see it.
    static QStringList toolArguments(MigrationTool tool, MigrationAction action,
                                     const QString& config, bool force);
    // Refuses a command whose arguments or inputs (any step's) contain `password`.
    static Status checkPasswordNotPassed(const ToolCommandLine& command, const QString& password);
};

} // namespace omu
