#include "BackupRestorer.h"

#include "BackupCatalog.h"
#include "BackupFiles.h"
#include "BackupLine.h"
#include "BackupLineReader.h"
#include "BackupVerifier.h"
#include "common/DisplayText.h"
#include "common/Version.h"
#include "connection/DatabaseConnector.h"
#include "ProgressMeter.h"
#include "RestoreLock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace omu {

namespace {

QString quoteLiteral(const QString& text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) +
           QLatin1Char('\'');
}

// Serial columns got explicit ids: move their sequences past them, as pg_dump does.
void resetSequences(DatabaseSession& session, RestoreOutcome& outcome)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT quote_ident(c.relname), quote_ident(a.attname), "
            "pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) FROM "
            "pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = "
            "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND "
            "a.attnum > 0 AND NOT a.attisdropped AND pg_get_serial_sequence(format('%I.%I', "
            "n.nspname, c.relname), a.attname) IS NOT NULL"))) {
        outcome.notes << QStringLiteral("Could not list the sequences to reset: %1")
                             .arg(query.lastError().text().trimmed());
        return;
    }
    QList<QStringList> sequences;
    while (query.next())
        sequences << QStringList{query.value(0).toString(), query.value(1).toString(),
                                 query.value(2).toString()};
    query.finish();
    for (const QStringList& sequence : sequences) {
        if (!outcome.rowsPerTable.contains(sequence.at(0)))
            continue;
        if (!query.exec(QStringLiteral("SELECT setval(%1::regclass, COALESCE(MAX(%2), 0) + 1, "
                                       "false) FROM %3")
                            .arg(quoteLiteral(sequence.at(2)), sequence.at(1), sequence.at(0))))
            outcome.notes << QStringLiteral("Could not reset the sequence %1: %2")
                                 .arg(sequence.at(2), query.lastError().text().trimmed());
        query.finish();
    }
}

RestoreOutcome refused(RestoreOutcome outcome, Error error)
{
    outcome.ending = Ending::Failed;
    outcome.error = std::move(error);
    return outcome;
}

} // namespace

