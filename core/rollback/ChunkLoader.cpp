#include "ChunkLoader.h"

#include "backup/BackupLine.h"

#include <QSqlError>
#include <QSqlQuery>

namespace omu {

namespace {

constexpr qint64 copyBatchBytes = 256 * 1024;
constexpr qint64 commitBytes = 16 * 1024 * 1024;

// The values of an INSERT line: from the first "(" to before the closing ";".
QByteArrayView valuesOf(QByteArrayView line, qsizetype valuesAt)
{
    QByteArrayView values = line.sliced(valuesAt);
    while (!values.isEmpty() && (values.back() == ' ' || values.back() == '\r'))
        values.chop(1);
    if (!values.endsWith(';'))
        return {};
    values.chop(1);
    return values;
}

} // namespace

ChunkLoader::ChunkLoader(DatabaseSession& session, const QString& file)
    : m_session(session), m_file(file), m_reader(file), m_copy(session)
{
    if (session.engine() == Engine::MySql) {
        QSqlQuery query(session.database());
        if (query.exec(QStringLiteral("SELECT @@max_allowed_packet")) && query.next())
            m_statementBytes = std::min<qint64>(
                m_statementBytes, std::max<qint64>(1024, query.value(0).toLongLong() / 2));
    }
}

Error ChunkLoader::refuse(const FileSection& section, qint64 offset, const QString& why) const
{
    return makeError(QStringLiteral("the line at byte %1 of the backup, in the lines of %2, %3")
                         .arg(offset)
                         .arg(section.sqlName, why),
                     m_file,
                     QStringLiteral("A rollback only reads the lines omupgrade writes; `omupgrade "
                                    "verify` checks the file against its manifest."));
}

Status ChunkLoader::flush(bool commit)
{
    const bool mysql = m_session.engine() == Engine::MySql;
    if (!m_batch.isEmpty()) {
        if (mysql) {
            QSqlQuery query(m_session.database());
            if (!query.exec(QString::fromUtf8(m_batch)))
                return makeError(QStringLiteral("loading the rows failed: %1")
                                     .arg(query.lastError().text().trimmed()),
                                 m_session.profile().displayName());
        } else if (Status sent = m_copy.put(m_batch); !sent) {
            return sent;
        }
        m_batch.truncate(0); // keeps its room
    }
    if (!commit || !m_inTransaction)
        return {};
    if (m_copy.isOpen())
        if (Status ended = m_copy.end(); !ended)
            return makeError(
                QStringLiteral("loading the rows failed: %1").arg(ended.error().message),
                m_session.profile().displayName());
    m_inTransaction = false;
    m_uncommitted = 0;
    if (!m_session.database().commit())
        return makeError(QStringLiteral("committing the rows failed: %1")
                             .arg(m_session.database().lastError().text().trimmed()),
                         m_session.profile().displayName());
    return {};
}

Result<ChunkLoader::Loaded> ChunkLoader::load(const FileSection& section, const SectionPart& part,
                                              const CancelToken& cancel,
                                              std::atomic<qint64>& bytesRead)
{
    if (m_session.engine() != Engine::MySql && !m_copy.available())
        return makeError(QStringLiteral("the connection is not a libpq connection"));
    if (!m_readerOpen) {
        if (Status opened = m_reader.open(); !opened)
            return opened.error();
        m_readerOpen = true;
    }
    // A part that starts inside a line leaves that line to the part before it.
    const bool atSectionStart = part.begin == section.offset;
    if (Status moved = m_reader.seek(atSectionStart ? part.begin : part.begin - 1, 1); !moved)
        return moved.error();
    QByteArrayView line;
    if (!atSectionStart && !m_reader.next(line))
        return makeError(QStringLiteral("the backup ends early"), m_file);
    auto loaded = readPart(section, part, cancel, bytesRead);
    if (!loaded) {
        // Nothing half sent stays on the session, which loads the next part.
        m_copy.abort();
        m_batch.truncate(0);
        if (m_inTransaction)
            m_session.database().rollback();
        m_inTransaction = false;
    }
    return loaded;
}

Result<ChunkLoader::Loaded> ChunkLoader::readPart(const FileSection& section,
                                                  const SectionPart& part,
                                                  const CancelToken& cancel,
                                                  std::atomic<qint64>& bytesRead)
{
    const bool mysql = m_session.engine() == Engine::MySql;
    const BackupLine::Dialect dialect =
        mysql ? BackupLine::Dialect::MySql : BackupLine::Dialect::Postgres;
    const QByteArray table = section.sqlName.toUtf8();
    Loaded loaded;
    QByteArray prefix; // "INSERT INTO t (cols) VALUES " of this part's lines
    QByteArrayView line;
    while (m_reader.next(line)) {
        const qint64 offset = m_reader.lineOffset();
        if (offset >= part.end)
            break;
        bytesRead.fetch_add(line.size() + 1, std::memory_order_relaxed);
        if (cancel.isCancelled())
            return makeError(QStringLiteral("cancelled"));
        if (!m_reader.lastHadNewline())
            return refuse(section, offset, QStringLiteral("is cut short"));
        if (offset == section.offset) {
            const BackupLine::Statement first = BackupLine::parse(line, dialect);
            if (!first.ok() ||
                (first.kind != BackupLine::Kind::Truncate &&
                 first.kind != BackupLine::Kind::Delete) ||
                first.table != table)
                return refuse(section, offset,
                              QStringLiteral("is not the table's TRUNCATE line (the scratch "
                                             "tables start empty)"));
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        qsizetype valuesAt = prefix.size();
        // MySQL runs the values as SQL: every line is read literal by literal. PostgreSQL
        // gets them as COPY data, which the conversion only accepts as plain literals.
        if (mysql || prefix.isEmpty() || !line.startsWith(prefix)) {
            const BackupLine::Statement statement = BackupLine::parse(line, dialect);
            if (!statement.ok() || statement.kind != BackupLine::Kind::Insert ||
                statement.table != table)
                return refuse(section, offset,
                              statement.ok()
                                  ? QStringLiteral("is not an INSERT into %1").arg(section.sqlName)
                                  : statement.problem);
            if (!prefix.isEmpty() && line.first(statement.valuesOffset) != prefix)
                return refuse(section, offset,
                              QStringLiteral("names other columns than the lines before it"));
            valuesAt = statement.valuesOffset;
            if (prefix.isEmpty())
                prefix = line.first(valuesAt).toByteArray();
        }
        const QByteArrayView values = valuesOf(line, valuesAt);
        if (values.isEmpty())
            return refuse(section, offset, QStringLiteral("does not end with \";\""));
        if (Status added = add(section, offset, line, values, prefix, loaded); !added)
            return added.error();
        m_uncommitted += line.size();
        if (m_uncommitted >= commitBytes)
            if (Status committed = flush(true); !committed)
                return committed.error();
    }
    if (m_reader.error())
        return *m_reader.error();
    if (Status committed = flush(true); !committed)
        return committed.error();
    return loaded;
}

Status ChunkLoader::add(const FileSection& section, qint64 offset, QByteArrayView line,
                        QByteArrayView values, const QByteArray& prefix, Loaded& loaded)
{
    if (!m_inTransaction) {
        if (!m_session.database().transaction())
            return makeError(QStringLiteral("cannot start a transaction: %1")
                                 .arg(m_session.database().lastError().text().trimmed()),
                             m_session.profile().displayName());
        m_inTransaction = true;
    }
    if (m_session.engine() == Engine::MySql) {
        if (!m_batch.isEmpty() && m_batch.size() + values.size() + 1 > m_statementBytes)
            if (Status sent = flush(false); !sent)
                return sent;
        if (m_batch.isEmpty())
            m_batch.append(prefix);
        else
            m_batch.append(',');
        m_batch.append(values);
        loaded.digest.add(line, m_hash);
        ++loaded.rows;
        return {};
    }
    if (!m_copy.isOpen())
        if (Status begun = m_copy.begin(prefix); !begun)
            return makeError(
                QStringLiteral("loading %1 failed: %2").arg(section.sqlName, begun.error().message),
                m_session.profile().displayName());
    const qsizetype start = m_batch.size();
    if (!PostgresCopy::appendRows(m_batch, values))
        return refuse(section, offset, QStringLiteral("holds a value that is not a plain literal"));
    // One line can hold several rows; each is digested the way it comes back.
    for (qsizetype from = start; from < m_batch.size();) {
        const qsizetype newline = m_batch.indexOf('\n', from);
        loaded.digest.add(QByteArrayView(m_batch.constData() + from, newline - from), m_hash);
        ++loaded.rows;
        from = newline + 1;
    }
    if (m_batch.size() >= copyBatchBytes)
        return flush(false);
    return {};
}

} // namespace omu
