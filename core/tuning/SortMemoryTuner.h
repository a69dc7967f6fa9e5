#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"
#include "journal/UpgradeJournal.h"
#include "TuningOutcome.h"
#include "TuningReport.h"
#include "TuningRoute.h"

#include <optional>

namespace omu {

// The tuning step: show sort_buffer_size / work_mem, apply a value so that it reaches the
// migration's own connections, and put back exactly what was there.
//
// The original state is written to the deployment's UpgradeJournal (step "tuning") before
// anything changes, so revert works from a fresh process after a crash, or days later.
// Every call opens its own sessions through DatabaseConnector and checks its result
// through a brand-new connection as the profile's user (the migration's user), so the
// calls may run on any worker thread. Nothing here throws or prints.
class SortMemoryTuner
{
public:
    explicit SortMemoryTuner(ConnectionProfile profile, QString dataFolder = {});

    // A managed service already recognised (the inspection's); skips detecting it again.
    // Tests use it to stand in for a service this machine cannot run.
    void setManagedService(const ManagedService& service) { m_managed = service; }

    Result<TuningReport> show() const;

    // Sets `bytes` (the recommendation when empty). Refuses, before touching anything,
    // values outside the limits, users without the privilege, and managed MySQL services,
    // each with what to do instead. Applying again keeps the first original.
    Result<TuningOutcome> apply(std::optional<qint64> bytes = std::nullopt,
                                TuningScope scope = TuningScope::Automatic) const;

    // Puts back the original of the change the journal holds, then checks it through a
    // new connection. Safe to repeat: with nothing pending it reports so and does nothing.
    // If someone else changed the value since, it refuses unless `force`.
    Result<TuningOutcome> revert(bool force = false) const;

    // The change applied and not reverted yet, from the journal.
    Result<std::optional<TuningChange>> pendingChange() const;
    UpgradeJournal journal() const;

private:
    ConnectionProfile m_profile;
    QString m_dataFolder;
    std::optional<ManagedService> m_managed;
};

} // namespace omu
