#include "JournalProgress.h"

namespace omu {

namespace {

bool isOneOf(const QString& value, std::initializer_list<const char*> names)
{
    for (const char* name : names)
        if (value == QLatin1String(name))
            return true;
    return false;
}

} // namespace

QString JournalProgress::migrationStateName(MigrationState state)
{
    switch (state) {
    case MigrationState::NotStarted:
        return QStringLiteral("not-started");
    case MigrationState::Interrupted:
        return QStringLiteral("interrupted");
    case MigrationState::Succeeded:
        return QStringLiteral("succeeded");
    case MigrationState::Failed:
        return QStringLiteral("failed");
    case MigrationState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

JournalProgress JournalProgress::from(const QList<UpgradeJournal::Entry>& entries)
{
    JournalProgress progress;
    for (const auto& entry : entries) {
        if (entry.step == QLatin1String("backup") &&
            isOneOf(entry.event, {"verified", "acknowledged"})) {
            progress.backup = entry;
            progress.firstMigrationStart.reset(); // a new backup is the new way back
        } else if (entry.step == QLatin1String("tuning") &&
                   isOneOf(entry.event, {"applying", "applied", "reverted", "skipped"})) {
            // "applied" after its own "applying" keeps the pair's meaning; keep the newest.
            progress.tuning = entry;
        } else if (entry.step == QLatin1String("review") &&
                   entry.event == QLatin1String("completed")) {
            progress.review = entry;
        } else if (entry.step == QLatin1String("migration") &&
                   entry.event == QLatin1String("started")) {
            progress.migrationStarted = entry;
            progress.migrationFinished.reset();
            progress.migration = MigrationState::Interrupted;
            if (!progress.firstMigrationStart)
                progress.firstMigrationStart = entry;
        } else if (entry.step == QLatin1String("migration") &&
                   entry.event == QLatin1String("finished")) {
            progress.migrationFinished = entry;
            const QString ending = entry.data.value(QStringLiteral("ending")).toString();
            progress.migration = ending == QLatin1String("succeeded")   ? MigrationState::Succeeded
                                 : ending == QLatin1String("cancelled") ? MigrationState::Cancelled
                                                                        : MigrationState::Failed;
        } else if (entry.step == QLatin1String("after") &&
                   entry.event == QLatin1String("verified")) {
            progress.afterVerified = entry;
        }
    }
    return progress;
}

Result<JournalProgress> JournalProgress::read(const UpgradeJournal& journal)
{
    const auto entries = journal.entries();
    if (!entries)
        return entries.error();
    return from(entries.value());
}

bool JournalProgress::tuningToRevert() const
{
    return tuning && isOneOf(tuning->event, {"applying", "applied"});
}

bool JournalProgress::tuningSkipped() const
{
    return tuning && tuning->event == QLatin1String("skipped") &&
           !tuning->data.value(QStringLiteral("reason")).toString().trimmed().isEmpty();
}

QJsonObject JournalProgress::tuningChange() const
{
    if (!tuning)
        return {};
    const QJsonObject change = tuning->data.value(QStringLiteral("change")).toObject();
    return change.isEmpty() ? tuning->data : change;
}

QString JournalProgress::resumeStep() const
{
    switch (migration) {
    case MigrationState::Interrupted:
    case MigrationState::Failed:
    case MigrationState::Cancelled:
        return QStringLiteral("migration");
    case MigrationState::Succeeded:
        return afterVerified && !tuningToRevert() ? QStringLiteral("done")
                                                  : QStringLiteral("after");
    case MigrationState::NotStarted:
        break;
    }
    if (!backup)
        return QStringLiteral("backup");
    if (!tuning || (!tuningToRevert() && !tuningSkipped()))
        return QStringLiteral("tuning");
    if (!review)
        return QStringLiteral("review");
    return QStringLiteral("migration");
}

} // namespace omu
