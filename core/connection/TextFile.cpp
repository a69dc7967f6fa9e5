#include "TextFile.h"

#include "common/DisplayText.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringDecoder>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Closes the descriptor however the read ends.
struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

QString TextFile::displayName(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    return DisplayText::value(name.isEmpty() ? path : name);
}

Result<QByteArray> TextFile::readBytes(const QString& path, const QString& kind, qint64 cap)
{
    const QString name = displayName(path);
    const QString shown = DisplayText::value(path);
    // Not QFileInfo: it reports 0 bytes for devices and pipes, and opening a FIFO for
    // reading blocks until a writer comes. Non-blocking, then poll() with a deadline.
    Descriptor file;
    file.fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (file.fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR)
            return makeError(
                QStringLiteral("the %1 %2 does not exist").arg(kind, shown), name,
                QStringLiteral("Check the path, or leave the field empty to skip it."));
        return makeError(
            QStringLiteral("the %1 %2 cannot be read: %3").arg(kind, shown, systemError(error)),
            name,
            QStringLiteral("Check the file's permissions (it must be readable by your user)."));
    }
    struct stat info
    {
    };
    if (::fstat(file.fd, &info) != 0)
        return makeError(
            QStringLiteral("the %1 %2 cannot be read: %3").arg(kind, shown, systemError(errno)),
            name);
    if (S_ISDIR(info.st_mode))
        return makeError(QStringLiteral("the %1 %2 is a folder, not a file").arg(kind, shown), name,
                         QStringLiteral("Point at the file itself."));
    const bool pipe = S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode) || S_ISCHR(info.st_mode);
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions); // 16,777,216
    // A stream's size is not known, only that it went past the cap.
    auto tooLarge = [&](qint64 size) {
        return makeError(
            !pipe ? QStringLiteral("the %1 %2 is %3 bytes, too large to be one")
                        .arg(kind, shown, c.toString(size))
                  : QStringLiteral("the %1 %2 is larger than %3 bytes, too large to be one")
                        .arg(kind, shown, c.toString(cap)),
            name,
            pipe ? QStringLiteral("It is a device or a pipe that does not end: point at the file "
                                  "itself.")
                 : QStringLiteral("Check that you picked the right file."));
    };
    if (S_ISREG(info.st_mode) && info.st_size > cap)
        return tooLarge(info.st_size);

    QByteArray bytes;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (;;) {
        // Each wait is bounded: a pipe nobody writes to ends here.
        pollfd ready{file.fd, POLLIN, 0};
        int polled = 0;
        do
            polled = ::poll(&ready, 1, waitSeconds * 1000);
        while (polled < 0 && errno == EINTR);
        if (polled == 0)
            return makeError(
                QStringLiteral("nothing could be read from the %1 %2 for %3 seconds")
                    .arg(kind, shown)
                    .arg(waitSeconds),
                name,
                S_ISFIFO(info.st_mode)
                    ? QStringLiteral("It is a named pipe (FIFO): start the program that writes "
                                     "to it first, or point at a regular file.")
                    : QStringLiteral("Point at a regular file."));
        const ssize_t n = ::read(file.fd, chunk.data(), size_t(chunk.size()));
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR)
                continue;
            return makeError(
                QStringLiteral("the %1 %2 cannot be read: %3").arg(kind, shown, systemError(errno)),
                name, QStringLiteral("Check the file's permissions and the disk."));
        }
        if (n == 0)
            break;
        bytes.append(chunk.constData(), n);
        if (bytes.size() > cap)
            return tooLarge(bytes.size());
    }
    return bytes;
}

Result<QString> TextFile::read(const QString& path, const QString& kind)
{
    const QString name = displayName(path);
    const QString shown = DisplayText::value(path);
    auto read = readBytes(path, kind, maxBytes);
    if (!read)
        return read.error();
    QByteArray bytes = std::move(read).value();

    // A NUL byte or invalid UTF-8 means someone picked an archive, an image or a
    // keystore instead of the text file.
    if (bytes.contains('\0'))
        return makeError(QStringLiteral("the %1 %2 is a binary file, not text").arg(kind, shown),
                         name, QStringLiteral("Check that you picked the right file."));
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return makeError(
            QStringLiteral("the %1 %2 is not UTF-8 text").arg(kind, shown), name,
            QStringLiteral("Check that you picked the right file, or save it as UTF-8."));
    return text;
}

Result<QString> TextFile::readSecretLine(const QString& path, const QString& kind)
{
    const QString name = displayName(path);
    const QString shown = DisplayText::value(path);
    auto read = readBytes(path, kind, maxSecretBytes);
    if (!read)
        return read.error();
    QByteArray line = read.value();
    const qsizetype end = line.indexOf('\n');
    if (end >= 0)
        line.truncate(end);
    while (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return makeError(
            read.value().isEmpty()
                ? QStringLiteral("the %1 %2 is empty").arg(kind, shown)
                : QStringLiteral("the first line of the %1 %2 is empty").arg(kind, shown),
            name,
            QStringLiteral("Write the password on the file's first line (a line "
                           "break after it is fine)."));
    if (line.contains('\0'))
        return makeError(QStringLiteral("the %1 %2 is a binary file, not text").arg(kind, shown),
                         name, QStringLiteral("Check that you picked the right file."));
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(line);
    if (decoder.hasError())
        return makeError(QStringLiteral("the %1 %2 is not UTF-8 text").arg(kind, shown), name,
                         QStringLiteral("Save it as UTF-8."));
    return text;
}

} // namespace omu