RestoreOutcome BackupRestorer::restore(const ConnectionProfile& profile, const QString& file,
                                       const RestoreOptions& optionsIn,
                                       const ProgressCallback& progress, const CancelToken& cancel)
{
    QElapsedTimer timer;
    timer.start();
    RestoreOutcome outcome;
    RestoreOptions options = optionsIn;
    const QString untouched = QStringLiteral("Nothing was run: the database was not touched.");
    const QFileInfo info(file);
    if (!info.exists())
        return refused(outcome, makeError(QStringLiteral("there is no such file"), file,
                                          QStringLiteral("Check the path of the backup.")));
    // It is read twice (checked, then run): a pipe or a device cannot be.
    if (!info.isFile())
        return refused(outcome,
                       makeError(QStringLiteral("this is not a regular file"), file,
                                 QStringLiteral("Restore from the backup file itself (a pipe or a "
                                                "device cannot be checked before it is run).")));
    if (info.size() == 0)
        return refused(outcome,
                       makeError(QStringLiteral("the file is empty: there is nothing to restore"),
                                 file,
                                 QStringLiteral("%1 Check that this is the backup you meant; a "
                                                "backup holds at least one TRUNCATE TABLE line.")
                                     .arg(untouched)));

    // 1. The whole file, read before anything runs.
    const VerifyReport report = BackupVerifier::quick(file, {}, progress, cancel, profile.engine);
    if (report.ending == Ending::Cancelled) {
        outcome.ending = Ending::Cancelled;
        outcome.error = makeError(QStringLiteral("the restore was cancelled before it began; "
                                                 "the database was not touched"));
        return outcome;
    }
    if (report.lines == 0 && !report.error.message.isEmpty())
        return refused(outcome, report.error);
    if (report.lines == 0)
        return refused(outcome, makeError(QStringLiteral("the file is empty: there is nothing to "
                                                         "restore"),
                                          file, untouched));
    if (report.badLineCount > 0 && !options.allowAnySql) {
        const BadLine& first = report.badLines.first();
        return refused(
            outcome,
            makeError(QStringLiteral("line %1 is not a backup statement (%2): %3%4")
                          .arg(first.line)
                          .arg(first.problem, first.statement,
                               report.badLineCount > 1 ? QStringLiteral(" (and %1 more such lines)")
                                                             .arg(report.badLineCount - 1)
                                                       : QString()),
                      file,
                      QStringLiteral("%1 A backup holds only TRUNCATE TABLE, DELETE FROM and "
                                     "INSERT INTO lines of plain values; this file holds more, "
                                     "which would run with the restore account's rights. If you "
                                     "wrote it yourself and trust every line, --allow-any-sql "
                                     "runs it as it is.")
                          .arg(untouched)));
    }
    if (report.badLineCount > 0)
        outcome.notes << QStringLiteral("%1 lines are not backup statements; running them as they "
                                        "are (--allow-any-sql)")
                             .arg(report.badLineCount);
    if (report.cutShort) {
        const Error error = makeError(
            QStringLiteral("the file ends in the middle of line %1: it was cut short, so it is "
                           "not the whole backup")
                .arg(report.lines),
            file,
            QStringLiteral("%1 Restore the complete file; --force restores the lines before the "
                           "cut (the tables after it keep their rows).")
                .arg(untouched));
        if (!options.force)
            return refused(outcome, error);
        outcome.notes
            << QStringLiteral("Restoring a file cut short (forced): %1").arg(error.message);
    }
    outcome.backupVersion = report.manifest.openMetadataVersion;
    outcome.fileVerified = report.verified;
    if (report.manifestFound) {
        if (!report.verified) {
            const QString problems = report.problems.isEmpty()
                                         ? report.error.message
                                         : report.problems.join(QStringLiteral("; "));
            if (!options.force)
                return refused(
                    outcome,
                    makeError(
                        QStringLiteral("the file does not match its manifest: %1").arg(problems),
                        file,
                        QStringLiteral("It may be damaged or incomplete, so the "
                                       "restore was refused and the database not "
                                       "touched. Use --force to restore it anyway.")));
            outcome.notes << QStringLiteral("Restoring a file that does not match its manifest "
                                            "(forced): %1")
                                 .arg(problems);
        }
        if (report.manifest.engine != engineName(profile.engine)) {
            const Error error =
                makeError(QStringLiteral("the backup was taken from %1 but this database is %2")
                              .arg(report.manifest.engine, engineName(profile.engine)),
                          file, QStringLiteral("Restore it into the same kind of database."));
            if (!options.force)
                return refused(outcome, error);
            outcome.notes << error.message;
        }
        for (const BackupManifest::Table& table : report.manifest.tables)
            options.expectedTables << qMakePair(table.sqlName, table.rows);
    } else {
        outcome.notes << QStringLiteral("This file has no manifest (OpenMetadata's own `metadata "
                                        "backup` writes none): it was checked line by line, but "
                                        "its content cannot be verified.");
        if (outcome.backupVersion.isEmpty())
            outcome.backupVersion = options.backupVersion;
    }

    // 2. The target database.
    DatabaseConnector::Options connectOptions;
    connectOptions.readTimeoutSeconds = 600;
    connectOptions.applicationName = QStringLiteral("omupgrade-restore");
    auto opened = DatabaseConnector::open(profile, connectOptions);
    if (!opened)
        return refused(outcome, opened.error().toError());
    DatabaseSession& session = *opened.value();
    const QString schema =
        profile.engine == Engine::MySql ? profile.database : profile.effectiveSchema();
    SessionWatchdog watchdog(session, cancel, options.limits, progress, schema);
    if (Status status = SessionWatchdog::setServerLockTimeout(session, options.limits); !status)
        return refused(outcome, status.error());
    if (Status locked = RestoreLock::take(session, schema); !locked)
        return refused(outcome, locked.error());

    const auto tables = BackupCatalog::tableNames(session, schema);
    if (!tables)
        return refused(outcome, tables.error());
    QStringList unknown;
    for (const QString& name : report.tableNames) {
        const bool known =
            std::any_of(tables.value().cbegin(), tables.value().cend(), [&](const QString& table) {
                return profile.engine == Engine::MySql
                           ? table.compare(name, Qt::CaseInsensitive) == 0
                           : table == name;
            });
        if (!known)
            unknown << DisplayText::value(name, 60);
    }
    if (!unknown.isEmpty()) {
        const Error error = makeError(
            QStringLiteral("the file writes to %1 that %2 does not have: %3")
                .arg(unknown.size() == 1 ? QStringLiteral("a table") : QStringLiteral("tables"),
                     profile.displayName(), unknown.mid(0, 10).join(QStringLiteral(", "))),
            file,
            QStringLiteral("%1 A backup of OpenMetadata names only the tables of its own "
                           "database: this file was made for another database or release, or "
                           "was changed. --allow-any-sql runs it regardless.")
                .arg(untouched));
        if (!options.allowAnySql)
            return refused(outcome, error);
        outcome.notes << error.message;
    }

    const auto target = BackupCatalog::openMetadataVersion(session, schema);
    if (!target)
        return refused(outcome, target.error());
    outcome.databaseVersion = target.value();
    // With a manifest the version is known, empty when the source had no SERVER_CHANGE_LOG.
    const bool versionKnown = report.manifestFound || !options.backupVersion.isEmpty();
    if (!versionKnown) {
        const Error error = makeError(
            outcome.databaseVersion.isEmpty()
                ? QStringLiteral("this file has no manifest, so the OpenMetadata version it was "
                                 "taken from is unknown, and %1 holds no OpenMetadata schema of a "
                                 "known version")
                      .arg(profile.displayName())
                : QStringLiteral("this file has no manifest, so the OpenMetadata version it was "
                                 "taken from is unknown; %1 is at OpenMetadata %2 (its "
                                 "SERVER_CHANGE_LOG)")
                      .arg(profile.displayName(), outcome.databaseVersion),
            file,
            QStringLiteral("%1 A backup only fits the tables of the version it came from. If it "
                           "was taken from OpenMetadata %2, say so with --backup-version %2; "
                           "--force restores it without knowing.")
                .arg(untouched, outcome.databaseVersion.isEmpty() ? QStringLiteral("X.Y.Z")
                                                                  : outcome.databaseVersion));
        if (!options.force)
            return refused(outcome, error);
        outcome.notes
            << QStringLiteral("Unknown backup version overridden (forced): %1").arg(error.message);
    } else {
        const auto from = Version::parse(outcome.backupVersion);
        const auto to = Version::parse(outcome.databaseVersion);
        const bool same =
            outcome.backupVersion == outcome.databaseVersion || (from && to && *from == *to);
        if (!same) {
            const QString from = outcome.backupVersion.isEmpty()
                                     ? QStringLiteral("a database without OpenMetadata version")
                                     : QStringLiteral("OpenMetadata %1")
                                           .arg(DisplayText::value(outcome.backupVersion, 40));
            const Error error = makeError(
                outcome.databaseVersion.isEmpty()
                    ? QStringLiteral("this backup was taken from %1, but %2 holds no "
                                     "OpenMetadata schema of a known version")
                          .arg(from, profile.displayName())
                    : QStringLiteral("this backup was taken from %1, but %2 is at "
                                     "OpenMetadata %3")
                          .arg(from, profile.displayName(), outcome.databaseVersion),
                file,
                QStringLiteral(
                    "%1 A backup only fits the tables of the version it came from: replayed "
                    "into another version it fails or leaves rows the server cannot "
                    "read. Restore into a database at OpenMetadata %2 (run that "
                    "version's migrations on an empty database first), or use --force "
                    "if you are sure the tables match.")
                    .arg(untouched, DisplayText::value(outcome.backupVersion, 40)));
            if (!options.force)
                return refused(outcome, error);
            outcome.notes
                << QStringLiteral("Version mismatch overridden (forced): %1").arg(error.message);
        }
    }
    // Nothing may have changed the file since it was read.
    const QFileInfo now(file);
    if (now.size() != info.size() || now.lastModified() != info.lastModified())
        return refused(outcome, makeError(QStringLiteral("the file changed while it was being "
                                                         "checked"),
                                          file, untouched));
    if (profile.engine == Engine::Postgres) {
        QSqlQuery query(session.database());
        if (!query.exec(
                // pg_catalog named after the schema: otherwise it is searched first, and an
                // unqualified name could reach a system table.
                QStringLiteral("SET search_path TO %1, pg_catalog")
                    .arg(session.quoteIdentifier(schema))))
            return refused(outcome,
                           makeError(QStringLiteral("cannot use the schema %1: %2")
                                         .arg(schema, query.lastError().text().trimmed())));
    }

    // 3. The replay.
    RestoreOutcome replayed =
        BackupReplayer::replay(session, file, options, watchdog.progress(), cancel);
    if (replayed.ending == Ending::Failed) {
        // Where it stopped, table by table: a table emptied by its TRUNCATE (which MySQL and
        // MariaDB cannot take back) must not pass for one left as it was.
        const QString where =
            replayed.lastTable.isEmpty()
                ? QStringLiteral("before the first table; nothing was replaced")
                : QStringLiteral("in %1: the tables before it were replaced, %1 may be empty or "
                                 "partly filled, the ones after it were not touched")
                      .arg(DisplayText::value(replayed.lastTable, 100));
        if (cancel.isCancelled()) {
            replayed.ending = Ending::Cancelled;
            replayed.error =
                makeError(QStringLiteral("the restore was cancelled %1").arg(where), QString(),
                          QStringLiteral("Restore the whole file again before using this "
                                         "database."));
        } else if (auto verdict = watchdog.verdict(replayed.error.message)) {
            verdict->advice += QStringLiteral("\nThe restore stopped %1. Restore the whole file "
                                              "again before using this database.")
                                   .arg(where);
            replayed.error = *verdict;
        }
    }
    replayed.notes = outcome.notes + replayed.notes;
    replayed.fileVerified = outcome.fileVerified;
    replayed.backupVersion = outcome.backupVersion;
    replayed.databaseVersion = outcome.databaseVersion;
    if (profile.engine == Engine::Postgres && options.resetSequences &&
        replayed.ending != Ending::Cancelled && watchdog.reason() == SessionWatchdog::Reason::None)
        resetSequences(session, replayed);
    replayed.seconds = timer.elapsed() / 1000.0;
    return replayed;
}

} // namespace omu
