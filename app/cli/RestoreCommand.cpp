#include "RestoreCommand.h"

#include "backup/BackupRecorder.h"
#include "backup/BackupRestorer.h"
#include "BackupCommand.h"
#include "CommandSupport.h"
#include "NewDatabaseCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <unistd.h>

namespace omu::cli {

void RestoreCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("input"), QStringLiteral("The backup file to replay."),
         QStringLiteral("file")},
        {QStringLiteral("yes"),
         QStringLiteral("Confirm: every table in the file is emptied and refilled.")},
        {QStringLiteral("force"),
         QStringLiteral("Restore despite a version mismatch or a file that fails its manifest.")},
        {QStringLiteral("continue-on-error"),
         QStringLiteral("Run every line even after one fails (like OpenMetadata's restore).")},
        {QStringLiteral("allow-any-sql"),
         QStringLiteral("Run lines that are not backup statements, or write to tables the "
                        "database does not have (only for a file you wrote and trust).")},
        {QStringLiteral("new-database"),
         QStringLiteral("Create this database and restore into it, schema included (a backup "
                        "taken by omupgrade; disaster recovery, moving servers)."),
         QStringLiteral("name")},
        {QStringLiteral("backup-version"),
         QStringLiteral("The OpenMetadata version a file without manifest was taken from."),
         QStringLiteral("version")},
    });
    CommandSupport::addWaitOptions(parser);
}

int RestoreCommand::run(const CommandContext& context)
{
    if (context.parser.isSet(QStringLiteral("new-database")))
        return NewDatabaseCommand::run(context);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const CommandSupport support(context);
    int exitCode = ExitOk;
    const auto start = support.startReplacing(
        QStringLiteral("restore needs --input FILE, the backup to replay."),
        QStringLiteral("restore empties and refills every table of %1 that the file holds.\n"
                       "Stop the OpenMetadata server first, then add --yes to confirm."),
        &exitCode);
    if (!start)
        return exitCode;
    const QString& file = start->file;
    const ConnectionProfile& profile = start->profile;

    const auto limits = support.waitLimits();
    if (!limits)
        return ExitBadUsage;
    BackupCommand::keepMemoryFlat();
    RestoreOptions options;
    options.force = context.parser.isSet(QStringLiteral("force"));
    options.continueOnError = context.parser.isSet(QStringLiteral("continue-on-error"));
    options.allowAnySql = context.parser.isSet(QStringLiteral("allow-any-sql"));
    options.backupVersion = context.parser.value(QStringLiteral("backup-version"));
    options.limits = *limits;
    CancelToken cancel;
    CommandSupport::cancelOnInterrupt(cancel);
    err << "omupgrade: restoring " << file << " into " << profile.displayName() << "\n";
    err.flush();
    const RestoreOutcome outcome = BackupRestorer::restore(
        profile, file, options, BackupCommand::progressPrinter(err), cancel);
    if (::isatty(STDERR_FILENO) == 1)
        err << "\r\033[K";
    for (const QString& note : outcome.notes)
        err << "omupgrade: warning: " << note << "\n";
    if (outcome.ending != Ending::Succeeded)
        err << "omupgrade: restore "
            << (outcome.ending == Ending::Cancelled ? "cancelled" : "failed") << ": "
            << outcome.error.toString() << "\n";
    else {
        const Status journaled =
            BackupRecorder(profile, support.dataFolder())
                .restored(file, outcome.rows, outcome.fileVerified, outcome.backupVersion);
        if (!journaled)
            err << "omupgrade: warning: could not record the restore in the journal: "
                << journaled.error().toString() << "\n";
    }

    exitCode = outcome.ending != Ending::Succeeded ? ExitFailed
               : outcome.notes.isEmpty()           ? ExitOk
                                                   : ExitWarnings;
    if (context.json) {
        QJsonArray failures;
        for (const RestoreFailure& failure : outcome.failures)
            failures.append(QJsonObject{{QStringLiteral("line"), failure.line},
                                        {QStringLiteral("statement"), failure.statement},
                                        {QStringLiteral("message"), failure.message}});
        QJsonObject document{
            {QStringLiteral("file"), file},
            {QStringLiteral("database"), profile.displayName()},
            {QStringLiteral("statements"), outcome.statements},
            {QStringLiteral("rows"), outcome.rows},
            {QStringLiteral("failed"), outcome.failedStatements},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("verified"), outcome.fileVerified},
            {QStringLiteral("backupVersion"), outcome.backupVersion},
            {QStringLiteral("databaseVersion"), outcome.databaseVersion},
            {QStringLiteral("notes"), QJsonArray::fromStringList(outcome.notes)},
            {QStringLiteral("seconds"), outcome.seconds},
            {QStringLiteral("cancelled"), outcome.ending == Ending::Cancelled},
        };
        if (outcome.ending != Ending::Succeeded)
            document.insert(QStringLiteral("error"), CommandSupport::errorJson(outcome.error));
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return exitCode;
    }
    const QLocale c = QLocale::c();
    out << "Restored  " << c.toString(outcome.rows) << " rows in " << outcome.rowsPerTable.size()
        << " tables, " << c.toString(outcome.statements) << " statements in "
        << QString::number(outcome.seconds, 'f', 1) << " s\n";
    if (outcome.failedStatements > 0)
        out << "Failed    " << outcome.failedStatements << " statements\n";
    for (const RestoreFailure& failure : outcome.failures)
        out << "  line " << failure.line << ": " << failure.message << "\n    " << failure.statement
            << "\n";
    return exitCode;
}

} // namespace omu::cli
