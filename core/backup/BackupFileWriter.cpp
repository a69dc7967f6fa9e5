#include "BackupFileWriter.h"

#include "BackupFiles.h"
#include "common/AtomicFile.h"

#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

Error BackupFileWriter::writeError(int error, const QString& path)
{
    switch (error) {
    case ENOSPC:
        return makeError(QStringLiteral("the disk is full"), path,
                         QStringLiteral("Free some space or choose a folder on a disk with more "
                                        "room, then back up again."));
    case EDQUOT:
        return makeError(QStringLiteral("the disk quota is used up"), path,
                         QStringLiteral("Free some space within your quota or choose another "
                                        "folder, then back up again."));
    case EFBIG:
        return makeError(QStringLiteral("the file grew past the largest size this process may "
                                        "write (ulimit -f) or the file system allows"),
                         path,
                         QStringLiteral("Raise the limit (ulimit -f unlimited) or choose a folder "
                                        "on another file system, then back up again."));
    case EACCES:
    case EPERM:
    case EROFS:
        return makeError(
            QStringLiteral("you may not write in this folder: %1").arg(systemError(error)), path,
            QStringLiteral("Choose a folder you can write to."));
    default:
        break;
    }
    return makeError(QStringLiteral("writing failed: %1").arg(systemError(error)), path,
                     QStringLiteral("Check the disk and the folder, then back up again."));
}

Result<std::unique_ptr<BackupFileWriter>> BackupFileWriter::create(const QString& finalPath)
{
    // A file-size limit (ulimit -f) should end in a clear error, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);

    const QString folder = QFileInfo(finalPath).absolutePath();
    if (!QFileInfo(folder).isDir())
        return makeError(QStringLiteral("the folder does not exist"), folder,
                         QStringLiteral("Create it or choose another folder."));
    if (QFileInfo::exists(finalPath) || QFileInfo::exists(BackupFiles::manifestPath(finalPath)))
        return makeError(QStringLiteral("a backup with this name already exists"), finalPath,
                         QStringLiteral("Choose another file name: existing backups are never "
                                        "overwritten."));
    const QString partial = BackupFiles::partialPath(finalPath);
    const QByteArray partialName = partial.toLocal8Bit();
    const int fd =
        ::open(partialName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        const int error = errno;
        if (error == EEXIST)
            return makeError(QStringLiteral("another backup to this name is being written"),
                             partial,
                             QStringLiteral("Wait for it to finish, or choose another file name."));
        return writeError(error, folder);
    }
    // The umask can only remove bits; make sure nothing else was added either.
    ::fchmod(fd, S_IRUSR | S_IWUSR);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(partialName.constData());
        return makeError(QStringLiteral("cannot lock the file: %1").arg(systemError(error)),
                         partial);
    }
    return std::unique_ptr<BackupFileWriter>(new BackupFileWriter(fd, finalPath, partial));
}

BackupFileWriter::BackupFileWriter(int fd, QString finalPath, QString partialPath)
    : m_fd(fd), m_finalPath(std::move(finalPath)), m_partialPath(std::move(partialPath))
{
    m_block.reserve(blockSize + 64 * 1024);
    m_writer = std::thread([this] { writerLoop(); });
}

BackupFileWriter::~BackupFileWriter()
{
    stopWriter();
    if (!m_committed)
        discard();
    else if (m_fd >= 0)
        ::close(m_fd);
}

void BackupFileWriter::stopWriter()
{
    if (!m_writer.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_writer.join();
}

void BackupFileWriter::startTable()
{
    std::lock_guard lock(m_mutex);
    m_tableStarts.append(m_accepted);
}

Status BackupFileWriter::write(QByteArrayView bytes)
{
    if (m_fd < 0)
        return makeError(QStringLiteral("the backup file is closed"), m_partialPath);
    m_accepted += bytes.size();
    m_block.append(bytes.data(), bytes.size());
    if (m_block.size() >= blockSize)
        return submit();
    return {};
}

Status BackupFileWriter::submit()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < queueDepth || m_error; });
    if (m_error)
        return *m_error;
    m_queue.append(std::move(m_block));
    if (!m_spare.isEmpty()) {
        m_block = m_spare.takeLast();
        m_block.resize(0);
    } else {
        m_block = QByteArray();
        m_block.reserve(blockSize + 64 * 1024);
    }
    lock.unlock();
    m_changed.notify_all();
    return {};
}

