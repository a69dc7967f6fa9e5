#include "LeftToDo.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>

namespace omu {

namespace {

// "2026-11-24 14:39 UTC": the journal's time as people read it, in any front end.
QString readableTime(const QString& iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : iso;
}

QString wayBackText(const JournalProgress& progress)
{
    const auto backup = progress.backupRecord();
    if (!backup)
        return QStringLiteral("No backup is on record for this database.");
    if (!backup->verified)
        return QStringLiteral("The way back is your own backup: %1.").arg(backup->description);
    return QStringLiteral("The way back is the verified backup %1 (OpenMetadata %2, %3).")
        .arg(backup->file,
             backup->openMetadataVersion.isEmpty() ? QStringLiteral("1.0.x or older")
                                                   : backup->openMetadataVersion,
             readableTime(backup->time));
}

LeftToDo::Item migrationItem(const JournalProgress& progress)
{
    using State = JournalProgress::MigrationState;
    const auto start = progress.lastMigrationStart();
    const QString target = start ? start->target : QString();
    const QString when = start ? readableTime(start->time) : QString();
    const QStringList confirmed = progress.confirmedVersions();
    const QString applied =
        confirmed.isEmpty()
            ? QStringLiteral("no version of it is recorded as applied, but a version under way "
                             "may have changed tables")
            : QStringLiteral("%1 recorded as applied").arg(confirmed.join(QStringLiteral(", ")));
    QString state;
    switch (progress.migration) {
    case State::Interrupted:
        state = QStringLiteral("The migration to %1 started %2 did not finish: the wizard or the "
                               "machine stopped while it ran, so the database may hold part of "
                               "it.")
                    .arg(target, when);
        break;
    case State::Failed:
        state =
            QStringLiteral("The migration to %1 started %2 failed: %3.").arg(target, when, applied);
        break;
    default:
        state = QStringLiteral("The migration to %1 started %2 was cancelled: %3.")
                    .arg(target, when, applied);
        break;
    }
    return {LeftToDo::Kind::FinishMigration, state,
            QStringLiteral("Next time omupgrade opens on the Migration step: it reads what is "
                           "applied, then offers to finish the migration, repair it or restore "
                           "the backup.")};
}

} // namespace

bool LeftToDo::has(Kind kind) const
{
    return std::any_of(items.cbegin(), items.cend(),
                       [kind](const Item& item) { return item.kind == kind; });
}

QString LeftToDo::stateText() const
{
    QStringList lines;
    for (const Item& item : items)
        lines << item.state;
    return lines.join(QLatin1Char('\n'));
}

QString LeftToDo::nextText() const
{
    QStringList lines;
    for (const Item& item : items)
        lines << item.next;
    return lines.join(QLatin1Char('\n'));
}

LeftToDo LeftToDo::from(const JournalProgress& progress)
{
    using State = JournalProgress::MigrationState;
    using Step = JournalProgress::Step;
    LeftToDo left;
    const bool migrationLeft = progress.migration == State::Interrupted ||
                               progress.migration == State::Failed ||
                               progress.migration == State::Cancelled;
    if (migrationLeft) {
        left.items << migrationItem(progress);
        left.resumeAt = Step::Migration;
    } else if (progress.migration == State::Succeeded && !progress.afterVerified) {
        left.items << Item{Kind::FinishAfter,
                           QStringLiteral("The database was migrated to %1; the After step has "
                                          "not verified it yet.")
                               .arg(progress.migrationTarget()),
                           QStringLiteral("Next time omupgrade opens on the After step: it reads "
                                          "the database's version, then helps reindex and "
                                          "redeploy.")};
        left.resumeAt = Step::After;
    }
    if (progress.tuningToRevert()) {
        const auto tuning = progress.tuningSummary();
        left.tuningParameter = tuning.parameter;
        const QString next =
            progress.migration == State::NotStarted
                ? QStringLiteral("Next time omupgrade opens on the Tuning step, where %1 can be "
                                 "put back or kept for the migration. `omupgrade tune revert` "
                                 "puts it back now.")
                : QStringLiteral("%1 stays raised for the migration; the After step puts it back "
                                 "once the database holds the target. `omupgrade tune revert` "
                                 "puts it back now.");
        left.items << Item{Kind::RevertTuning,
                           QStringLiteral("%1 is still raised to %2 (it was %3).")
                               .arg(tuning.parameter, tuning.applied, tuning.original),
                           next.arg(tuning.parameter)};
        if (left.resumeAt == Step::Done)
            left.resumeAt = progress.migration == State::Succeeded ? Step::After : Step::Tuning;
    }
    if (!left.isEmpty())
        left.wayBack = wayBackText(progress);
    return left;
}

QString LeftToDo::wayBackFor(const JournalProgress& progress)
{
    return wayBackText(progress);
}

Result<LeftToDo> LeftToDo::forDeployment(const ConnectionProfile& profile,
                                         const QString& dataFolder)
{
    const auto progress = JournalProgress::forDeployment(profile, dataFolder);
    if (!progress)
        return progress.error();
    return from(progress.value());
}

QList<DeploymentLeft> LeftToDo::inDataFolder(const QString& dataFolder)
{
    QList<DeploymentLeft> deployments;
    const QDir folder(UpgradeJournal::deploymentsFolder(dataFolder));
    for (const QString& id : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const UpgradeJournal journal(folder.filePath(id + QStringLiteral("/journal.jsonl")));
        const auto progress = JournalProgress::read(journal);
        if (!progress)
            continue; // no journal in it: nothing recorded, nothing left
        LeftToDo left = from(progress.value());
        if (!left.isEmpty())
            deployments << DeploymentLeft{id, left};
    }
    return deployments;
}

} // namespace omu
