#include "RollbackRecorder.h"

#include "journal/JournalNames.h"

namespace omu {

Status RollbackRecorder::started(const QString& file, const QString& toVersion,
                                 const QString& fromVersion, const QString& scratch,
                                 const QString& failed, bool keepFailed, const QString& by) const
{
    return record(journal::step::rollback, journal::event::started,
                  {{QStringLiteral("file"), file},
                   {QStringLiteral("to"), toVersion},
                   {QStringLiteral("from"), fromVersion},
                   {QStringLiteral("scratch"), scratch},
                   {QStringLiteral("failed"), failed},
                   {QStringLiteral("keepFailed"), keepFailed},
                   {QStringLiteral("by"), by}});
}

Status RollbackRecorder::built(const QString& scratch, double seconds) const
{
    return record(journal::step::rollback, journal::event::built,
                  {{QStringLiteral("scratch"), scratch}, {QStringLiteral("seconds"), seconds}});
}

Status RollbackRecorder::verified(const QString& scratch) const
{
    return record(journal::step::rollback, journal::event::verified,
                  {{QStringLiteral("scratch"), scratch}});
}

Status RollbackRecorder::swapped(const QString& live, const QString& failed) const
{
    return record(journal::step::rollback, journal::event::swapped,
                  {{QStringLiteral("live"), live}, {QStringLiteral("failed"), failed}});
}

Status RollbackRecorder::finished(const QJsonObject& data) const
{
    return record(journal::step::rollback, journal::event::finished, data);
}

std::optional<RollbackRecorder::Pending> RollbackRecorder::pending() const
{
    const auto entries = journal().entries();
    if (!entries)
        return std::nullopt;
    std::optional<Pending> open;
    for (const UpgradeJournal::Entry& entry : entries.value()) {
        if (entry.step != QLatin1String(journal::step::rollback))
            continue;
        if (entry.event == QLatin1String(journal::event::started)) {
            Pending pending;
            pending.file = entry.data.value(QStringLiteral("file")).toString();
            pending.scratch = entry.data.value(QStringLiteral("scratch")).toString();
            pending.failed = entry.data.value(QStringLiteral("failed")).toString();
            pending.keepFailed = entry.data.value(QStringLiteral("keepFailed")).toBool(true);
            open = pending;
        } else if (entry.event == QLatin1String(journal::event::swapped) && open) {
            open->swapped = true;
        } else if (entry.event == QLatin1String(journal::event::finished)) {
            open.reset();
        }
    }
    return open;
}

} // namespace omu
