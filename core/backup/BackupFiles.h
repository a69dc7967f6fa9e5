#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace omu {

// Names and housekeeping of backup files in a folder.
class BackupFiles
{
public:
    // openmetadata_YYYYmmddHHMM_backup.sql, as OpenMetadata's own backup names them.
    static QString defaultFileName(const QDateTime& when = QDateTime::currentDateTime());
    static QString partialPath(const QString& file) { return file + QStringLiteral(".partial"); }
    static QString manifestPath(const QString& file)
    {
        return file + QStringLiteral(".manifest.json");
    }

    // Removes what an interrupted backup left in `folder`: `.partial` files that are ours
    // (they start like a backup or a manifest) and that no running backup holds locked.
    // A backup whose file was renamed but whose manifest was not (the last step was cut
    // off) is finished if the file matches the manifest, otherwise the manifest is
    // removed. Returns one line per file handled, for the log.
    static QStringList cleanUpInterrupted(const QString& folder);

    // Bytes available to this user in the folder's file system.
    static Result<qint64> freeBytes(const QString& folder);
    // Whether `freeBytes` is enough for a database of `databaseBytes` (data and indexes,
    // as the catalog reports them: a dump is smaller than that, rarely larger), with 64 MB
    // to spare for the manifest and the rest of the system.
    static bool enoughSpace(qint64 freeBytes, qint64 databaseBytes);
    static Status checkSpace(const QString& folder, qint64 databaseBytes);
};

} // namespace omu
