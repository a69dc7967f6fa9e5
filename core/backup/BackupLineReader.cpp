#include "BackupLineReader.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

namespace {
constexpr qsizetype blockSize = 1024 * 1024;
}

BackupLineReader::BackupLineReader(QString path) : m_path(std::move(path)) {}

BackupLineReader::~BackupLineReader()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Status BackupLineReader::open()
{
    m_fd = ::open(m_path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        return makeError(QStringLiteral("cannot open the backup file: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno))),
                         m_path, QStringLiteral("Check the path and that you may read the file."));
    struct stat info
    {
    };
    if (::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode))
        return makeError(QStringLiteral("this is not a regular file"), m_path);
    m_size = info.st_size;
    ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return {};
}

bool BackupLineReader::fill()
{
    if (m_eof)
        return false;
    // Keep the unread tail at the front and read behind it, into the same buffer: a buffer
    // allocated afresh for every block costs a page fault per page it is read into.
    const qsizetype tail = m_block.size() - m_blockPos;
    if (m_blockPos > 0 && tail > 0)
        std::memmove(m_block.data(), m_block.constData() + m_blockPos, size_t(tail));
    m_blockStart += m_blockPos;
    m_blockPos = 0;
    if (m_block.capacity() < tail + blockSize)
        m_block.reserve(tail + blockSize);
    m_block.resize(tail + blockSize);
    ssize_t n;
    do {
        n = ::read(m_fd, m_block.data() + tail, size_t(blockSize));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        m_error = makeError(QStringLiteral("reading the backup file failed: %1")
                                .arg(QString::fromLocal8Bit(std::strerror(errno))),
                            m_path);
        m_block.resize(tail);
        m_eof = true;
        return false;
    }
    m_block.resize(tail + n);
    if (n == 0) {
        m_eof = true;
        return false;
    }
    return true;
}

bool BackupLineReader::next(QByteArray& line)
{
    QByteArrayView view;
    if (!next(view))
        return false;
    line = view.toByteArray();
    return true;
}

bool BackupLineReader::next(QByteArrayView& line)
{
    if (m_fd < 0 || m_error)
        return false;
    qsizetype searchFrom = m_blockPos;
    for (;;) {
        const char* begin = m_block.constData() + searchFrom;
        const void* newline = std::memchr(begin, '\n', size_t(m_block.size() - searchFrom));
        if (newline) {
            const qsizetype end = static_cast<const char*>(newline) - m_block.constData();
            line = QByteArrayView(m_block.constData() + m_blockPos, end - m_blockPos);
            m_lineOffset = m_blockStart + m_blockPos;
            m_blockPos = end + 1;
            m_consumed = m_blockStart + m_blockPos;
            ++m_lineNumber;
            m_lastHadNewline = true;
            return true;
        }
        const qsizetype scanned = m_block.size() - m_blockPos;
        if (!fill()) {
            if (m_error || m_blockPos >= m_block.size())
                return false;
            // The last line has no newline: a file cut short, or written by hand.
            line = QByteArrayView(m_block.constData() + m_blockPos, m_block.size() - m_blockPos);
            m_lineOffset = m_blockStart + m_blockPos;
            m_blockPos = m_block.size();
            m_consumed = m_blockStart + m_blockPos;
            ++m_lineNumber;
            m_lastHadNewline = false;
            return true;
        }
        searchFrom = m_blockPos + scanned; // fill() moved the unread tail to the front
    }
}

Status BackupLineReader::seek(qint64 offset, qint64 lineNumber)
{
    if (::lseek(m_fd, offset, SEEK_SET) < 0)
        return makeError(QStringLiteral("cannot go back in the backup file: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno))),
                         m_path);
    m_block.resize(0); // keeps its room
    m_blockPos = 0;
    m_blockStart = offset;
    m_consumed = offset;
    m_lineNumber = lineNumber - 1;
    m_eof = false;
    return {};
}

} // namespace omu
