#include "BackupReplayer.h"

#include "BackupCatalog.h"
#include "BackupLine.h"
#include "BackupLineReader.h"
#include "common/DisplayText.h"
#include "connection/QueryRows.h"
#include "PostgresCopy.h"
#include "ProgressMeter.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

namespace omu {

namespace {

QByteArray withoutSemicolon(const QByteArray& line)
{
    QByteArray statement = line;
    while (statement.endsWith(' ') || statement.endsWith('\r') || statement.endsWith('\t'))
        statement.chop(1);
    if (statement.endsWith(';'))
        statement.chop(1);
    return statement;
}

class Replayer
{
public:
    Replayer(DatabaseSession& session, const QString& file, const RestoreOptions& options,
             const ProgressCallback& progress, const CancelToken& cancel,
             BackupProgress::Phase phase)
        : m_session(session), m_reader(file), m_options(options), m_cancel(cancel),
          m_query(session.database()), m_meter(phase, weights(options), progress),
          m_dialect(session.engine() == Engine::MySql ? BackupLine::Dialect::MySql
                                                      : BackupLine::Dialect::Postgres),
          m_copy(session)
    {
    }

    RestoreOutcome run()
    {
        QElapsedTimer timer;
        timer.start();
        if (Status status = m_reader.open(); !status)
            return failedWith(status.error(), timer);
        if (Status status = prepareSession(); !status)
            return failedWith(status.error(), timer);

        QByteArray line;
        for (;;) {
            if (m_cancel.isCancelled()) {
                rollback();
                m_outcome.ending = Ending::Cancelled;
                m_outcome.error = makeError(
                    QStringLiteral("the restore was cancelled at line %1: the tables before %2 "
                                   "were replaced, %2 only partly, the ones after it not at all")
                        .arg(m_reader.lineNumber())
                        .arg(m_currentTable.isEmpty() ? QStringLiteral("the first table")
                                                      : m_currentTable),
                    QString(),
                    QStringLiteral("Restore the whole file again before using this database."));
                break;
            }
            if (!m_reader.next(line)) {
                if (m_reader.error()) {
                    rollback();
                    m_outcome.error = *m_reader.error();
                    break;
                }
                const Step step = finishBatch(m_reader.position(), m_reader.lineNumber() + 1);
                if (step == Step::Recovered)
                    continue; // the reader is at the end again; the batch is empty now
                if (step == Step::Ok)
                    m_outcome.ending = Ending::Succeeded;
                break;
            }
            const qint64 number = m_reader.lineNumber();
            const qint64 offset = m_reader.lineOffset();
            if (line.trimmed().isEmpty())
                continue;
            const Step step = handle(line, number, offset);
            if (step == Step::Stop)
                break;
            m_meter.updateBytes(m_reader.position(), m_reader.size(), m_currentTable, m_tableRows);
        }
        if (m_outcome.ending == Ending::Succeeded && m_outcome.failedStatements > 0) {
            const RestoreFailure& first = m_outcome.failures.first();
            m_outcome.ending = Ending::Failed;
            m_outcome.error =
                makeError(QStringLiteral("%1 of %2 statements failed; the first, line %3: %4")
                              .arg(m_outcome.failedStatements)
                              .arg(m_outcome.failedStatements + m_outcome.statements)
                              .arg(first.line)
                              .arg(first.message),
                          QString(), QStringLiteral("Statement: %1").arg(first.statement));
        }
        m_meter.updateBytes(m_reader.position(), m_reader.size(), m_currentTable, m_tableRows,
                            true);
        m_outcome.seconds = timer.elapsed() / 1000.0;
        m_outcome.lastTable = m_currentTable;
        return m_outcome;
    }

private:
    enum class Step
    {
        Ok,
        Recovered, // a failed batch was replayed line by line; the reader was moved back
        Stop
    };

    static QList<ProgressMeter::TableWeight> weights(const RestoreOptions& options)
    {
        QList<ProgressMeter::TableWeight> list;
        for (const auto& table : options.expectedTables)
            list << ProgressMeter::TableWeight{table.first, table.second, table.second + 1};
        return list;
    }

    RestoreOutcome failedWith(Error error, const QElapsedTimer& timer)
    {
        m_outcome.ending = Ending::Failed;
        m_outcome.error = std::move(error);
        m_outcome.seconds = timer.elapsed() / 1000.0;
        m_outcome.lastTable = m_currentTable;
        return m_outcome;
    }

