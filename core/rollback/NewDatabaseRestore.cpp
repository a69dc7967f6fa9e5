#include "NewDatabaseRestore.h"

#include "connection/DatabaseConnector.h"
#include "connection/QueryRows.h"
#include "RollbackSource.h"
#include "StateBuilder.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

namespace omu {

namespace {

Result<std::unique_ptr<DatabaseSession>> connect(const ConnectionProfile& profile)
{
    DatabaseConnector::Options options;
    options.readTimeoutSeconds = 600;
    options.applicationName = QStringLiteral("omupgrade-restore");
    auto opened = DatabaseConnector::open(profile, options);
    if (!opened)
        return opened.error().toError();
    return std::move(opened).value();
}

} // namespace

NewDatabaseOutcome NewDatabaseRestore::run(const ConnectionProfile& profile, const QString& file,
                                           const QString& name, const ProgressCallback& progress,
                                           const CancelToken& cancel)
{
    QElapsedTimer timer;
    timer.start();
    NewDatabaseOutcome outcome;
    outcome.database = name;
    auto fail = [&](Error error) {
        outcome.ending = cancel.isCancelled() ? Ending::Cancelled : Ending::Failed;
        outcome.error = std::move(error);
        outcome.seconds = timer.elapsed() / 1000.0;
        return outcome;
    };
    if (name.isEmpty() || name.size() > 63 || name.contains(QChar(0)))
        return fail(makeError(QStringLiteral("\"%1\" is not a usable database name").arg(name),
                              QString(), QStringLiteral("Give a name of 1 to 63 characters.")));
    auto loaded = RollbackSource::load(file, cancel);
    if (!loaded)
        return fail(loaded.error());
    const RollbackSource source = std::move(loaded).value();
    outcome.version = source.manifest.openMetadataVersion;
    if (source.manifest.engine != engineName(profile.engine))
        return fail(makeError(QStringLiteral("the backup was taken from %1, this server is %2")
                                  .arg(source.manifest.engine, engineName(profile.engine)),
                              file, QStringLiteral("Restore it on the same kind of server.")));
    auto opened = connect(profile);
    if (!opened)
        return fail(opened.error());
    std::unique_ptr<DatabaseSession> session = std::move(opened).value();
    const bool mysql = profile.engine == Engine::MySql;

    // The container the rows go to: the database itself on MySQL; on PostgreSQL the
    // backup's schema inside the new database.
    std::unique_ptr<DatabaseSession> target;
    QString container = name;
    auto dropCreated = [&] {
        if (!outcome.created)
            return;
        if (mysql) {
            static_cast<void>(StateBuilder::drop(*session, name));
        } else {
            target.reset();
            QSqlQuery(session->database())
                .exec(QStringLiteral("DROP DATABASE IF EXISTS %1")
                          .arg(session->quoteIdentifier(name)));
        }
    };
    if (mysql) {
        auto present = StateBuilder::exists(*session, name);
        if (!present)
            return fail(present.error());
        if (present.value())
            return fail(makeError(QStringLiteral("the database %1 already exists").arg(name),
                                  profile.displayName(),
                                  QStringLiteral("Give the name of a new database; nothing was "
                                                 "changed.")));
        outcome.created = true; // StateBuilder creates it
    } else {
        const auto present = queryValue(
            *session, QStringLiteral("SELECT COUNT(*) FROM pg_database WHERE datname = ?"), {name});
        if (!present)
            return fail(makeError(present.error().text, profile.displayName()));
        if (present.value().toInt() > 0)
            return fail(makeError(QStringLiteral("the database %1 already exists").arg(name),
                                  profile.displayName(),
                                  QStringLiteral("Give the name of a new database; nothing was "
                                                 "changed.")));
        QSqlQuery query(session->database());
        if (!query.exec(QStringLiteral("CREATE DATABASE %1").arg(session->quoteIdentifier(name))))
            return fail(makeError(QStringLiteral("creating the database failed: %1")
                                      .arg(query.lastError().text().trimmed()),
                                  profile.displayName(),
                                  QStringLiteral("The account needs CREATEDB (ALTER ROLE name "
                                                 "CREATEDB), or create the empty database "
                                                 "yourself and restore into it.")));
        outcome.created = true;
        ConnectionProfile newProfile = profile;
        newProfile.database = name;
        newProfile.schema = source.manifest.schema;
        auto reached = connect(newProfile);
        if (!reached) {
            dropCreated();
            return fail(reached.error());
        }
        target = std::move(reached).value();
        container =
            source.manifest.schema.isEmpty() ? QStringLiteral("public") : source.manifest.schema;
        outcome.schema = container;
    }
    DatabaseSession& work = target ? *target : *session;
    auto problems = StateBuilder::build(work, source, container, progress, cancel);
    if (problems && problems.value().isEmpty())
        problems = StateBuilder::compare(work, source, container, progress, cancel,
                                         /*rows=*/false);
    if (!problems) {
        dropCreated();
        return fail(problems.error());
    }
    if (!problems.value().isEmpty()) {
        outcome.problems = problems.value();
        dropCreated();
        return fail(makeError(QStringLiteral("the restored database does not equal the backup: %1")
                                  .arg(problems.value().join(QStringLiteral("; "))),
                              name,
                              QStringLiteral("It was dropped. Report this with the "
                                             "backup's manifest.")));
    }
    outcome.verified = true;
    outcome.tables = int(source.manifest.tables.size() + source.manifest.historyTables.size());
    outcome.rows = source.manifest.rows;
    for (const BackupManifest::Table& table : source.manifest.historyTables)
        outcome.rows += table.rows;
    outcome.ending = Ending::Succeeded;
    outcome.seconds = timer.elapsed() / 1000.0;
    return outcome;
}

} // namespace omu
