#pragma once

#include "journal/JournalRecorder.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace omu {

// The rollback's journal entries (step "rollback"): started (with the names of the
// scratch and the failed state), built, verified, swapped, finished. A rollback that
// started and did not finish is pending: the next run reads it to finish or clean up.
class RollbackRecorder : public JournalRecorder
{
public:
    using JournalRecorder::JournalRecorder;

    struct Pending
    {
        QString file;
        QString scratch;
        QString failed;
        bool keepFailed = true;
        bool swapped = false; // the journal saw the swap (the database may have seen it too)
    };

    Status started(const QString& file, const QString& toVersion, const QString& fromVersion,
                   const QString& scratch, const QString& failed, bool keepFailed,
                   const QString& by) const;
    Status built(const QString& scratch, double seconds) const;
    Status verified(const QString& scratch) const;
    Status swapped(const QString& live, const QString& failed) const;
    // `data`: ending, verified, version, failedKeptAs, tuning, message.
    Status finished(const QJsonObject& data) const;

    // The newest rollback that started and did not finish, if any.
    std::optional<Pending> pending() const;
};

} // namespace omu
