#include "Rollback.h"

#include "backup/BackupCatalog.h"
#include "common/CrashPoint.h"
#include "connection/DatabaseConnector.h"
#include "connection/QueryRows.h"
#include "PostgresOwnership.h"
#include "RollbackChecks.h"
#include "RollbackRecorder.h"
#include "RollbackSource.h"
#include "StateBuilder.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace omu {

namespace {

// Both names must fit the servers' limit (64 characters on MySQL, 63 bytes on PostgreSQL).
QString withSuffix(const QString& live, const QString& suffix)
{
    QString base = live;
    while (base.toUtf8().size() + suffix.toUtf8().size() > 63)
        base.chop(1);
    return base + suffix;
}

class Run
{
public:
    Run(const ConnectionProfile& profile, const RollbackOptions& options,
        const ProgressCallback& progress, const CancelToken& cancel)
        : m_profile(profile), m_options(options), m_progress(progress), m_cancel(cancel),
          m_recorder(profile, options.dataFolder)
    {
        m_timer.start();
        m_outcome.live =
            profile.engine == Engine::MySql ? profile.database : profile.effectiveSchema();
    }

    RollbackOutcome run();

private:
    void say(const QString& message)
    {
        if (!m_progress)
            return;
        BackupProgress step;
        step.message = message;
        step.seconds = m_timer.elapsed() / 1000.0;
        m_progress(step);
    }
    RollbackOutcome refuse(Error error)
    {
        m_outcome.ending = m_cancel.isCancelled() ? Ending::Cancelled : Ending::Failed;
        m_outcome.error = std::move(error);
        m_outcome.seconds = m_timer.elapsed() / 1000.0;
        return m_outcome;
    }
    // Before the swap: what was built goes, the live database was never touched.
    RollbackOutcome abandon(Error error)
    {
        if (m_session)
            static_cast<void>(StateBuilder::drop(*m_session, m_scratch));
        if (m_cancel.isCancelled())
            error = makeError(QStringLiteral("the rollback was cancelled before the swap; the "
                                             "database was not changed"));
        else
            error.advice = QStringLiteral("The database was not changed (the rebuilt copy was "
                                          "dropped). %1")
                               .arg(error.advice);
        recordFinished(m_cancel.isCancelled() ? Ending::Cancelled : Ending::Failed, error.message);
        return refuse(std::move(error));
    }
    void recordFinished(Ending ending, const QString& message)
    {
        const Status status =
            m_recorder.finished({{QStringLiteral("ending"), endingName(ending)},
                                 {QStringLiteral("verified"), m_outcome.verified},
                                 {QStringLiteral("changed"), m_outcome.changed},
                                 {QStringLiteral("to"), m_outcome.toVersion},
                                 {QStringLiteral("from"), m_outcome.fromVersion},
                                 {QStringLiteral("live"), m_outcome.live},
                                 {QStringLiteral("failedKeptAs"), m_outcome.failedKeptAs},
                                 {QStringLiteral("tuning"), m_outcome.tuning},
                                 {QStringLiteral("message"), message},
                                 {QStringLiteral("by"), m_options.by}});
        if (!status)
            m_outcome.notes << QStringLiteral("The journal could not be written: %1")
                                   .arg(status.error().message);
    }
    Result<bool> hasTables(const QString& container)
    {
        auto present = StateBuilder::exists(*m_session, container);
        if (!present || !present.value())
            return present;
        auto count = StateBuilder::tableCount(*m_session, container);
        if (!count)
            return count.error();
        return count.value() > 0;
    }
    Status swap();
    RollbackOutcome finish(bool keepFailed);

