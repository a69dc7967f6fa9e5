#pragma once

#include "UpgradeJournal.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace omu {

// Where an upgrade stands, read back from its journal: what was done, what a crash or a
// closed window interrupted, and what is still to put back. The wizard resumes from it;
// the report and the After step read the tuning to revert from it.
//
// Step / event names the steps write (see each step's code):
//   backup     verified {file, sha256, openMetadataVersion, ...} | acknowledged {description}
//   tuning     applying / applied {change: {original, applied, ...}} | reverted | skipped {reason}
//   review     completed {blockers, ...}
//   migration  planned {current, target, pending} | started {...} | finished {ending, ...}
//   after      verified | server-version | reindex | ingestion-commands | report
struct JournalProgress
{
    enum class MigrationState
    {
        NotStarted,
        Interrupted, // started, and no "finished" after it: the wizard or machine died
        Succeeded,
        Failed,
        Cancelled,
    };

    std::optional<UpgradeJournal::Entry> backup; // newest verified / acknowledged
    std::optional<UpgradeJournal::Entry> tuning; // newest applying/applied/reverted/skipped
    std::optional<UpgradeJournal::Entry> review; // newest completed
    std::optional<UpgradeJournal::Entry> migrationStarted;
    std::optional<UpgradeJournal::Entry> migrationFinished; // only when after the start
    // The first migration start after the backup: the version the backup is the way
    // back to, even once later versions are applied.
    std::optional<UpgradeJournal::Entry> firstMigrationStart;
    std::optional<UpgradeJournal::Entry> afterVerified;
    MigrationState migration = MigrationState::NotStarted;

    // A tuning change applied and not reverted (an "applying" whose "applied" never came
    // counts: the original was recorded before anything changed).
    bool tuningToRevert() const;
    // The change as the tuning step recorded it ({original, applied, parameter, ...}).
    QJsonObject tuningChange() const;
    bool tuningSkipped() const;

    // The step to resume at: "backup", "tuning", "review", "migration", "after", "done".
    QString resumeStep() const;
    static QString migrationStateName(MigrationState state);

    static JournalProgress from(const QList<UpgradeJournal::Entry>& entries);
    static Result<JournalProgress> read(const UpgradeJournal& journal);
};

} // namespace omu
