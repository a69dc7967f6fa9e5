#include "BackupRecorder.h"

#include "journal/JournalNames.h"

namespace omu {

Status BackupRecorder::verified(const QString& file, const BackupManifest& manifest, bool deep,
                                const QString& by) const
{
    QJsonObject data{{QStringLiteral("file"), file},
                     {QStringLiteral("sha256"), manifest.sha256},
                     {QStringLiteral("openMetadataVersion"), manifest.openMetadataVersion},
                     {QStringLiteral("tables"), manifest.tables.size()},
                     {QStringLiteral("rows"), manifest.rows},
                     {QStringLiteral("bytes"), manifest.bytes},
                     {QStringLiteral("deep"), deep},
                     {QStringLiteral("by"), by}};
    // How long the backup itself took (the report's duration, not time on a page).
    if (!manifest.startedAt.isEmpty()) {
        data.insert(QStringLiteral("startedAt"), manifest.startedAt);
        data.insert(QStringLiteral("finishedAt"), manifest.finishedAt);
        data.insert(QStringLiteral("seconds"), manifest.seconds);
    }
    if (!manifest.snapshot.isEmpty())
        data.insert(QStringLiteral("snapshot"), manifest.snapshot);
    return record(journal::step::backup, journal::event::verified, data);
}

Status BackupRecorder::acknowledged(const QString& description, const QString& openMetadataVersion,
                                    const QString& by) const
{
    QJsonObject data{{QStringLiteral("description"), description}, {QStringLiteral("by"), by}};
    if (!openMetadataVersion.isEmpty())
        data.insert(QStringLiteral("openMetadataVersion"), openMetadataVersion);
    return record(journal::step::backup, journal::event::acknowledged, data);
}

Status BackupRecorder::restored(const QString& file, qint64 rows, bool fileVerified,
                                const QString& openMetadataVersion) const
{
    return record(journal::step::backup, journal::event::restored,
                  {{QStringLiteral("file"), file},
                   {QStringLiteral("rows"), rows},
                   {QStringLiteral("verified"), fileVerified},
                   {QStringLiteral("openMetadataVersion"), openMetadataVersion}});
}

} // namespace omu
