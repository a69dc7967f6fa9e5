#include "ParallelLoad.h"

#include "ChunkLoader.h"
#include "common/CrashPoint.h"
#include "connection/DatabaseConnector.h"
#include "connection/QueryRows.h"
#include "FileSections.h"
#include "StateBuilder.h"
#include "TableReadback.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace omu {

namespace {

struct Task
{
    enum class Kind
    {
        Load, // one part of a section
        Check // a loaded table: read it back, compare, add its keys and indexes
    };
    Kind kind = Kind::Load;
    int index = 0; // the part (Load) or the section (Check)
};

class Load
{
public:
    Load(DatabaseSession& session, const RollbackSource& source, const QString& container,
         const QMap<QString, BackupTable>& tables,
         const QMap<QString, QStringList>& tableStatements, const ProgressCallback& progress,
         const CancelToken& cancel, const ParallelLoad::Options& options)
        : m_session(session), m_source(source), m_container(container), m_tables(tables),
          m_tableStatements(tableStatements), m_progress(progress), m_cancel(cancel),
          m_options(options)
    {
    }

    Result<QStringList> run();

private:
    void worker();
    Status setUp(DatabaseSession& session) const;
    Status check(DatabaseSession& session, int section);
    void fail(Error error)
    {
        std::lock_guard lock(m_mutex);
        if (!m_failure)
            m_failure = std::move(error);
        m_stop.cancel();
        m_wake.notify_all();
    }
    enum class Moment
    {
        Start,
        Update,
        Done
    };
    void report(Moment moment);

    DatabaseSession& m_session;
    const RollbackSource& m_source;
    const QString m_container;
    const QMap<QString, BackupTable>& m_tables;
    const QMap<QString, QStringList>& m_tableStatements;
    ProgressCallback m_progress;
    CancelToken m_cancel;
    ParallelLoad::Options m_options;
    CancelToken m_stop; // the caller's cancel, or a failure on any thread

