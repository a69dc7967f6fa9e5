#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// What `<file>.manifest.json` says about a backup file. Per table: the rows (INSERT lines)
// and the SHA-256 of that table's lines (its TRUNCATE line and its INSERT lines, each with
// its newline), so verify can name the table that differs. "complete": true is the last
// member written; a manifest without it does not vouch for anything.
struct BackupManifest
{
    struct Table
    {
        QString name;    // as the catalog stores it
        QString sqlName; // as written in the file
        QString style;   // "copied-whole", "entity", "columns"
        QStringList columns;
        qint64 rows = 0;
        qint64 bytes = 0;
        QString sha256;
    };

    // A file beside the backup that a rollback needs (the schema, the history tables' rows).
    struct Sidecar
    {
        QString file; // name, without folder
        qint64 bytes = 0;
        QString sha256;
    };

    static constexpr const char* formatName = "omupgrade-backup";
    static constexpr int currentFormatVersion = 1;

    int formatVersion = currentFormatVersion;
    QString toolVersion;
    QString engine; // "mysql" or "postgres"
    QString serverFlavour;
    QString serverVersion;
    QString openMetadataVersion; // "" for 1.0.x and older
    QString database;
    QString schema; // PostgreSQL only
    QString source; // "postgres://user@host:port/db", never a password
    QString file;   // the backup's file name, without folder
    QString startedAt;
    QString finishedAt;
    double seconds = 0;
    QString snapshot; // how consistency was obtained, for the record
    QList<Table> tables;
    QStringList skippedTables;
    qint64 rows = 0;
    qint64 bytes = 0;
    QString sha256;
    // What rollback and restore into a new database read, from the same snapshot: the
    // schema as the server described it (SchemaSnapshot) and the rows of the tables the
    // official format leaves out, in the same line format. Empty in older backups.
    Sidecar schemaFile;
    Sidecar historyFile;
    QList<Table> historyTables;
    bool complete = false;

    bool hasRollbackData() const
    {
        return !schemaFile.file.isEmpty() && !historyFile.file.isEmpty();
    }
    const Table* findTable(const QString& sqlName) const;

    // Indented JSON with "complete" as the last member.
    QByteArray toJson() const;
    static Result<BackupManifest> fromJson(const QByteArray& json, const QString& where);
    static Result<BackupManifest> load(const QString& path);
};

} // namespace omu
