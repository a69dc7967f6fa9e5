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
// The names are in JournalNames.h, the format in JOURNAL.md beside it.
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
    // The newest tuning change as people read it ("not set (the server's default)" for an
    // original that was not set).
    struct TuningSummary
    {
        QString parameter;
        QString applied;
        QString original;
        bool reverted = false; // the newest tuning entry is its revert
    };
    TuningSummary tuningSummary() const;

    // The newest backup on record as typed facts.
    struct BackupRecord
    {
        bool verified = false; // read back against its manifest; false: the user's own
        QString time;          // ISO 8601, UTC
        QString file;          // a verified backup's file
        QString description;   // the user's own backup, in their words
        QString sha256;
        QString openMetadataVersion;
        qint64 rows = 0;
        qint64 bytes = 0;
        bool deep = false;
    };
    std::optional<BackupRecord> backupRecord() const;
    // The newest verified backup when it holds `openMetadataVersion` and its file is still
    // there with the size on record: the Backup step need not take another.
    std::optional<BackupRecord> reusableBackup(const QString& openMetadataVersion) const;
    // The versions the newest finished migration saw recorded in SERVER_CHANGE_LOG.
    QStringList confirmedVersions() const;

    // The newest migration start as typed facts, so no front end parses entry JSON.
    struct MigrationStart
    {
        QString time; // ISO 8601, UTC
        QString current;
        QString target;
        QString targetSchema; // the newest migration the target ships ("" in older journals)
        QString distribution;
        QString mode; // migrationModeName()
        QString serverUrl;
    };
    std::optional<MigrationStart> lastMigrationStart() const;
    // The target of the newest migration start ("" when none ran).
    QString migrationTarget() const;
    // The newest migration that target ships, as the migration's plan found it ("" when
    // the journal does not say).
    QString migrationTargetSchema() const;

    // The step to resume at, and its name: "backup", "tuning", "review", "migration",
    // "after", "done".
    enum class Step
    {
        Backup,
        Tuning,
        Review,
        Migration,
        After,
        Done,
    };
    Step resumeAt() const;
    QString resumeStep() const;
    static QString migrationStateName(MigrationState state);

    static JournalProgress from(const QList<UpgradeJournal::Entry>& entries);
    static Result<JournalProgress> read(const UpgradeJournal& journal);
    static Result<JournalProgress> forDeployment(const ConnectionProfile& profile,
                                                 const QString& dataFolder);
};

} // namespace omu