void BackupFileWriter::writerLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stop || !m_queue.isEmpty(); });
        if (m_queue.isEmpty())
            return; // stopping, nothing left
        QByteArray block = m_queue.takeFirst();
        m_writing = true;
        const bool failed = m_error.has_value();
        // Table starts inside this block (registered before its bytes were written).
        QList<qint64> starts;
        while (!m_tableStarts.isEmpty() && m_tableStarts.first() < m_hashed + block.size())
            starts << m_tableStarts.takeFirst();
        lock.unlock();
        std::optional<Error> error;
        if (!failed) {
            m_hash.addData(block);
            qsizetype from = 0;
            for (const qint64 start : std::as_const(starts)) {
                const qsizetype at = qsizetype(start - m_hashed);
                if (m_inTable)
                    m_tableHash.addData(QByteArrayView(block.constData() + from, at - from));
                if (m_inTable)
                    m_tableDigests << m_tableHash.hexDigest();
                m_inTable = true;
                from = at;
            }
            if (m_inTable)
                m_tableHash.addData(QByteArrayView(block.constData() + from, block.size() - from));
            m_hashed += block.size();
            error = writeAll(block.constData(), block.size());
        }
        lock.lock();
        if (error && !m_error)
            m_error = error;
        if (m_spare.size() < 2) // bounded: the rest is freed
            m_spare.append(std::move(block));
        m_writing = false;
        m_changed.notify_all();
    }
}

std::optional<Error> BackupFileWriter::writeAll(const char* data, qsizetype size)
{
    qsizetype done = 0;
    while (done < size) {
        const ssize_t n = ::write(m_fd, data + done, size_t(size - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return writeError(errno, m_partialPath);
        }
        done += n;
    }
    return std::nullopt;
}

Status BackupFileWriter::waitUntilIdle()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.isEmpty() && !m_writing; });
    if (m_error)
        return *m_error;
    return {};
}

Status BackupFileWriter::flushToDisk()
{
    if (!m_block.isEmpty())
        if (Status status = submit(); !status)
            return status;
    if (Status status = waitUntilIdle(); !status)
        return status;
    if (::fsync(m_fd) != 0)
        return writeError(errno, m_partialPath);
    // The writer is idle, so its hashes may be read here. Every table wrote at least its
    // TRUNCATE line, so every start has been reached.
    if (m_inTable)
        m_tableDigests << m_tableHash.hexDigest();
    m_inTable = false;
    m_sha256 = m_hash.hexDigest();
    return {};
}

Status BackupFileWriter::commit()
{
    // link() fails when the name exists, so a file that appeared meanwhile is kept.
    const QByteArray partial = m_partialPath.toLocal8Bit();
    if (::link(partial.constData(), m_finalPath.toLocal8Bit().constData()) != 0) {
        const int error = errno;
        if (error == EEXIST)
            return makeError(QStringLiteral("a file with this name appeared while the backup ran"),
                             m_finalPath,
                             QStringLiteral("Choose another file name; existing files are never "
                                            "overwritten."));
        return writeError(error, m_finalPath);
    }
    m_committed = true;
    ::unlink(partial.constData());
    ::close(m_fd); // releases the lock
    m_fd = -1;
    return AtomicFile::syncFolder(QFileInfo(m_finalPath).absolutePath());
}

void BackupFileWriter::discard()
{
    stopWriter();
    if (m_fd >= 0) {
        ::unlink(m_partialPath.toLocal8Bit().constData());
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace omu
