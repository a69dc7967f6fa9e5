#include "RollbackCommand.h"

#include "BackupCommand.h"
#include "CommandSupport.h"
#include "rollback/Rollback.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <mutex>

namespace omu::cli {

void RollbackCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("input"), QStringLiteral("The backup taken before the upgrade."),
         QStringLiteral("file")},
        {QStringLiteral("yes"),
         QStringLiteral("Confirm: the database is replaced by the backup's state.")},
        {QStringLiteral("keep-failed"),
         QStringLiteral("Keep the failed state under its own name (<name>_omu_failed_<time>) "
                        "for support to inspect.")},
        {QStringLiteral("keep-tuning"),
         QStringLiteral("Leave sort_buffer_size / work_mem as they are (default: put back).")},
        {QStringLiteral("server-url"),
         QStringLiteral("The OpenMetadata server, checked to be stopped (default "
                        "http://localhost:8585)."),
         QStringLiteral("url")},
        {QStringLiteral("server-stopped"),
         QStringLiteral("Confirm the server is stopped when it cannot be checked from here.")},
    });
    CommandSupport::addWaitOptions(parser);
}

ProgressCallback RollbackCommand::stepPrinter(QTextStream& err)
{
    auto last = std::make_shared<QString>();
    auto mutex = std::make_shared<std::mutex>();
    return [&err, last, mutex](const BackupProgress& progress) {
        std::lock_guard lock(*mutex);
        const QString line = progress.waiting.isEmpty() ? progress.message : progress.waiting;
        if (line.isEmpty() || line == *last)
            return;
        *last = line;
        err << "omupgrade: " << line << "\n";
        err.flush();
    };
}

int RollbackCommand::run(const CommandContext& context)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const CommandSupport support(context);
    int exitCode = ExitOk;
    const auto start = support.startReplacing(
        QStringLiteral("rollback needs --input FILE, the backup taken before the upgrade."),
        QStringLiteral("rollback replaces %1 with the state the backup holds.\nStop the "
                       "OpenMetadata server first, then add --yes to confirm (--keep-failed "
                       "keeps the failed state for support)."),
        &exitCode);
    if (!start)
        return exitCode;
    const ConnectionProfile& profile = start->profile;
    const auto limits = support.waitLimits();
    if (!limits)
        return ExitBadUsage;
    BackupCommand::keepMemoryFlat();

    RollbackOptions options;
    options.file = start->file;
    options.keepFailed = context.parser.isSet(QStringLiteral("keep-failed"));
    options.dataFolder = support.dataFolder();
    if (context.parser.isSet(QStringLiteral("server-url")))
        options.serverUrl = context.parser.value(QStringLiteral("server-url"));
    options.serverConfirmedStopped = context.parser.isSet(QStringLiteral("server-stopped"));
    if (context.parser.isSet(QStringLiteral("keep-tuning")))
        options.tuningReverter = {};
    options.limits = *limits;
    CancelToken cancel;
    CommandSupport::cancelOnInterrupt(cancel);
    err << "omupgrade: rolling back " << profile.displayName() << " to " << options.file << "\n";
    err.flush();
    const RollbackOutcome outcome = Rollback::run(profile, options, stepPrinter(err), cancel);
    for (const QString& note : outcome.notes)
        err << "omupgrade: warning: " << note << "\n";
    if (outcome.ending != Ending::Succeeded)
        err << "omupgrade: rollback "
            << (outcome.ending == Ending::Cancelled ? "cancelled" : "failed") << ": "
            << outcome.error.toString() << "\n";
    exitCode = outcome.ending != Ending::Succeeded ? ExitFailed
               : outcome.notes.isEmpty()           ? ExitOk
                                                   : ExitWarnings;
    if (context.json) {
        QJsonObject document{
            {QStringLiteral("file"), options.file},
            {QStringLiteral("database"), profile.displayName()},
            {QStringLiteral("ending"), endingName(outcome.ending)},
            {QStringLiteral("verified"), outcome.verified},
            {QStringLiteral("changed"), outcome.changed},
            {QStringLiteral("resumed"), outcome.resumed},
            {QStringLiteral("to"), outcome.toVersion},
            {QStringLiteral("from"), outcome.fromVersion},
            {QStringLiteral("failedKeptAs"), outcome.failedKeptAs},
            {QStringLiteral("tuning"), outcome.tuning},
            {QStringLiteral("notes"), QJsonArray::fromStringList(outcome.notes)},
            {QStringLiteral("problems"), QJsonArray::fromStringList(outcome.problems)},
            {QStringLiteral("seconds"), outcome.seconds},
        };
        if (outcome.ending != Ending::Succeeded)
            document.insert(QStringLiteral("error"), CommandSupport::errorJson(outcome.error));
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return exitCode;
    }
    if (outcome.ending == Ending::Succeeded) {
        out << "Rolled back " << outcome.live << " to OpenMetadata "
            << (outcome.toVersion.isEmpty() ? QStringLiteral("(unknown version)")
                                            : outcome.toVersion)
            << (outcome.fromVersion.isEmpty() || outcome.fromVersion == outcome.toVersion
                    ? QString()
                    : QStringLiteral(" (it was at %1)").arg(outcome.fromVersion))
            << " in " << QString::number(outcome.seconds, 'f', 1) << " s\n"
            << "Verified  the schema and every table equal the backup\n";
        if (!outcome.failedKeptAs.isEmpty())
            out << "Kept      the failed state as " << outcome.failedKeptAs << "\n";
        if (!outcome.tuning.isEmpty())
            out << "Tuning    " << outcome.tuning << "\n";
    } else if (outcome.changed) {
        out << "The database was changed: see the message above.\n";
    }
    return exitCode;
}

} // namespace omu::cli
