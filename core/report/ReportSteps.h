#pragma once

#include "journal/UpgradeJournal.h"
#include "ReportSection.h"

#include <optional>

namespace omu {

// Each step of the upgrade as a report section, read from the journal's entries (oldest
// first). A step that did not run says so. Only the newest migration run counts for the
// migration, its log and the After checks: older runs are history.
class ReportSteps
{
public:
    using Entry = UpgradeJournal::Entry;

    explicit ReportSteps(QList<Entry> entries);

    ReportSection backup() const;
    ReportSection tuning() const;
    ReportSection review() const;
    ReportSection migration() const;
    ReportSection after() const;
    // Restores and rollback steps after the migration started; none: nullopt.
    std::optional<ReportSection> rollback() const;
    ReportSection logTail(int lines) const;

    // What the summary needs.
    const std::optional<Entry>& migrationStart() const { return m_start; }
    const std::optional<Entry>& migrationEnd() const { return m_end; }
    // The newest After check of the database ("verified" / "verify-failed") after the run.
    const std::optional<Entry>& databaseCheck() const { return m_check; }
    const std::optional<Entry>& newestBackup() const { return m_backup; }
    // A restore of the backup recorded after the newest migration start.
    const std::optional<Entry>& restoreAfterRun() const { return m_restore; }
    // The rollback step (core/rollback) after the newest migration start: its newest
    // "started" and the "finished" after it, if any.
    const std::optional<Entry>& rollbackStart() const { return m_rollbackStart; }
    const std::optional<Entry>& rollbackEnd() const { return m_rollbackEnd; }
    // The release before the upgrade and the target, as far as the journal tells.
    QString fromVersion() const;
    QString toVersion() const;
    double backupSeconds() const; // negative when not recorded
    double migrationSeconds() const;

private:
    // Entries of `step` (and one of `events`, when given) from index `from` on.
    QList<Entry> select(const char* step, std::initializer_list<const char*> events = {},
                        qsizetype from = 0) const;
    std::optional<Entry> newest(const char* step, std::initializer_list<const char*> events = {},
                                qsizetype from = 0) const;

    QList<Entry> m_entries;
    qsizetype m_runIndex = 0; // the newest migration start (0 when none)
    std::optional<Entry> m_start;
    std::optional<Entry> m_end;
    std::optional<Entry> m_check;
    std::optional<Entry> m_backup;
    std::optional<Entry> m_restore;
    std::optional<Entry> m_rollbackStart;
    std::optional<Entry> m_rollbackEnd;
};

} // namespace omu
