#include "NewDatabaseCommand.h"

#include "BackupCommand.h"
#include "CommandSupport.h"
#include "rollback/NewDatabaseRestore.h"
#include "RollbackCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace omu::cli {

int NewDatabaseCommand::run(const CommandContext& context)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const CommandSupport support(context);
    const QString name = context.parser.value(QStringLiteral("new-database"));
    if (name.isEmpty())
        return support.badUsage(
            QStringLiteral("--new-database needs the name of the database to create."));
    int exitCode = ExitOk;
    const auto start = support.startReplacing(
        QStringLiteral("restore needs --input FILE, the backup to restore."),
        QStringLiteral("restore creates the database %1 on %2 and fills it from the backup.\n"
                       "Add --yes to confirm.")
            .arg(name, QStringLiteral("%1")),
        &exitCode);
    if (!start)
        return exitCode;
    const QString& file = start->file;
    const ConnectionProfile& profile = start->profile;
    BackupCommand::keepMemoryFlat();
    CancelToken cancel;
    CommandSupport::cancelOnInterrupt(cancel);
    err << "omupgrade: restoring " << file << " into the new database " << name << "\n";
    err.flush();
    const NewDatabaseOutcome outcome =
        NewDatabaseRestore::run(profile, file, name, RollbackCommand::stepPrinter(err), cancel);
    if (outcome.ending != Ending::Succeeded)
        err << "omupgrade: restore "
            << (outcome.ending == Ending::Cancelled ? "cancelled" : "failed") << ": "
            << outcome.error.toString() << "\n";
    exitCode = outcome.ending == Ending::Succeeded ? ExitOk : ExitFailed;
    if (context.json) {
        QJsonObject document{
            {QStringLiteral("file"), file},
            {QStringLiteral("server"), profile.displayName()},
            {QStringLiteral("database"), outcome.database},
            {QStringLiteral("schema"), outcome.schema},
            {QStringLiteral("version"), outcome.version},
            {QStringLiteral("tables"), outcome.tables},
            {QStringLiteral("rows"), outcome.rows},
            {QStringLiteral("verified"), outcome.verified},
            {QStringLiteral("problems"), QJsonArray::fromStringList(outcome.problems)},
            {QStringLiteral("seconds"), outcome.seconds},
        };
        if (outcome.ending != Ending::Succeeded)
            document.insert(QStringLiteral("error"), CommandSupport::errorJson(outcome.error));
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return exitCode;
    }
    if (outcome.ending == Ending::Succeeded)
        out << "Restored  " << QLocale::c().toString(outcome.rows) << " rows in " << outcome.tables
            << " tables into the new database " << outcome.database
            << (outcome.schema.isEmpty() ? QString()
                                         : QStringLiteral(" (schema %1)").arg(outcome.schema))
            << " in " << QString::number(outcome.seconds, 'f', 1) << " s\n"
            << "Verified  the schema and every table equal the backup\n";
    return exitCode;
}

} // namespace omu::cli
