#include "MigrationRecorder.h"

#include "journal/JournalNames.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace omu {

namespace {

QJsonArray pendingVersions(const MigrationPlan& plan)
{
    QJsonArray versions;
    for (const auto& pending : plan.pending)
        versions.append(pending.version.toString());
    return versions;
}

QJsonValue versionOrNull(const Version& version)
{
    return version.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(version.toString());
}

} // namespace

Status MigrationRecorder::started(const MigrationPlan& plan, const ToolCommandLine& command,
                                  const QString& logFile, const QString& serverUrl) const
{
    QJsonObject data{{QStringLiteral("current"), versionOrNull(plan.current)},
                     {QStringLiteral("target"), plan.target.toString()},
                     {QStringLiteral("targetSchema"), versionOrNull(plan.targetSchema)},
                     {QStringLiteral("pending"), pendingVersions(plan)},
                     {QStringLiteral("distribution"), plan.distributionRoot},
                     {QStringLiteral("mode"), migrationModeName(command.mode)},
                     {QStringLiteral("force"),
                      command.force || command.arguments.contains(QStringLiteral("--force"))},
                     {QStringLiteral("command"), command.display()},
                     {QStringLiteral("logFile"), logFile}};
    if (!serverUrl.isEmpty())
        data.insert(QStringLiteral("serverUrl"), serverUrl);
    return record(journal::step::migration, journal::event::started, data);
}

Status MigrationRecorder::ended(const MigrationOutcome& outcome) const
{
    QJsonObject data = outcome.toJson();
    data.remove(QStringLiteral("versions"));
    QJsonArray versions;
    for (const auto& version : outcome.versions) {
        QJsonObject json{{QStringLiteral("version"), version.version},
                         {QStringLiteral("state"), VersionProgress::stateName(version.state)},
                         {QStringLiteral("confirmed"), version.confirmed}};
        // The tool's own time for the version (its log), for the report's durations.
        if (version.startedAt.isValid())
            json.insert(QStringLiteral("startedAt"),
                        version.startedAt.toUTC().toString(Qt::ISODateWithMs));
        if (version.endedAt.isValid())
            json.insert(QStringLiteral("endedAt"),
                        version.endedAt.toUTC().toString(Qt::ISODateWithMs));
        if (version.seconds() >= 0)
            json.insert(QStringLiteral("seconds"), version.seconds());
        if (!version.detail.isEmpty())
            json.insert(QStringLiteral("detail"), version.detail);
        versions.append(json);
    }
    data.insert(QStringLiteral("versions"), versions);
    return record(journal::step::migration, journal::event::finished, data);
}

Status MigrationRecorder::repaired(const MigrationOutcome& outcome) const
{
    return record(journal::step::migration, journal::event::repair,
                  {{QStringLiteral("ending"), endingName(outcome.ending)},
                   {QStringLiteral("exitCode"), outcome.exitCode}});
}

QString MigrationRecorder::newLogFile() const
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    return QDir(QFileInfo(journal().path()).absolutePath())
        .filePath(QStringLiteral("migration-%1.log").arg(stamp));
}

} // namespace omu
