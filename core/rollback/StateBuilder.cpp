#include "StateBuilder.h"

#include "backup/BackupCatalog.h"
#include "backup/BackupReplayer.h"
#include "backup/BackupWriter.h"
#include "backup/LineSetDigest.h"
#include "backup/TableDumper.h"
#include "connection/QueryRows.h"

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

Status StateBuilder::build(DatabaseSession& session, const RollbackSource& source,
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
            return status;
    }
    if (Status status = use(session, container, schema.searchPath); !status)
        return status;
    if (mysql) {
        // Tables refer to each other; the keys are checked by the comparison instead.
        if (Status status = exec(session, QStringLiteral("SET SESSION foreign_key_checks = 0"),
                                 QStringLiteral("preparing the session"));
            !status)
            return status;
    }
    say(progress, QStringLiteral("creating %1 tables").arg(schema.tableNames().size()));
    for (const QString& statement : schema.createStatements) {
        if (cancel.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (Status status = exec(session, statement, QStringLiteral("rebuilding the schema"));
            !status)
            return status;
    }
    RestoreOptions options;
    options.resetSequences = false; // the schema file sets them, to the backup's values
    for (const BackupManifest::Table& table : source.manifest.tables)
        options.expectedTables << qMakePair(table.sqlName, table.rows);
    for (const QString& file : {source.file, source.historyFile}) {
        say(progress, QStringLiteral("loading the rows of %1").arg(file));
        const RestoreOutcome replayed = BackupReplayer::replay(
            session, file, options, progress, cancel, BackupProgress::Phase::Restoring);
        if (replayed.ending != Ending::Succeeded)
            return replayed.ending == Ending::Cancelled ? makeError(QStringLiteral("cancelled"))
                                                        : replayed.error;
        options.expectedTables.clear();
    }
    say(progress, QStringLiteral("adding keys, indexes and sequence values"));
    for (const QString& statement : schema.finishStatements) {
        if (cancel.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (Status status = exec(session, statement, QStringLiteral("finishing the schema"));
            !status)
            return status;
    }
    if (mysql)
        static_cast<void>(exec(session, QStringLiteral("SET SESSION foreign_key_checks = 1"),
                               QStringLiteral("preparing the session")));
    return {};
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
    QSet<QString> seen;
    const QList<BackupTable> tables = catalog.value().tables + catalog.value().changeLogTables;
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
        seen.insert(table.sqlName);
        LineSetSink sink;
        auto dumped = TableDumper::dump(session, table, sink, cancel);
        if (!dumped)
            return dumped.error();
        if (!expectedRows.contains(table.sqlName)) {
            problems << QStringLiteral("the table %1 is not in the backup").arg(table.name);
            continue;
        }
        LineSetDigest want = expected.value().value(table.sqlName);
        if (history.value().contains(table.sqlName))
            want = history.value().value(table.sqlName);
        if (dumped.value().rows != expectedRows.value(table.sqlName))
            problems << QStringLiteral("the table %1 holds %2 rows, the backup %3")
                            .arg(table.name)
                            .arg(dumped.value().rows)
                            .arg(expectedRows.value(table.sqlName));
        else if (!(sink.digest() == want))
            problems << QStringLiteral("the rows of %1 differ from the backup").arg(table.name);
    }
    for (auto it = expectedRows.cbegin(); it != expectedRows.cend(); ++it)
        if (!seen.contains(it.key()))
            problems << QStringLiteral("the table %1 of the backup is missing").arg(it.key());
    return problems;
}

} // namespace omu
