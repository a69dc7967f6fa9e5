#include "BackupFiles.h"

#include "BackupManifest.h"
#include "BackupVerifier.h"
#include "common/AtomicFile.h"
#include "SchemaSnapshot.h"
#include "Sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace omu {

namespace {

QByteArray head(const QString& path, qint64 bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(bytes);
}

// True when nobody holds the file locked (a running backup keeps its partial locked).
bool isUnlocked(const QString& path)
{
    const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

bool looksLikeOurDump(const QString& path, qint64 size)
{
    if (size == 0) // killed before its first block: the backup's or its history sidecar's
        return path.endsWith(QLatin1String(".sql.partial")) ||
               path.endsWith(QLatin1String(".history.partial"));
    return head(path, 15) == "TRUNCATE TABLE ";
}

bool looksLikeOurManifest(const QString& path)
{
    return head(path, 4096).contains(BackupManifest::formatName);
}

} // namespace

QString BackupFiles::defaultFileName(const QDateTime& when)
{
    return QStringLiteral("openmetadata_%1_backup.sql")
        .arg(when.toString(QStringLiteral("yyyyMMddHHmm")));
}

bool BackupFiles::isUsableName(const QString& name)
{
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String("..") ||
        name.contains(QLatin1Char('/')) || name.endsWith(QLatin1String(".partial")) ||
        name.endsWith(QLatin1String(".manifest.json")) || QFile::encodeName(name).size() > 200)
        return false;
    for (const QChar c : name)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return false;
    return true;
}

QStringList BackupFiles::cleanUpInterrupted(const QString& folder)
{
    QStringList done;
    // Cut off after the manifest was named and before the backup was: finish it when the
    // partial is what the manifest describes, else free the name.
    const QFileInfoList manifests =
        QDir(folder).entryInfoList({QStringLiteral("*.manifest.json")}, QDir::Files | QDir::Hidden);
    for (const QFileInfo& info : manifests) {
        const QString manifestFile = info.absoluteFilePath();
        const QString dumpFile = manifestFile.left(manifestFile.size() - 14);
        const QString partial = partialPath(dumpFile);
        if (QFileInfo::exists(dumpFile) || !looksLikeOurManifest(manifestFile))
            continue;
        const QByteArray manifestName = QFile::encodeName(manifestFile);
        if (!QFileInfo::exists(partial)) {
            if (::unlink(manifestName.constData()) == 0)
                done << QStringLiteral("removed the manifest %1, whose backup was never finished")
                            .arg(info.fileName());
            continue;
        }
        if (!isUnlocked(partial))
            continue; // that backup is still running
        const auto report = BackupVerifier::quick(partial, manifestFile);
        if (report.verified && ::link(QFile::encodeName(partial).constData(),
                                      QFile::encodeName(dumpFile).constData()) == 0) {
            ::unlink(QFile::encodeName(partial).constData());
            static_cast<void>(AtomicFile::syncFolder(folder));
            done << QStringLiteral("finished the interrupted backup %1 (it matches its manifest)")
                        .arg(QFileInfo(dumpFile).fileName());
            continue;
        }
        ::unlink(manifestName.constData());
        if (::unlink(QFile::encodeName(partial).constData()) == 0)
            done << QStringLiteral("removed the unfinished backup %1 and its manifest")
                        .arg(QFileInfo(partial).fileName());
    }
    const QFileInfoList partials =
        QDir(folder).entryInfoList({QStringLiteral("*.partial")}, QDir::Files | QDir::Hidden);
    // Manifests first: finishing a backup needs its manifest before the dump is looked at.
    for (const QFileInfo& info : partials) {
        const QString path = info.absoluteFilePath();
        const QString suffix = QStringLiteral(".manifest.json.partial");
        if (!path.endsWith(suffix) || !looksLikeOurManifest(path))
            continue;
        const QString dumpFile = path.left(path.size() - suffix.size());
        const QString manifestFile = manifestPath(dumpFile);
        if (QFileInfo::exists(partialPath(dumpFile)) && !isUnlocked(partialPath(dumpFile)))
            continue; // that backup is still running
        if (QFileInfo::exists(dumpFile) && !QFileInfo::exists(manifestFile)) {
            const auto report = BackupVerifier::quick(dumpFile, path);
            if (report.verified && ::link(path.toLocal8Bit().constData(),
                                          manifestFile.toLocal8Bit().constData()) == 0) {
                ::unlink(path.toLocal8Bit().constData());
                static_cast<void>(AtomicFile::syncFolder(folder));
                done << QStringLiteral(
                            "finished the interrupted backup %1 (it matches its manifest)")
                            .arg(QFileInfo(dumpFile).fileName());
                continue;
            }
        }
        if (::unlink(path.toLocal8Bit().constData()) == 0)
            done << QStringLiteral("removed the unfinished manifest %1").arg(info.fileName());
    }
    for (const QFileInfo& info : partials) {
        const QString path = info.absoluteFilePath();
        if (path.endsWith(QLatin1String(".manifest.json.partial")) || !QFileInfo::exists(path))
            continue;
        const bool schemaPartial = path.endsWith(QLatin1String(".schema.json.partial")) &&
                                   head(path, 4096).contains(SchemaSnapshot::formatName);
        if ((!schemaPartial && !looksLikeOurDump(path, info.size())) || !isUnlocked(path))
            continue;
        if (::unlink(path.toLocal8Bit().constData()) == 0)
            done << QStringLiteral("removed the unfinished backup %1 (%2)")
                        .arg(info.fileName(), QLocale::c().formattedDataSize(info.size()));
    }
    // The rollback's sidecars are named just before the manifest: without their backup,
    // its manifest and a partial of it (a backup still running), they belong to nothing.
    const QFileInfoList sidecars = QDir(folder).entryInfoList(
        {QStringLiteral("*.schema.json"), QStringLiteral("*.history")}, QDir::Files | QDir::Hidden);
    for (const QFileInfo& info : sidecars) {
        const QString path = info.absoluteFilePath();
        const QString dumpFile = path.left(path.lastIndexOf(path.endsWith(QLatin1String(".history"))
                                                                ? QLatin1String(".history")
                                                                : QLatin1String(".schema.json")));
        if (QFileInfo::exists(dumpFile) || QFileInfo::exists(manifestPath(dumpFile)) ||
            QFileInfo::exists(partialPath(dumpFile)))
            continue;
        if (::unlink(QFile::encodeName(path).constData()) == 0)
            done << QStringLiteral("removed %1, left by a backup that was never finished")
                        .arg(info.fileName());
    }
    return done;
}

