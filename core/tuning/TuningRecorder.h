#pragma once

#include "journal/JournalRecorder.h"
#include "TuningChange.h"

namespace omu {

// The tuning step's journal entries (step "tuning"). "applying" holds the original and is
// written before anything changes, so a crash mid-apply still leaves enough to revert.
class TuningRecorder : public JournalRecorder
{
public:
    using JournalRecorder::JournalRecorder;

    Status applying(const TuningChange& change, bool pending) const;
    Status applyFailed(const TuningChange& change, bool pending, const QString& error) const;
    Status applied(const TuningChange& change, bool verified, qint64 verifiedBytes) const;
    Status revertFailed(const TuningChange& change, const QString& error) const;
    Status reverted(const TuningChange& change, bool alreadyOriginal, bool verified,
                    qint64 verifiedBytes) const;
    // Tuning not wanted (a managed database tuned through its parameter group, a small
    // database): the gate accepts it with a reason.
    Status skipped(const QString& reason, const QString& by) const;
};

} // namespace omu
