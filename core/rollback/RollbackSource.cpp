#include "RollbackSource.h"

#include "backup/BackupFiles.h"
#include "FileSections.h"

#include <QDir>
#include <QFileInfo>

namespace omu {

QString RollbackSource::containerLabel() const
{
    return manifest.engine == QLatin1String("mysql") ? QStringLiteral("database")
                                                     : QStringLiteral("schema");
}

Result<RollbackSource> RollbackSource::load(const QString& fileIn, const CancelToken& cancel)
{
    const QString file = QFileInfo(fileIn).absoluteFilePath();
    const QString untouched = QStringLiteral("Nothing was changed.");
    if (!QFileInfo(file).isFile())
        return makeError(QStringLiteral("there is no such backup file"), file,
                         QStringLiteral("Give the backup omupgrade took before the upgrade "
                                        "(openmetadata_*_backup.sql)."));
    // The file's own lines are checked against the manifest's hashes while they load (see
    // ParallelLoad), so the file is read once; here only that it is the manifest's size.
    const QString manifestPath = BackupFiles::manifestPath(file);
    if (!QFileInfo::exists(manifestPath))
        return makeError(QStringLiteral("the backup has no manifest, so it cannot be verified "
                                        "and carries no schema"),
                         file,
                         QStringLiteral("%1 A rollback needs a backup taken by omupgrade (with "
                                        "its .manifest.json, .schema.json and .history beside it). "
                                        "`omupgrade restore` replays other backups into a "
                                        "database at the same version.")
                             .arg(untouched));
    auto manifest = BackupManifest::load(manifestPath);
    if (!manifest)
        return manifest.error();
    if (!manifest.value().complete)
        return makeError(
            QStringLiteral("the manifest does not say the backup completed"), manifestPath,
            QStringLiteral("%1 The backup was interrupted; use another one.").arg(untouched));
    if (cancel.isCancelled())
        return makeError(QStringLiteral("cancelled while checking the backup; nothing was "
                                        "changed"));
    if (auto sections = FileSections::fromManifest(manifest.value(), file); !sections)
        return sections.error();
    RollbackSource source;
    source.file = file;
    source.manifest = manifest.value();
    if (!source.manifest.hasRollbackData())
        return makeError(QStringLiteral("the backup carries no schema (it was taken by an older "
                                        "omupgrade, or by OpenMetadata's own backup)"),
                         file,
                         QStringLiteral("%1 Only a backup taken by omupgrade %2 or later can roll "
                                        "back a failed upgrade; restore this one with `omupgrade "
                                        "restore` into a database at the version it came from.")
                             .arg(untouched, QStringLiteral(OMU_VERSION)));
    const QDir folder = QFileInfo(file).dir();
    auto check = [&](const BackupManifest::Sidecar& sidecar, QString& path) -> Status {
        path = folder.filePath(sidecar.file);
        if (sidecar.file.contains(QLatin1Char('/')) || !QFileInfo(path).isFile())
            return makeError(QStringLiteral("%1 is missing").arg(sidecar.file), folder.path(),
                             QStringLiteral("%1 It is written beside the backup; copy the backup "
                                            "with every file that starts with its name.")
                                 .arg(untouched));
        const auto hash = BackupFiles::sha256(path);
        if (!hash)
            return hash.error();
        if (hash.value() != sidecar.sha256 || QFileInfo(path).size() != sidecar.bytes)
            return makeError(QStringLiteral("%1 does not match the manifest (SHA-256 %2, the "
                                            "manifest says %3)")
                                 .arg(sidecar.file, hash.value(), sidecar.sha256),
                             path,
                             QStringLiteral("%1 It was changed or damaged after the backup; use "
                                            "another backup.")
                                 .arg(untouched));
        return {};
    };
    if (Status status = check(source.manifest.schemaFile, source.schemaFile); !status)
        return status.error();
    if (Status status = check(source.manifest.historyFile, source.historyFile); !status)
        return status.error();
    auto schema = SchemaSnapshot::load(source.schemaFile);
    if (!schema)
        return schema.error();
    source.schema = std::move(schema).value();
    if (source.schema.engine != source.manifest.engine)
        return makeError(QStringLiteral("the schema file is for %1, the backup for %2")
                             .arg(source.schema.engine, source.manifest.engine),
                         source.schemaFile);
    return source;
}

} // namespace omu
