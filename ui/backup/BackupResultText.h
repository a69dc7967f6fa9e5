#pragma once

#include "backup/BackupRestorer.h"
#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "connection/InspectionReport.h"
#include "journal/JournalProgress.h"

#include <QString>

namespace omu::ui::backuptext {

// What a backup (written, then checked) or a restore left, filled by the worker.
struct BackupRun
{
    BackupOutcome backup;
    std::optional<VerifyReport> verify;
    RestoreOutcome restored;
};

// The OpenMetadata version the inspection found, as the source line shows it.
QString versionText(const std::optional<InspectionReport>& inspection);
// The database about to be backed up: name, OpenMetadata version, size.
QString sourceHtml(const QString& displayName, const QString& openMetadataVersion, qint64 bytes);
// The progress panel's last line, and how the run ended (a backup ends with its check).
QString backupEndingSummary(const BackupOutcome& backup, const std::optional<VerifyReport>& verify,
                            Ending* ending);
QString restoreEndingSummary(const RestoreOutcome& restored);
// A backup that was cancelled or failed ("" when it was written), its state in `state`.
QString backupProblemHtml(const BackupOutcome& backup, QString* state);
// "✗ title", the error where it happened, and what to do.
QString errorHtml(const QString& title, const Error& error);
// The file, its size and checksum, for the backup's result.
QString backupSummary(const BackupOutcome& backup);
// A backup written but not verified ("stale" when the check was cancelled, in `state`).
QString unverifiedHtml(const QString& summary, const VerifyReport& verify, QString* state);
// A verified backup, whether it was recorded, and the writer's notes.
QString verifiedHtml(const QString& summary, const VerifyReport& verify,
                     const BackupOutcome& backup, const Status& journaled);
// A restore that succeeded, into `target`.
QString restoredHtml(const RestoreOutcome& restored, const QString& target, bool journaled);
// A restore that did not succeed ("stale" when cancelled, "failed" otherwise, in `state`).
QString restoreProblemHtml(const RestoreOutcome& restored, QString* state);

// A verified backup of this database at this version, found in the journal.
QString reusedHtml(const JournalProgress::BackupRecord& record);
// A backup or restore under way, and what stopping it leaves (for the leave dialog).
QString runningText(bool restoring);

} // namespace omu::ui::backuptext
