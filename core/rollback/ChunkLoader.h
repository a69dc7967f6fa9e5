#pragma once

#include "backup/BackupLineReader.h"
#include "backup/LineSetDigest.h"
#include "backup/PostgresCopy.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "connection/DatabaseSession.h"
#include "FileSections.h"

#include <atomic>

namespace omu {

// Loads one part of a table's section of a backup file into the tables the session's
// unqualified names reach, on a session of its own (a rollback runs several at once).
// Every line must be one omupgrade writes: the section's TRUNCATE line, then INSERTs of
// plain literals into the section's table with one column list; anything else is refused,
// so a file that was tampered with cannot run SQL of its own. PostgreSQL gets the rows
// through COPY; MySQL as multi-row INSERTs. Each part commits on its own: the tables are
// a scratch copy, dropped whole when anything fails.
class ChunkLoader
{
public:
    struct Loaded
    {
        qint64 rows = 0;
        // The rows as the server will give them back (PostgreSQL: COPY text rows; MySQL:
        // the lines as written), for TableReadback to compare with.
        LineSetDigest digest;
    };

    ChunkLoader(DatabaseSession& session, const QString& file);

    // `bytesRead` grows as lines are read, for progress.
    Result<Loaded> load(const FileSection& section, const SectionPart& part,
                        const CancelToken& cancel, std::atomic<qint64>& bytesRead);

private:
    Result<Loaded> readPart(const FileSection& section, const SectionPart& part,
                            const CancelToken& cancel, std::atomic<qint64>& bytesRead);
    // One line's rows into the batch (sent when it is full), digested.
    Status add(const FileSection& section, qint64 offset, QByteArrayView line,
               QByteArrayView values, const QByteArray& prefix, Loaded& loaded);
    Error refuse(const FileSection& section, qint64 offset, const QString& why) const;
    Status flush(bool commit);

    DatabaseSession& m_session;
    QString m_file;
    BackupLineReader m_reader;
    PostgresCopy m_copy;
    Sha256 m_hash;
    QByteArray m_batch; // PostgreSQL: COPY rows not yet sent; MySQL: the merged INSERT
    qint64 m_statementBytes = 1024 * 1024;
    qint64 m_uncommitted = 0;
    bool m_inTransaction = false;
    bool m_readerOpen = false;
};

} // namespace omu