    Status prepareSession()
    {
        QStringList settings;
        if (m_session.engine() == Engine::Postgres) {
            // The file's strings are standard strings; commits need not wait for the disk
            // (a crash mid-restore means restoring again anyway).
            settings << QStringLiteral("SET standard_conforming_strings = on")
                     << QStringLiteral("SET synchronous_commit = off")
                     << QStringLiteral("SET statement_timeout = 0")
                     << QStringLiteral("SET client_min_messages = warning");
        } else {
            // The file doubles backslashes, as OpenMetadata's backup does: they must be
            // read as escapes.
            settings << QStringLiteral("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, "
                                       "'NO_BACKSLASH_ESCAPES', '')");
        }
        if (Status prepared = omu::prepareSession(m_session, settings); !prepared)
            return prepared;
        m_statementBytes = m_options.statementBytes;
        if (m_session.engine() == Engine::MySql &&
            m_query.exec(QStringLiteral("SELECT @@max_allowed_packet")) && m_query.next()) {
            const qint64 packet = m_query.value(0).toLongLong();
            if (packet > 0)
                m_statementBytes = std::min(m_statementBytes, std::max<qint64>(1024, packet / 2));
        }
        m_query.finish();
        // OMU_RESTORE_NO_COPY: the INSERTs as written (tests exercise both ways this way).
        m_copyAvailable = m_copy.available() && !qEnvironmentVariableIsSet("OMU_RESTORE_NO_COPY");
        return {};
    }

    Step handle(const QByteArray& line, qint64 number, qint64 offset)
    {
        if (!m_reader.lastHadNewline() && !line.endsWith(';')) {
            const Step step = finishBatch(offset, number);
            if (step != Step::Ok)
                return step;
            fail(number, line,
                 QStringLiteral("the line is cut short (the file ends in the middle "
                                "of it)"));
            return Step::Stop;
        }
        BackupLine::Kind kind = BackupLine::kind(line);
        qsizetype valuesAt = kind == BackupLine::Kind::Insert ? BackupLine::valuesOffset(line) : -1;
        if (!m_options.allowAnySql) {
            // Checked before the run began; checked again as it runs, in case the file
            // was changed in between.
            const BackupLine::Statement statement = BackupLine::parse(line, m_dialect);
            if (!statement.ok()) {
                const Step step = finishBatch(offset, number);
                if (step != Step::Ok)
                    return step;
                m_options.continueOnError = false;
                fail(number, line,
                     QStringLiteral("it is not a backup statement (%1); the file changed since "
                                    "it was checked")
                         .arg(statement.problem));
                return Step::Stop;
            }
            kind = statement.kind;
            valuesAt = statement.valuesOffset;
        }
        if (valuesAt < 0) {
            const Step step = finishBatch(offset, number);
            if (step != Step::Ok)
                return step;
            if (kind == BackupLine::Kind::Truncate || kind == BackupLine::Kind::Delete) {
                m_currentTable = QString::fromUtf8(BackupLine::tableName(line));
                m_tableRows = 0;
            }
            return runSingle(line, number) ? Step::Ok : Step::Stop;
        }

        const QByteArray prefix = line.left(valuesAt);
        const qsizetype end = withoutSemicolon(line).size();
        const QByteArrayView values(line.constData() + valuesAt, end - valuesAt);
        m_lineRows.truncate(0);
        const bool copied = m_copyAvailable && PostgresCopy::appendRows(m_lineRows, values);
        // Rows go to the open COPY or into the merged INSERT, one of the two at a time.
        const bool flush = m_copy.isOpen() ? !copied || prefix != m_copy.prefix()
                                           : !m_group.isEmpty() &&
                                                 (copied || prefix != m_groupPrefix ||
                                                  m_group.size() + line.size() > m_statementBytes);
        if (flush && !flushGroup())
            return recover(offset, number);
        if (!m_inTransaction) {
            if (!m_session.database().transaction())
                return fatal(QStringLiteral("cannot start a transaction: %1")
                                 .arg(m_session.database().lastError().text().trimmed()));
            m_inTransaction = true;
            m_batchOffset = offset;
            m_batchLine = number;
            m_batchBytes = 0;
            m_batchLines = 0;
        }
        if (copied) {
            // This line is in the batch now: a failure replays it with the others.
            if ((!m_copy.isOpen() && !m_copy.begin(prefix).ok()) || !m_copy.put(m_lineRows).ok())
                return recover(m_reader.position(), number + 1);
        } else if (m_group.isEmpty()) {
            m_groupPrefix = prefix;
            m_group = prefix;
            m_group.append(values.data(), values.size());
        } else {
            m_group.append(',');
            m_group.append(values.data(), values.size());
        }
        const QString table = QString::fromUtf8(BackupLine::tableName(line));
        ++m_pendingRows[table];
        if (table == m_currentTable)
            ++m_tableRows;
        ++m_batchLines;
        m_batchBytes += line.size();
        if (m_batchBytes >= m_options.batchBytes)
            return finishBatch(m_reader.position(), number + 1);
        return Step::Ok;
    }

