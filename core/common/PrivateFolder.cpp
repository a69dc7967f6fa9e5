#include "PrivateFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

Status PrivateFolder::create(const QString& path, Existing existing)
{
    const QString folder = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // The missing part, outermost first.
    QStringList missing;
    for (QString at = folder; !QFileInfo::exists(at);) {
        missing.prepend(at);
        const QString parent = QFileInfo(at).absolutePath();
        if (parent == at)
            break;
        at = parent;
    }
    for (const QString& component : std::as_const(missing)) {
        const QByteArray name = QFile::encodeName(component);
        if (::mkdir(name.constData(), 0700) != 0 && errno != EEXIST)
            return makeError(QStringLiteral("cannot create the folder: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(errno))),
                             component, QStringLiteral("Check that you may write there."));
        // mkdir's mode passes through the umask, which may also remove bits we need.
        ::chmod(name.constData(), 0700);
    }
    const QByteArray name = QFile::encodeName(folder);
    struct stat info
    {
    };
    if (::stat(name.constData(), &info) != 0 || !S_ISDIR(info.st_mode))
        return makeError(QStringLiteral("this is not a folder"), folder,
                         QStringLiteral("Choose a folder."));
    if (existing == Existing::Narrow && info.st_uid == ::geteuid() &&
        (info.st_mode & 07777) != 0700 && ::chmod(name.constData(), 0700) != 0)
        return makeError(QStringLiteral("cannot make the folder private: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno))),
                         folder);
    return {};
}

} // namespace omu