    QList<FileSection> m_sections;
    QList<SectionPart> m_parts;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_queue;
    int m_outstanding = 0;         // queued or running
    QList<int> m_partsLeft;        // per section
    QList<LineSetDigest> m_loaded; // per section, what the parts loaded
    QList<qint64> m_loadedRows;
    int m_checked = 0;
    int m_unconnected = 0; // workers that could not open their connection
    QString m_current;
    QStringList m_problems;
    std::optional<Error> m_failure;
    std::atomic<qint64> m_bytesRead = 0;
    std::atomic<qint64> m_bytesChecked = 0;
    QElapsedTimer m_timer;
    qint64 m_lastReport = -1000;
};

Status Load::setUp(DatabaseSession& session) const
{
    if (Status used = StateBuilder::use(session, m_container, m_source.schema.searchPath); !used)
        return used;
    // The tables are a scratch copy: commits need not wait for the disk, keys are checked
    // by the comparison and the keys added afterwards.
    const QStringList settings =
        session.engine() == Engine::MySql
            ? QStringList{QStringLiteral("SET SESSION foreign_key_checks = 0")}
            : QStringList{QStringLiteral("SET standard_conforming_strings = on"),
                          QStringLiteral("SET synchronous_commit = off"),
                          QStringLiteral("SET statement_timeout = 0"),
                          QStringLiteral("SET client_min_messages = warning"),
                          QStringLiteral("SET maintenance_work_mem = '256MB'")};
    if (Status prepared = prepareSession(session, settings); !prepared)
        return prepared;
    return TableReadback::prepare(session);
}

Status Load::check(DatabaseSession& session, int index)
{
    const FileSection& section = m_sections.at(index);
    {
        std::lock_guard lock(m_mutex);
        m_current = section.sqlName;
    }
    const auto table = m_tables.constFind(section.sqlName);
    QString problem;
    if (table == m_tables.constEnd()) {
        problem = QStringLiteral("the table %1 of the backup is missing").arg(section.sqlName);
    } else {
        auto read = TableReadback::read(session, *table, m_stop);
        if (!read)
            return read.error();
        if (read.value().rows != m_loadedRows.at(index))
            problem = QStringLiteral("the table %1 holds %2 rows, the backup %3")
                          .arg(table->name)
                          .arg(read.value().rows)
                          .arg(m_loadedRows.at(index));
        else if (m_loadedRows.at(index) != section.rows)
            problem = QStringLiteral("the lines of %1 hold %2 rows, the manifest says %3")
                          .arg(table->name)
                          .arg(m_loadedRows.at(index))
                          .arg(section.rows);
        else if (!(read.value().digest == m_loaded.at(index)))
            problem = QStringLiteral("the rows of %1 differ from the backup").arg(table->name);
    }
    if (!problem.isEmpty()) {
        std::lock_guard lock(m_mutex);
        m_problems << problem;
        return {};
    }
    QSqlQuery query(session.database());
    for (const QString& statement : m_tableStatements.value(section.sqlName)) {
        if (m_stop.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (!query.exec(statement))
            return makeError(QStringLiteral("finishing the schema failed: %1")
                                 .arg(query.lastError().text().trimmed()),
                             session.profile().displayName(),
                             QStringLiteral("The statement was: %1").arg(statement.left(400)));
    }
    m_bytesChecked.fetch_add(section.bytes, std::memory_order_relaxed);
    return {};
}

void Load::worker()
{
    DatabaseConnector::Options connectOptions;
    connectOptions.readTimeoutSeconds = 600;
    connectOptions.applicationName = QStringLiteral("omupgrade-rollback");
    auto opened = DatabaseConnector::open(m_session.profile(), connectOptions);
    if (!opened) {
        // A server at its connection limit still gets the rollback, on fewer connections.
        std::unique_lock lock(m_mutex);
        if (++m_unconnected < m_options.connections)
            return;
        lock.unlock();
        return fail(opened.error().toError());
    }
    std::unique_ptr<DatabaseSession> session = std::move(opened).value();
    if (Status ready = setUp(*session); !ready)
        return fail(ready.error());
    ChunkLoader loader(*session, m_source.file);
    for (;;) {
        Task task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] {
                return !m_queue.empty() || m_outstanding == 0 || m_stop.isCancelled();
            });
            if (m_queue.empty() || m_stop.isCancelled())
                return;
            task = m_queue.front();
            m_queue.pop_front();
            if (task.kind == Task::Kind::Load)
                m_current = m_sections.at(m_parts.at(task.index).section).sqlName;
        }
        if (task.kind == Task::Kind::Load) {
            const SectionPart& part = m_parts.at(task.index);
            auto loaded = loader.load(m_sections.at(part.section), part, m_stop, m_bytesRead);
            if (!loaded)
                return fail(loaded.error());
            std::lock_guard lock(m_mutex);
            m_loaded[part.section].merge(loaded.value().digest);
            m_loadedRows[part.section] += loaded.value().rows;
            if (--m_partsLeft[part.section] == 0) {
                // Checked next, while the table is still in the server's cache.
                m_queue.push_front(Task{Task::Kind::Check, part.section});
                ++m_outstanding;
            }
        } else if (Status checked = check(*session, task.index); !checked) {
            return fail(checked.error());
        } else {
            std::lock_guard lock(m_mutex);
            // Some tables in, some half loaded on the other connection.
            if (++m_checked == 1)
                crashPoint("rollback-loading");
        }
        std::lock_guard lock(m_mutex);
        --m_outstanding;
        m_wake.notify_all();
    }
}