Result<QString> BackupFiles::sha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read it: %1").arg(file.errorString()), path);
    Sha256 hash;
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(block.data(), block.size());
        if (n < 0)
            return makeError(QStringLiteral("cannot read it: %1").arg(file.errorString()), path);
        if (n == 0)
            break;
        hash.addData(QByteArrayView(block.constData(), n));
    }
    return QString::fromLatin1(hash.hexDigest());
}

Result<qint64> BackupFiles::freeBytes(const QString& folder)
{
    struct statvfs info
    {
    };
    if (::statvfs(folder.toLocal8Bit().constData(), &info) != 0)
        return makeError(QStringLiteral("cannot read the free space: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(errno))),
                         folder, QStringLiteral("Check that the folder exists."));
    return qint64(info.f_bavail) * qint64(info.f_frsize);
}

bool BackupFiles::enoughSpace(qint64 freeBytes, qint64 databaseBytes)
{
    return freeBytes >= databaseBytes + 64LL * 1024 * 1024;
}

Status BackupFiles::checkSpace(const QString& folder, qint64 databaseBytes)
{
    const auto free = freeBytes(folder);
    if (!free)
        return free.error();
    if (enoughSpace(free.value(), databaseBytes))
        return {};
    const QLocale c = QLocale::c();
    return makeError(
        QStringLiteral("not enough free space: %1 free, the database holds %2")
            .arg(c.formattedDataSize(free.value()), c.formattedDataSize(databaseBytes)),
        folder,
        QStringLiteral("Free some space or choose a folder on a disk with at least %1 "
                       "free.")
            .arg(c.formattedDataSize(databaseBytes + 64LL * 1024 * 1024)));
}

} // namespace omu
