#pragma once

#include "UpgradeJournal.h"

namespace omu {

// What every step's recorder shares: the deployment's journal and one way to add an entry
// to it. Each step has its own recorder (BackupRecorder, TuningRecorder, ReviewRecorder,
// MigrationRecorder, AfterRecorder) with one typed call per event, so the wizard and the
// command line write the same entries and nothing outside core spells a name.
class JournalRecorder
{
public:
    explicit JournalRecorder(UpgradeJournal journal) : m_journal(std::move(journal)) {}
    // The journal of this deployment under `dataFolder` (empty: the user's data folder).
    JournalRecorder(const ConnectionProfile& profile, const QString& dataFolder)
        : m_journal(UpgradeJournal::forDeployment(profile, dataFolder))
    {
    }

    const UpgradeJournal& journal() const { return m_journal; }

protected:
    Status record(const char* step, const char* event, const QJsonObject& data) const
    {
        UpgradeJournal journal = m_journal;
        return journal.append(QLatin1String(step), QLatin1String(event), data);
    }

private:
    UpgradeJournal m_journal;
};

} // namespace omu
