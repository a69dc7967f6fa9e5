#include "StateBuilder.h"

#include "backup/BackupCatalog.h"
#include "backup/BackupReplayer.h"
#include "backup/BackupWriter.h"
#include "backup/LineSetDigest.h"
#include "backup/TableDumper.h"
#include "connection/QueryRows.h"
#include "ParallelLoad.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace omu {

namespace {

Status exec(DatabaseSession& session, const QString& sql, const QString& what)
{
    QSqlQuery query(session.database());
    if (query.exec(sql))
        return {};
    return makeError(QStringLiteral("%1 failed: %2").arg(what, query.lastError().text().trimmed()),
                     session.profile().displayName(),
                     QStringLiteral("The statement was: %1").arg(sql.left(400)));
}

void say(const ProgressCallback& progress, const QString& message)
{
    if (!progress)
        return;
    BackupProgress step;
    step.phase = BackupProgress::Phase::Preparing;
    step.message = message;
    progress(step);
}

// Each table read back against the digests of the lines written for it.
Result<QStringList> rowProblems(DatabaseSession& session, const QList<BackupTable>& tables,
                                const QMap<QString, LineSetDigest>& expected,
                                const QMap<QString, qint64>& expectedRows,
                                const ProgressCallback& progress, const CancelToken& cancel)
{
    QStringList problems;
    for (int i = 0; i < tables.size(); ++i) {
        const BackupTable& table = tables.at(i);
        if (cancel.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (progress) {
            BackupProgress step;
            step.phase = BackupProgress::Phase::Comparing;
            step.table = table.name;
            step.tableIndex = i;
            step.tableCount = int(tables.size());
            step.fraction = double(i) / std::max<qsizetype>(1, tables.size());
            step.message = QStringLiteral("comparing %1").arg(table.name);
            progress(step);
        }
        LineSetSink sink;
        auto dumped = TableDumper::dump(session, table, sink, cancel);
        if (!dumped)
            return dumped.error();
        if (!expectedRows.contains(table.sqlName)) {
            problems << QStringLiteral("the table %1 is not in the backup").arg(table.name);
            continue;
        }
        if (dumped.value().rows != expectedRows.value(table.sqlName))
            problems << QStringLiteral("the table %1 holds %2 rows, the backup %3")
                            .arg(table.name)
                            .arg(dumped.value().rows)
                            .arg(expectedRows.value(table.sqlName));
        else if (!(sink.digest() == expected.value(table.sqlName)))
            problems << QStringLiteral("the rows of %1 differ from the backup").arg(table.name);
    }
    return problems;
}

// A table's own keys and indexes are added as soon as it is loaded and checked, on the
// connection that did it; foreign keys, identities and sequences wait for every table.
void splitFinishStatements(const RollbackSource& source, QMap<QString, QStringList>& byTable,
                           QStringList& last)
{
    static const QRegularExpression ownKey(
        QStringLiteral("^ALTER TABLE (\\S+) ADD CONSTRAINT \\S+ (PRIMARY KEY|UNIQUE) "));
    static const QRegularExpression ownIndex(
        QStringLiteral("^CREATE (UNIQUE )?INDEX \\S+ ON (ONLY )?(\\S+) USING "));
    QSet<QString> loaded;
    for (const BackupManifest::Table& table : source.manifest.tables)
        loaded.insert(table.sqlName);
    for (const QString& statement : source.schema.finishStatements) {
        const QRegularExpressionMatch key = ownKey.match(statement);
        const QRegularExpressionMatch index = ownIndex.match(statement);
        const QString table = key.hasMatch()     ? key.captured(1)
                              : index.hasMatch() ? index.captured(3)
                                                 : QString();
        if (!table.isEmpty() && loaded.contains(table))
            byTable[table] << statement;
        else
            last << statement;
    }
}

// The change-log tables, from the file beside the backup: small, so replayed and then
// compared the way a deep verify compares.
Result<QStringList> loadHistory(DatabaseSession& session, const RollbackSource& source,
                                const QMap<QString, BackupTable>& tables,
                                const ProgressCallback& progress, const CancelToken& cancel)
{
    RestoreOptions options;
    options.resetSequences = false; // the schema file sets them, to the backup's values
    say(progress, QStringLiteral("loading the history tables"));
    const RestoreOutcome replayed = BackupReplayer::replay(
        session, source.historyFile, options, progress, cancel, BackupProgress::Phase::Restoring);
    if (replayed.ending != Ending::Succeeded)
        return replayed.ending == Ending::Cancelled ? makeError(QStringLiteral("cancelled"))
                                                    : replayed.error;
    QList<BackupTable> history;
    QMap<QString, qint64> historyRows;
    QStringList missing;
    for (const BackupManifest::Table& table : source.manifest.historyTables) {
        historyRows.insert(table.sqlName, table.rows);
        if (tables.contains(table.sqlName))
            history << tables.value(table.sqlName);
        else
            missing << QStringLiteral("the table %1 of the backup is missing").arg(table.sqlName);
    }
    auto expected = fileLineSets(source.historyFile, cancel);
    if (!expected)
        return expected.error();
    if (Status status = BackupWriter::beginSnapshot(session); !status)
        return status.error();
    auto problems = rowProblems(session, history, expected.value(), historyRows, progress, cancel);
    BackupWriter::endSnapshot(session);
    if (!problems)
        return problems.error();
    return missing + problems.value();
}

} // namespace

Result<bool> StateBuilder::exists(DatabaseSession& session, const QString& container)
{
    const auto found = queryValue(
        session,
        session.engine() == Engine::MySql
            ? QStringLiteral(
                  "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")
            : QStringLiteral("SELECT COUNT(*) FROM pg_namespace WHERE nspname = ?"),
        {container});
    if (!found)
        return makeError(
            QStringLiteral("cannot look for %1: %2").arg(container, found.error().text),
            session.profile().displayName());
    return found.value().toInt() > 0;
}

Result<int> StateBuilder::tableCount(DatabaseSession& session, const QString& container)
{
    const auto found = queryValue(
        session,
        session.engine() == Engine::MySql
            ? QStringLiteral(
                  "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")
            : QStringLiteral("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                             "c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p', "
                             "'v', 'm', 'S', 'f')"),
        {container});
    if (!found)
        return makeError(
            QStringLiteral("cannot look into %1: %2").arg(container, found.error().text),
            session.profile().displayName());
    return found.value().toInt();
}

Status StateBuilder::drop(DatabaseSession& session, const QString& container)
{
    return exec(
        session,
        session.engine() == Engine::MySql
            ? QStringLiteral("DROP DATABASE IF EXISTS %1").arg(session.quoteIdentifier(container))
            : QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE")
                  .arg(session.quoteIdentifier(container)),
        QStringLiteral("dropping %1").arg(container));
}

Status StateBuilder::use(DatabaseSession& session, const QString& container,
                         const QStringList& searchPath)
{
    if (session.engine() == Engine::MySql)
        return exec(session, QStringLiteral("USE %1").arg(session.quoteIdentifier(container)),
                    QStringLiteral("switching to %1").arg(container));
    QStringList path{session.quoteIdentifier(container)};
    for (const QString& other : searchPath)
        path << session.quoteIdentifier(other);
    path << QStringLiteral("pg_catalog");
    return exec(session,
                QStringLiteral("SET search_path TO %1").arg(path.join(QStringLiteral(", "))),
                QStringLiteral("switching to %1").arg(container));
}

Result<QStringList> StateBuilder::build(DatabaseSession& session, const RollbackSource& source,
                                        const QString& container, const ProgressCallback& progress,
                                        const CancelToken& cancel)
{
    const bool mysql = session.engine() == Engine::MySql;
    const SchemaSnapshot& schema = source.schema;
    auto present = exists(session, container);
    if (!present)
        return present.error();
    if (present.value()) {
        auto count = tableCount(session, container);
        if (!count)
            return count.error();
        if (count.value() > 0)
            return makeError(
                QStringLiteral("%1 already exists and is not empty").arg(container),
                session.profile().displayName(),
                QStringLiteral("Give the name of a new or empty %1.").arg(source.containerLabel()));
    } else {
        say(progress, QStringLiteral("creating %1").arg(container));
        const QString create =
            mysql ? QStringLiteral("CREATE DATABASE %1 CHARACTER SET %2 COLLATE %3")
                        .arg(session.quoteIdentifier(container), schema.characterSet,
                             schema.collation)
                  : QStringLiteral("CREATE SCHEMA %1").arg(session.quoteIdentifier(container));
        if (Status status = exec(session, create, QStringLiteral("creating %1").arg(container));
            !status)
            return status.error();
    }
    if (Status status = use(session, container, schema.searchPath); !status)
        return status.error();
    if (mysql) {
        // Tables refer to each other; the keys are checked by the comparison instead.
        if (Status status = exec(session, QStringLiteral("SET SESSION foreign_key_checks = 0"),
                                 QStringLiteral("preparing the session"));
            !status)
            return status.error();
    }
    say(progress, QStringLiteral("creating %1 tables").arg(schema.tableNames().size()));
    for (const QString& statement : schema.createStatements) {
        if (cancel.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (Status status = exec(session, statement, QStringLiteral("rebuilding the schema"));
            !status)
            return status.error();
    }
    auto catalog = BackupCatalog::read(session, container);
    if (!catalog)
        return catalog.error();
    QMap<QString, BackupTable> tables;
    for (const BackupTable& table : catalog.value().tables + catalog.value().changeLogTables)
        tables.insert(table.sqlName, table);
    QMap<QString, QStringList> tableStatements;
    QStringList lastStatements;
    splitFinishStatements(source, tableStatements, lastStatements);

    auto loaded =
        ParallelLoad::run(session, source, container, tables, tableStatements, progress, cancel);
    if (!loaded)
        return loaded.error();
    if (!loaded.value().isEmpty())
        return loaded.value();

    auto history = loadHistory(session, source, tables, progress, cancel);
    if (!history || !history.value().isEmpty())
        return history;

    say(progress, QStringLiteral("adding foreign keys and sequence values"));
    for (const QString& statement : lastStatements) {
        if (cancel.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (Status status = exec(session, statement, QStringLiteral("finishing the schema"));
            !status)
            return status.error();
    }
    if (mysql)
        static_cast<void>(exec(session, QStringLiteral("SET SESSION foreign_key_checks = 1"),
                               QStringLiteral("preparing the session")));
    return QStringList();
}

Result<QStringList> StateBuilder::compare(DatabaseSession& session, const RollbackSource& source,
                                          const QString& container,
                                          const ProgressCallback& progress,
                                          const CancelToken& cancel, bool rows)
{
    QStringList problems;
    say(progress, QStringLiteral("comparing the schema of %1 with the backup").arg(container));
    // One snapshot for the description and the rows, with the backup's output settings.
    if (Status status = BackupWriter::beginSnapshot(session); !status)
        return status.error();
    struct End
    {
        DatabaseSession& session;
        ~End() { BackupWriter::endSnapshot(session); }
    } end{session};
    auto described = SchemaSnapshot::read(session, container);
    if (!described)
        return described.error();
    for (const QString& difference : source.schema.differences(described.value()))
        problems << QStringLiteral("schema: %1").arg(difference);
    if (!rows)
        return problems;

    auto catalog = BackupCatalog::read(session, container);
    if (!catalog)
        return catalog.error();
    auto expected = fileLineSets(source.file, cancel);
    if (!expected)
        return expected.error();
    auto history = fileLineSets(source.historyFile, cancel);
    if (!history)
        return history.error();
    QMap<QString, qint64> expectedRows;
    for (const BackupManifest::Table& table : source.manifest.tables)
        expectedRows.insert(table.sqlName, table.rows);
    for (const BackupManifest::Table& table : source.manifest.historyTables)
        expectedRows.insert(table.sqlName, table.rows);
    QMap<QString, LineSetDigest> want = expected.value();
    want.insert(history.value());
    const QList<BackupTable> tables = catalog.value().tables + catalog.value().changeLogTables;
    auto differing = rowProblems(session, tables, want, expectedRows, progress, cancel);
    if (!differing)
        return differing.error();
    problems << differing.value();
    QSet<QString> seen;
    for (const BackupTable& table : tables)
        seen.insert(table.sqlName);
    for (auto it = expectedRows.cbegin(); it != expectedRows.cend(); ++it)
        if (!seen.contains(it.key()))
            problems << QStringLiteral("the table %1 of the backup is missing").arg(it.key());
    return problems;
}

} // namespace omu
