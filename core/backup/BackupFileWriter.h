#pragma once

#include "DumpSink.h"
#include "Sha256.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace omu {

// Writes the backup to `<file>.partial`: created exclusively with mode 0600, locked with
// flock while this object lives (so a later run can tell a stale partial from one being
// written), hashed as it goes. commit() links it to its final name, refusing to replace an
// existing file. Destroying it uncommitted removes the partial.
//
// Full 1 MB blocks are handed to a writer thread that hashes them (the whole file, and each
// table between the startTable() marks) and writes them, so that work overlaps with reading
// the next rows; at most `queueDepth` blocks wait, which bounds the memory.
class BackupFileWriter final : public DumpSink
{
public:
    static Result<std::unique_ptr<BackupFileWriter>> create(const QString& finalPath);
    ~BackupFileWriter() override;

    void startTable() override;
    Status write(QByteArrayView bytes) override;
    // Writes what is buffered and fsyncs; the whole-file hash is final afterwards.
    Status flushToDisk();
    Status commit();
    bool isCommitted() const { return m_committed; }
    void discard();

    QString partialPath() const { return m_partialPath; }
    QString finalPath() const { return m_finalPath; }
    qint64 bytesWritten() const { return m_accepted; }
    QByteArray sha256() const { return m_sha256; }
    // The SHA-256 of each table's bytes, in the order startTable() was called; final after
    // flushToDisk().
    QList<QByteArray> tableSha256() const { return m_tableDigests; }

    // What the system said about a failed write, in words a user can act on.
    static Error writeError(int error, const QString& path);

    static constexpr qsizetype blockSize = 1024 * 1024;
    static constexpr int queueDepth = 3;

private:
    BackupFileWriter(int fd, QString finalPath, QString partialPath);
    Status submit();        // hands the current block to the writer thread
    Status waitUntilIdle(); // every submitted block written (or an error)
    void writerLoop();
    std::optional<Error> writeAll(const char* data, qsizetype size);
    void stopWriter();

    int m_fd = -1;
    QString m_finalPath;
    QString m_partialPath;
    QByteArray m_block; // being filled by the caller
    qint64 m_accepted = 0;
    QByteArray m_sha256;
    bool m_committed = false;

    // Shared with the writer thread.
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QList<QByteArray> m_queue;   // full blocks, oldest first
    QList<qint64> m_tableStarts; // stream offsets where tables begin, not yet reached
    QList<QByteArray> m_spare;   // written blocks, to reuse their memory
    bool m_writing = false;
    bool m_stop = false;
    std::optional<Error> m_error;
    // Only the writer thread touches these until it is idle.
    Sha256 m_hash;
    Sha256 m_tableHash;
    bool m_inTable = false;
    qint64 m_hashed = 0; // stream offset reached by the writer
    QList<QByteArray> m_tableDigests;
    std::thread m_writer;
};

} // namespace omu