    ConnectionProfile m_profile;
    RollbackOptions m_options;
    ProgressCallback m_progress;
    CancelToken m_cancel;
    RollbackRecorder m_recorder;
    QElapsedTimer m_timer;
    RollbackOutcome m_outcome;
    RollbackSource m_source;
    std::unique_ptr<DatabaseSession> m_session;
    QString m_scratch;
    QString m_failed;
};

Status Run::swap()
{
    DatabaseSession& session = *m_session;
    QSqlQuery query(session.database());
    const QString live = m_outcome.live;
    auto failure = [&](const QString& what) {
        return makeError(
            QStringLiteral("%1 failed: %2").arg(what, query.lastError().text().trimmed()),
            session.profile().displayName());
    };
    if (session.engine() == Engine::MySql) {
        const auto defaults = queryRows(session,
                                        QStringLiteral("SELECT DEFAULT_CHARACTER_SET_NAME, "
                                                       "DEFAULT_COLLATION_NAME FROM "
                                                       "information_schema.SCHEMATA WHERE "
                                                       "SCHEMA_NAME = ?"),
                                        {live});
        if (!defaults || defaults.value().isEmpty())
            return makeError(QStringLiteral("cannot read the database's character set"), live);
        const QStringList current = defaults.value().first();
        if (!query.exec(
                QStringLiteral("CREATE DATABASE %1 CHARACTER SET %2 COLLATE %3")
                    .arg(session.quoteIdentifier(m_failed), current.value(0), current.value(1))))
            return failure(QStringLiteral("creating %1").arg(m_failed));
        const auto liveTables = BackupCatalog::tableNames(session, live);
        if (!liveTables)
            return liveTables.error();
        const auto builtTables = BackupCatalog::tableNames(session, m_scratch);
        if (!builtTables)
            return builtTables.error();
        QStringList renames;
        auto qualified = [&](const QString& database, const QString& table) {
            return session.quoteIdentifier(database) + QLatin1Char('.') +
                   session.quoteIdentifier(table);
        };
        for (const QString& table : liveTables.value())
            renames << QStringLiteral("%1 TO %2")
                           .arg(qualified(live, table), qualified(m_failed, table));
        for (const QString& table : builtTables.value())
            renames << QStringLiteral("%1 TO %2")
                           .arg(qualified(m_scratch, table), qualified(live, table));
        // One statement: the server applies every rename or none.
        if (!query.exec(QStringLiteral("RENAME TABLE ") + renames.join(QStringLiteral(", "))))
            return failure(QStringLiteral("swapping the tables"));
        if (current.value(0) != m_source.schema.characterSet ||
            current.value(1) != m_source.schema.collation)
            if (!query.exec(QStringLiteral("ALTER DATABASE %1 CHARACTER SET %2 COLLATE %3")
                                .arg(session.quoteIdentifier(live), m_source.schema.characterSet,
                                     m_source.schema.collation)))
                m_outcome.notes << failure(QStringLiteral("restoring the database's default "
                                                          "character set"))
                                       .message;
        return {};
    }
    // The rebuilt schema's owners and grants become the live one's, in the same transaction.
    const auto carried = PostgresOwnership::carryOver(session, live, m_scratch);
    if (!carried)
        return carried.error();
    const QStringList statements =
        QStringList{QStringLiteral("BEGIN")} + carried.value() +
        QStringList{QStringLiteral("ALTER SCHEMA %1 RENAME TO %2")
                        .arg(session.quoteIdentifier(live), session.quoteIdentifier(m_failed)),
                    QStringLiteral("ALTER SCHEMA %1 RENAME TO %2")
                        .arg(session.quoteIdentifier(m_scratch), session.quoteIdentifier(live)),
                    QStringLiteral("COMMIT")};
    for (const QString& statement : statements)
        if (!query.exec(statement)) {
            const Error error = failure(QStringLiteral("swapping the schemas"));
            QSqlQuery(session.database()).exec(QStringLiteral("ROLLBACK"));
            return error;
        }
    return {};
}

RollbackOutcome Run::finish(bool keepFailed)
{
    DatabaseSession& session = *m_session;
    m_outcome.changed = true;
    if (session.engine() == Engine::MySql)
        static_cast<void>(StateBuilder::drop(session, m_scratch)); // emptied by the swap
    say(QStringLiteral("checking the rolled-back database"));
    // The rows were compared before the swap (or, for a resumed run, just now); the
    // renames moved them whole, so the schema is what is left to check.
    auto problems = StateBuilder::compare(session, m_source, m_outcome.live, m_progress, m_cancel,
                                          /*rows=*/false);
    if (!problems)
        m_outcome.notes << QStringLiteral("The rolled-back database could not be checked: %1")
                               .arg(problems.error().message);
    else
        m_outcome.problems << problems.value();
    m_outcome.verified = problems.ok() && problems.value().isEmpty();
    if (keepFailed) {
        m_outcome.failedKeptAs = m_failed;
    } else if (Status dropped = StateBuilder::drop(session, m_failed); !dropped) {
        m_outcome.failedKeptAs = m_failed;
        m_outcome.notes << QStringLiteral("The failed state could not be dropped and stays as "
                                          "%1: %2")
                               .arg(m_failed, dropped.error().message);
    }
    if (m_options.tuningReverter) {
        say(QStringLiteral("putting the tuning back"));
        const auto reverted = m_options.tuningReverter(m_profile, m_options.dataFolder);
        m_outcome.tuning = reverted ? reverted.value().message : reverted.error().message;
        if (!reverted)
            m_outcome.notes << QStringLiteral("The tuning could not be put back: %1")
                                   .arg(reverted.error().toString());
    }
    m_outcome.ending = m_outcome.verified ? Ending::Succeeded : Ending::Failed;
    if (!m_outcome.verified)
        m_outcome.error = makeError(
            QStringLiteral("the database was rolled back but does not equal the backup: %1")
                .arg(m_outcome.problems.join(QStringLiteral("; "))),
            m_profile.displayName(),
            QStringLiteral("Compare it with `omupgrade verify --deep`; the failed state is kept "
                           "as %1.")
                .arg(m_failed));
    if (!m_outcome.verified)
        m_outcome.failedKeptAs = m_failed;
    recordFinished(m_outcome.ending, m_outcome.verified ? QStringLiteral("rolled back and verified")
                                                        : m_outcome.error.message);
    m_outcome.seconds = m_timer.elapsed() / 1000.0;
    return m_outcome;
}

RollbackOutcome Run::run()
{
    say(QStringLiteral("checking the backup"));
    auto source = RollbackSource::load(m_options.file, m_cancel);
    if (!source)
        return refuse(source.error());
    m_source = std::move(source).value();
    m_outcome.toVersion = m_source.manifest.openMetadataVersion;
    if (Status status = RollbackChecks::sameDeployment(m_profile, m_source); !status)
        return refuse(status.error());
    if (Status status = RollbackChecks::extensionsOutsideSchema(m_source); !status)
        return refuse(status.error());

    say(QStringLiteral("connecting to %1").arg(m_profile.displayName()));
    DatabaseConnector::Options connectOptions;
    connectOptions.readTimeoutSeconds = 600;
    connectOptions.applicationName = QStringLiteral("omupgrade-rollback");
    auto opened = DatabaseConnector::open(m_profile, connectOptions);
    if (!opened)
        return refuse(opened.error().toError());
    m_session = std::move(opened).value();
    DatabaseSession& session = *m_session;
    const QString live = m_outcome.live;
    m_scratch = Rollback::scratchName(live);
    if (auto version = BackupCatalog::openMetadataVersion(session, live))
        m_outcome.fromVersion = version.value();

    // An earlier run that did not finish: after its swap, finish it; before, clean up.
    if (const auto pending = m_recorder.pending()) {
        auto failedHasTables =
            pending->failed.isEmpty() ? Result<bool>(false) : hasTables(pending->failed);
        if (!failedHasTables)
            return refuse(failedHasTables.error());
        if (pending->swapped || failedHasTables.value()) {
            say(QStringLiteral("an earlier rollback swapped the database and was interrupted; "
                               "checking it"));
            auto problems =
                StateBuilder::compare(session, m_source, live, m_progress, m_cancel, true);
            if (!problems)
                return refuse(problems.error());
            if (problems.value().isEmpty()) {
                m_failed = pending->failed;
                m_outcome.resumed = true;
                m_outcome.notes << QStringLiteral("Finished the rollback an earlier run left "
                                                  "after its swap.");
                return finish(pending->keepFailed);
            }
            m_outcome.notes << QStringLiteral("An earlier rollback left the failed state in %1; "
                                              "it is kept.")
                                   .arg(pending->failed);
        } else if (!pending->failed.isEmpty()) {
            if (Status dropped = StateBuilder::drop(session, pending->failed); !dropped)
                return refuse(dropped.error());
        }
        static_cast<void>(m_recorder.finished(
            {{QStringLiteral("ending"), endingName(Ending::Failed)},
             {QStringLiteral("changed"), false},
             {QStringLiteral("message"), QStringLiteral("interrupted; cleaned up by the next run")},
             {QStringLiteral("by"), m_options.by}}));
    }
    auto leftover = StateBuilder::exists(session, m_scratch);
    if (!leftover)
        return refuse(leftover.error());
    if (leftover.value()) {
        if (Status dropped = StateBuilder::drop(session, m_scratch); !dropped)
            return refuse(dropped.error());
        m_outcome.notes
            << QStringLiteral("Removed %1, left by an interrupted rollback.").arg(m_scratch);
    }

    say(QStringLiteral("checking that the OpenMetadata server is stopped"));
    if (Status status = RollbackChecks::serverStopped(
            m_options.serverUrl, m_options.serverConfirmedStopped, m_options.fromCommandLine);
        !status)
        return refuse(status.error());
    m_failed = Rollback::failedName(live, m_options.now);
    if (Status status = RollbackChecks::privileges(session, live, {m_scratch, m_failed}); !status)
        return refuse(status.error());
    const auto space = RollbackChecks::space(session, m_source.schema.databaseBytes);
    if (!space)
        return refuse(space.error());
    if (!space.value().isEmpty())
        m_outcome.notes << space.value();
    const auto notCarried = RollbackChecks::checkNotCarried(session, live, m_failed);
    if (!notCarried)
        return refuse(notCarried.error());
    if (!notCarried.value().isEmpty()) {
        m_outcome.notes << notCarried.value();
        m_options.keepFailed = true; // dropping it would lose them
    }
    if (m_cancel.isCancelled())
        return refuse(makeError(QStringLiteral("cancelled; nothing was changed")));

    if (Status status =
            m_recorder.started(m_source.file, m_outcome.toVersion, m_outcome.fromVersion, m_scratch,
                               m_failed, m_options.keepFailed, m_options.by);
        !status)
        return refuse(status.error());
    say(QStringLiteral("building OpenMetadata %1 in %2")
            .arg(m_outcome.toVersion.isEmpty() ? QStringLiteral("(unknown version)")
                                               : m_outcome.toVersion,
                 m_scratch));
    QElapsedTimer built;
    built.start();
    auto problems = StateBuilder::build(session, m_source, m_scratch, m_progress, m_cancel);
    if (!problems)
        return abandon(problems.error());
    if (problems.value().isEmpty()) {
        crashPoint("rollback-built");
        static_cast<void>(m_recorder.built(m_scratch, built.elapsed() / 1000.0));
        // The rows were read back as they loaded; the schema is what is left to compare.
        problems = StateBuilder::compare(session, m_source, m_scratch, m_progress, m_cancel,
                                         /*rows=*/false);
        if (!problems)
            return abandon(problems.error());
    }
    if (!problems.value().isEmpty()) {
        m_outcome.problems = problems.value();
        return abandon(makeError(QStringLiteral("the rebuilt copy does not equal the backup: %1")
                                     .arg(problems.value().join(QStringLiteral("; "))),
                                 m_scratch,
                                 QStringLiteral("Report this with the backup's manifest.")));
    }
    static_cast<void>(m_recorder.verified(m_scratch));
    crashPoint("rollback-verified");
    if (m_cancel.isCancelled())
        return abandon(makeError(QStringLiteral("cancelled")));

    say(QStringLiteral("swapping %1 in").arg(m_scratch));
    if (Status status = swap(); !status) {
        // MySQL: the failed database was created for the renames, which did not happen.
        if (session.engine() == Engine::MySql)
            if (auto stillEmpty = hasTables(m_failed); stillEmpty && !stillEmpty.value())
                static_cast<void>(StateBuilder::drop(session, m_failed));
        return abandon(status.error());
    }
    crashPoint("rollback-swapped");
    static_cast<void>(m_recorder.swapped(live, m_failed));
    return finish(m_options.keepFailed);
}

} // namespace

QString Rollback::scratchName(const QString& live)
{
    return withSuffix(live, QStringLiteral("_omu_rollback"));
}

QString Rollback::failedName(const QString& live, const QDateTime& when)
{
    return withSuffix(live, QStringLiteral("_omu_failed_") +
                                when.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")));
}

RollbackOutcome Rollback::run(const ConnectionProfile& profile, const RollbackOptions& options,
                              const ProgressCallback& progress, const CancelToken& cancel)
{
    Run run(profile, options, progress, cancel);
    return run.run();
}

} // namespace omu