    bool exec(const QByteArray& sql, QString* error)
    {
        if (m_query.exec(QString::fromUtf8(sql))) {
            m_query.finish();
            return true;
        }
        *error = m_query.lastError().text().trimmed();
        if (error->isEmpty())
            *error = QStringLiteral("the statement failed (no message from the server)");
        return false;
    }

    bool flushGroup()
    {
        if (m_copy.isOpen())
            return m_copy.end().ok();
        if (m_group.isEmpty())
            return true;
        QString error;
        const bool ok = exec(m_group, &error);
        m_group.truncate(0); // keeps its room for the next group
        m_groupPrefix.clear();
        return ok;
    }

    Step finishBatch(qint64 resumeOffset, qint64 resumeLine)
    {
        if (!m_inTransaction)
            return Step::Ok;
        if (!flushGroup() || !m_session.database().commit())
            return recover(resumeOffset, resumeLine);
        m_inTransaction = false;
        m_outcome.statements += m_batchLines;
        for (auto it = m_pendingRows.cbegin(); it != m_pendingRows.cend(); ++it) {
            m_outcome.rowsPerTable[it.key()] += it.value();
            m_outcome.rows += it.value();
        }
        m_pendingRows.clear();
        return Step::Ok;
    }

    void rollback()
    {
        m_copy.abort();
        m_group.truncate(0);
        m_groupPrefix.clear();
        m_pendingRows.clear();
        if (m_inTransaction)
            m_session.database().rollback();
        m_inTransaction = false;
    }

    // The batch since m_batchLine failed somewhere: undo it and run its lines one by one,
    // so each line succeeds or fails on its own, then carry on from the resume point.
    Step recover(qint64 resumeOffset, qint64 resumeLine)
    {
        rollback();
        if (Status status = m_reader.seek(m_batchOffset, m_batchLine); !status)
            return fatal(status.error().message);
        QByteArray line;
        while (m_reader.next(line) && m_reader.lineNumber() < resumeLine) {
            if (line.trimmed().isEmpty())
                continue;
            if (!runSingle(line, m_reader.lineNumber()))
                return Step::Stop;
        }
        if (Status status = m_reader.seek(resumeOffset, resumeLine); !status)
            return fatal(status.error().message);
        return Step::Recovered;
    }

    bool runSingle(const QByteArray& line, qint64 number)
    {
        QString error;
        if (!exec(withoutSemicolon(line), &error)) {
            fail(number, line, error);
            return m_options.continueOnError;
        }
        ++m_outcome.statements;
        if (BackupLine::kind(line) == BackupLine::Kind::Insert) {
            ++m_outcome.rows;
            ++m_outcome.rowsPerTable[QString::fromUtf8(BackupLine::tableName(line))];
        }
        return true;
    }

    void fail(qint64 number, const QByteArray& line, const QString& message)
    {
        ++m_outcome.failedStatements;
        if (m_outcome.failures.size() < BackupReplayer::keptFailures)
            m_outcome.failures << RestoreFailure{number, BackupLine::excerpt(line, 300), message};
        if (!m_options.continueOnError)
            m_outcome.error = makeError(
                QStringLiteral("line %1 failed: %2").arg(number).arg(message), QString(),
                QStringLiteral("Statement: %1\nEvery line before it was applied; the restore "
                               "stopped there. Fix the cause, or use --continue-on-error to run "
                               "every line regardless, as OpenMetadata's own restore does.")
                    .arg(BackupLine::excerpt(line, 300)));
    }

    Step fatal(const QString& message)
    {
        rollback();
        m_outcome.error = makeError(message);
        return Step::Stop;
    }

    DatabaseSession& m_session;
    BackupLineReader m_reader;
    RestoreOptions m_options;
    CancelToken m_cancel;
    QSqlQuery m_query;
    ProgressMeter m_meter;
    BackupLine::Dialect m_dialect;
    RestoreOutcome m_outcome;

    qint64 m_statementBytes = 0;
    bool m_inTransaction = false;
    qint64 m_batchOffset = 0;
    qint64 m_batchLine = 0;
    qint64 m_batchLines = 0;
    qint64 m_batchBytes = 0;
    QByteArray m_group;
    QByteArray m_groupPrefix;
    // PostgreSQL: rows go through COPY where they convert (a backup's always do).
    PostgresCopy m_copy;
    bool m_copyAvailable = false;
    QByteArray m_lineRows; // one line's rows in COPY's text format
    QMap<QString, qint64> m_pendingRows;
    QString m_currentTable;
    qint64 m_tableRows = 0;
};

} // namespace

RestoreOutcome BackupReplayer::replay(DatabaseSession& session, const QString& file,
                                      const RestoreOptions& options,
                                      const ProgressCallback& progress, const CancelToken& cancel,
                                      BackupProgress::Phase phase)
{
    Replayer replayer(session, file, options, progress, cancel, phase);
    return replayer.run();
}

} // namespace omu
