#include "RollbackOffer.h"

#include "backup/BackupFiles.h"
#include "backup/BackupManifest.h"
#include "journal/JournalNames.h"
#include "journal/JournalProgress.h"
#include "RollbackRecorder.h"

#include <QFileInfo>

namespace omu {

RollbackOffer RollbackOffer::find(const ConnectionProfile& profile, const QString& dataFolder)
{
    RollbackOffer offer;
    offer.pending = RollbackRecorder(profile, dataFolder).pending().has_value();
    const auto progress = JournalProgress::forDeployment(profile, dataFolder);
    if (progress) {
        const auto state = progress.value().migration;
        offer.migrationUnfinished = state == JournalProgress::MigrationState::Failed ||
                                    state == JournalProgress::MigrationState::Cancelled ||
                                    state == JournalProgress::MigrationState::Interrupted;
    }
    if (!progress || !progress.value().backup ||
        progress.value().backup->event != QLatin1String(journal::event::verified)) {
        offer.reason = QStringLiteral("There is no verified backup of this database in the "
                                      "journal: the way back is your own backup.");
        return offer;
    }
    const QJsonObject data = progress.value().backup->data;
    offer.backupTime = progress.value().backup->time;
    if (const auto started = progress.value().lastMigrationStart())
        offer.serverUrl = started->serverUrl;
    offer.file = data.value(QStringLiteral("file")).toString();
    offer.version = data.value(QStringLiteral("openMetadataVersion")).toString();
    const auto manifest = BackupManifest::load(BackupFiles::manifestPath(offer.file));
    if (!QFileInfo(offer.file).isFile() || !manifest) {
        offer.reason =
            QStringLiteral("The backup %1 is no longer where it was written.").arg(offer.file);
        return offer;
    }
    if (!manifest.value().hasRollbackData()) {
        offer.reason = QStringLiteral("The backup %1 carries no schema (an older omupgrade took "
                                      "it): restore it with `omupgrade restore` into a database "
                                      "at %2.")
                           .arg(offer.file, offer.version);
        return offer;
    }
    offer.available = true;
    return offer;
}

} // namespace omu
