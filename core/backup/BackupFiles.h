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
    // Beside the backup, for a rollback (see BackupManifest::schemaFile, historyFile).
    static QString schemaPath(const QString& file) { return file + QStringLiteral(".schema.json"); }
    static QString historyPath(const QString& file) { return file + QStringLiteral(".history"); }
    // Lower-case hex SHA-256 of a whole file.
    static Result<QString> sha256(const QString& path);
    // A plain file name for a new backup: no folder, no line break or other control
    // character, not one of the names reserved for partials and manifests.
    static bool isUsableName(const QString& name);

    // Removes what an interrupted backup left in `folder`: `.partial` files that are ours
    // (they start like a backup or a manifest) and that no running backup holds locked.
    // A backup cut off between naming its manifest and naming itself is finished if its
    // partial matches the manifest, otherwise both are removed (as is a manifest left
    // with neither its backup nor a partial); the same for the older order, a file named
    // but not its manifest. Returns one line per file handled, for the log.
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
