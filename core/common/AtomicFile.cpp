#include "AtomicFile.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

Status AtomicFile::write(const QString& path, const QByteArray& content, Access access,
                         Existing existing)
{
    const QFileInfo target(path);
    if (existing == Existing::Refuse && target.exists())
        return makeError(
            QStringLiteral("the file already exists"), path,
            QStringLiteral("Choose another name; existing files are never overwritten."));

    const QString temporary =
        path + QStringLiteral(".tmp-%1").arg(QRandomGenerator::global()->generate(), 8, 16,
                                             QLatin1Char('0'));
    const QByteArray temporaryName = temporary.toLocal8Bit();
    const mode_t mode = access == Access::Private ? 0600 : 0644;
    const int fd = ::open(temporaryName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return makeError(
            QStringLiteral("cannot create a file here: %1").arg(systemError()),
            target.absolutePath(),
            QStringLiteral("Check that the folder exists and that you may write to it."));

    auto fail = [&](const QString& what) {
        const QString reason = systemError();
        ::close(fd);
        ::unlink(temporaryName.constData());
        return makeError(
            QStringLiteral("%1: %2").arg(what, reason), path,
            QStringLiteral("Free some disk space or pick another folder, then try again."));
    };

    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n =
            ::write(fd, content.constData() + written, size_t(content.size() - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(QStringLiteral("writing failed"));
        }
        written += n;
    }
    if (::fsync(fd) != 0)
        return fail(QStringLiteral("flushing to disk failed"));
    if (::close(fd) != 0) {
        ::unlink(temporaryName.constData());
        return makeError(QStringLiteral("closing failed: %1").arg(systemError()), path);
    }
    if (existing == Existing::Refuse) {
        // link() fails if the target appeared meanwhile, unlike rename().
        if (::link(temporaryName.constData(), path.toLocal8Bit().constData()) != 0) {
            const QString reason = systemError();
            ::unlink(temporaryName.constData());
            return makeError(QStringLiteral("cannot create the file: %1").arg(reason), path);
        }
        ::unlink(temporaryName.constData());
    } else if (::rename(temporaryName.constData(), path.toLocal8Bit().constData()) != 0) {
        const QString reason = systemError();
        ::unlink(temporaryName.constData());
        return makeError(QStringLiteral("cannot replace the file: %1").arg(reason), path);
    }
    return syncFolder(target.absolutePath());
}

Status AtomicFile::syncFolder(const QString& folder)
{
    const int fd = ::open(folder.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return makeError(QStringLiteral("cannot open the folder: %1").arg(systemError()), folder);
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return makeError(QStringLiteral("cannot flush the folder: %1").arg(systemError()), folder);
    return {};
}

} // namespace omu