void Load::report(Moment moment)
{
    if (!m_progress || (moment == Moment::Update && m_timer.elapsed() - m_lastReport < 200))
        return;
    m_lastReport = m_timer.elapsed();
    const qint64 total = m_source.manifest.bytes; // the sections cover the file exactly
    BackupProgress step;
    step.phase = BackupProgress::Phase::Restoring;
    {
        std::lock_guard lock(m_mutex);
        step.table = m_current;
        step.tableIndex = m_checked;
    }
    step.tableCount = int(m_sections.size());
    step.bytes = m_bytesRead.load(std::memory_order_relaxed);
    // Reading a table back takes about as long as loading it; the biggest come back last.
    step.fraction = total > 0 ? (step.bytes + double(m_bytesChecked.load())) / (2.0 * total) : 1.0;
    step.seconds = m_timer.elapsed() / 1000.0;
    if (step.seconds > 0)
        step.bytesPerSecond = step.bytes / step.seconds;
    int connections = std::max(1, m_options.connections);
    {
        std::lock_guard lock(m_mutex);
        connections -= m_unconnected;
    }
    const QString on = connections == 1 ? QStringLiteral("one connection")
                                        : QStringLiteral("%1 connections").arg(connections);
    const QString loading =
        QStringLiteral("loading and checking %1 tables on %2").arg(m_sections.size()).arg(on);
    // In steps of a tenth, so a log gets a line per step rather than one per report.
    step.message =
        moment == Moment::Start ? loading
        : moment == Moment::Done
            ? QStringLiteral("loaded and checked %1 tables on %2").arg(m_sections.size()).arg(on)
            : QStringLiteral("%1: about %2% done").arg(loading).arg(int(step.fraction * 10) * 10);
    m_progress(step);
}

Result<QStringList> Load::run()
{
    m_timer.start();
    auto sections = FileSections::fromManifest(m_source.manifest, m_source.file);
    if (!sections)
        return sections.error();
    m_sections = std::move(sections).value();
    m_parts = FileSections::split(m_sections, m_options.partBytes);
    m_partsLeft.fill(0, m_sections.size());
    m_loaded.resize(m_sections.size());
    m_loadedRows.fill(0, m_sections.size());
    for (int i = 0; i < m_parts.size(); ++i) {
        m_queue.push_back(Task{Task::Kind::Load, i});
        ++m_partsLeft[m_parts.at(i).section];
    }
    m_outstanding = int(m_queue.size());

    std::optional<Error> hashFailure;
    std::thread hashes([&] {
        if (Status verified = FileSections::verifyHashes(m_source.file, m_sections, m_stop);
            !verified && !m_stop.isCancelled()) {
            hashFailure = verified.error();
            m_stop.cancel();
            std::lock_guard lock(m_mutex);
            m_wake.notify_all();
        }
    });
    std::vector<std::thread> workers;
    for (int i = 0; i < std::max(1, m_options.connections); ++i)
        workers.emplace_back([this] { worker(); });

    report(Moment::Start);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(100), [&] {
                return (m_queue.empty() && m_outstanding == 0) || m_stop.isCancelled();
            });
            if ((m_queue.empty() && m_outstanding == 0) || m_stop.isCancelled())
                break;
        }
        if (m_cancel.isCancelled()) {
            m_stop.cancel();
            std::lock_guard lock(m_mutex);
            m_wake.notify_all();
        }
        report(Moment::Update);
    }
    for (std::thread& thread : workers)
        thread.join();
    hashes.join();
    if (hashFailure)
        return *hashFailure;
    if (m_failure)
        return *m_failure;
    if (m_cancel.isCancelled())
        return makeError(QStringLiteral("cancelled"));
    report(Moment::Done);
    return m_problems;
}

} // namespace

Result<QStringList> ParallelLoad::run(DatabaseSession& session, const RollbackSource& source,
                                      const QString& container,
                                      const QMap<QString, BackupTable>& tables,
                                      const QMap<QString, QStringList>& tableStatements,
                                      const ProgressCallback& progress, const CancelToken& cancel,
                                      const Options& options)
{
    ParallelLoad::Options tuned = options;
    // Test hook: parts of a few lines, so that lines straddle part boundaries everywhere.
    if (const int bytes = qEnvironmentVariableIntValue("OMU_TEST_ROLLBACK_PART_BYTES"); bytes > 0)
        tuned.partBytes = bytes;
    Load load(session, source, container, tables, tableStatements, progress, cancel, tuned);
    return load.run();
}

} // namespace omu
