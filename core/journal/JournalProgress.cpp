#include "JournalProgress.h"

#include "common/ByteSize.h"
#include "JournalNames.h"

#include <QFileInfo>
#include <QJsonArray>

namespace omu {

namespace {

bool is(const QString& value, const char* name)
{
    return value == QLatin1String(name);
}

// One side of a recorded change: {"set": false} or {"value": "20MB", ...}.
QString describeSetting(const QJsonValue& value)
{
    const QJsonObject object = value.toObject();
    if (object.contains(QStringLiteral("set")) && !object.value(QStringLiteral("set")).toBool())
        return QStringLiteral("not set (the server's default)");
    const QString text = object.value(QStringLiteral("value")).toString();
    if (text.isEmpty())
        return QStringLiteral("unknown");
    // MySQL's sort_buffer_size is a number of bytes: said as people read it too.
    bool number = false;
    const qint64 bytes = text.toLongLong(&number);
    return number ? ByteSize::describe(bytes) : text;
}

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
        using namespace journal;
        if (is(entry.step, step::backup) &&
            isOneOf(entry.event, {event::verified, event::acknowledged})) {
            progress.backup = entry;
            progress.firstMigrationStart.reset(); // a new backup is the new way back
        } else if (is(entry.step, step::tuning) &&
                   isOneOf(entry.event,
                           {event::applying, event::applied, event::reverted, event::skipped})) {
            // "applied" after its own "applying" keeps the pair's meaning; keep the newest.
            progress.tuning = entry;
        } else if (is(entry.step, step::review) && is(entry.event, event::completed)) {
            progress.review = entry;
        } else if (is(entry.step, step::migration) && is(entry.event, event::started)) {
            progress.migrationStarted = entry;
            progress.migrationFinished.reset();
            progress.migration = MigrationState::Interrupted;
            if (!progress.firstMigrationStart)
                progress.firstMigrationStart = entry;
        } else if (is(entry.step, step::migration) && is(entry.event, event::finished)) {
            progress.migrationFinished = entry;
            const QString ending = entry.data.value(QStringLiteral("ending")).toString();
            progress.migration = ending == QLatin1String("succeeded")   ? MigrationState::Succeeded
                                 : ending == QLatin1String("cancelled") ? MigrationState::Cancelled
                                                                        : MigrationState::Failed;
        } else if (is(entry.step, step::after) && is(entry.event, event::verified)) {
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

Result<JournalProgress> JournalProgress::forDeployment(const ConnectionProfile& profile,
                                                       const QString& dataFolder)
{
    return read(UpgradeJournal::forDeployment(profile, dataFolder));
}

std::optional<JournalProgress::MigrationStart> JournalProgress::lastMigrationStart() const
{
    if (!migrationStarted)
        return std::nullopt;
    const QJsonObject& data = migrationStarted->data;
    auto text = [&data](const char* key) { return data.value(QLatin1String(key)).toString(); };
    return MigrationStart{migrationStarted->time, text("current"),      text("target"),
                          text("targetSchema"),   text("distribution"), text("mode"),
                          text("serverUrl")};
}

std::optional<JournalProgress::BackupRecord> JournalProgress::backupRecord() const
{
    if (!backup)
        return std::nullopt;
    const QJsonObject& data = backup->data;
    auto text = [&data](const char* key) { return data.value(QLatin1String(key)).toString(); };
    BackupRecord record;
    record.verified = is(backup->event, journal::event::verified);
    record.time = backup->time;
    record.file = text("file");
    record.description = text("description");
    record.sha256 = text("sha256");
    record.openMetadataVersion = text("openMetadataVersion");
    record.rows = qint64(data.value(QStringLiteral("rows")).toDouble());
    record.bytes = qint64(data.value(QStringLiteral("bytes")).toDouble());
    record.deep = data.value(QStringLiteral("deep")).toBool();
    return record;
}

std::optional<JournalProgress::BackupRecord>
JournalProgress::reusableBackup(const QString& openMetadataVersion) const
{
    const auto record = backupRecord();
    if (!record || !record->verified || record->file.isEmpty() ||
        record->openMetadataVersion != openMetadataVersion)
        return std::nullopt;
    const QFileInfo file(record->file);
    if (!file.isFile() || (record->bytes > 0 && file.size() != record->bytes))
        return std::nullopt; // moved, deleted or changed since it was verified
    return record;
}

QStringList JournalProgress::confirmedVersions() const
{
    QStringList versions;
    if (!migrationFinished)
        return versions;
    for (const QJsonValue& value :
         migrationFinished->data.value(QStringLiteral("versions")).toArray())
        if (value.toObject().value(QStringLiteral("confirmed")).toBool())
            versions << value.toObject().value(QStringLiteral("version")).toString();
    return versions;
}

QString JournalProgress::migrationTarget() const
{
    const auto start = lastMigrationStart();
    return start ? start->target : QString();
}

QString JournalProgress::migrationTargetSchema() const
{
    const auto start = lastMigrationStart();
    return start ? start->targetSchema : QString();
}

bool JournalProgress::tuningToRevert() const
{
    return tuning && isOneOf(tuning->event, {journal::event::applying, journal::event::applied});
}

bool JournalProgress::tuningSkipped() const
{
    return tuning && is(tuning->event, journal::event::skipped) &&
           !tuning->data.value(QStringLiteral("reason")).toString().trimmed().isEmpty();
}

JournalProgress::TuningSummary JournalProgress::tuningSummary() const
{
    const QJsonObject change = tuningChange();
    return TuningSummary{change.value(QStringLiteral("parameter")).toString(),
                         describeSetting(change.value(QStringLiteral("applied"))),
                         describeSetting(change.value(QStringLiteral("original"))),
                         tuning && is(tuning->event, journal::event::reverted)};
}

QJsonObject JournalProgress::tuningChange() const
{
    if (!tuning)
        return {};
    const QJsonObject change = tuning->data.value(QStringLiteral("change")).toObject();
    return change.isEmpty() ? tuning->data : change;
}

JournalProgress::Step JournalProgress::resumeAt() const
{
    switch (migration) {
    case MigrationState::Interrupted:
    case MigrationState::Failed:
    case MigrationState::Cancelled:
        return Step::Migration;
    case MigrationState::Succeeded:
        return afterVerified && !tuningToRevert() ? Step::Done : Step::After;
    case MigrationState::NotStarted:
        break;
    }
    if (!backup)
        return Step::Backup;
    if (!tuning || (!tuningToRevert() && !tuningSkipped()))
        return Step::Tuning;
    if (!review)
        return Step::Review;
    return Step::Migration;
}

QString JournalProgress::resumeStep() const
{
    switch (resumeAt()) {
    case Step::Backup:
        return QLatin1String(journal::step::backup);
    case Step::Tuning:
        return QLatin1String(journal::step::tuning);
    case Step::Review:
        return QLatin1String(journal::step::review);
    case Step::Migration:
        return QLatin1String(journal::step::migration);
    case Step::After:
        return QLatin1String(journal::step::after);
    case Step::Done:
        break;
    }
    return QStringLiteral("done");
}

} // namespace omu
