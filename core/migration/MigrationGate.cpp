#include "MigrationGate.h"

#include "common/Version.h"
#include "journal/JournalNames.h"

#include <QDateTime>
#include <QJsonArray>

namespace omu {

bool GateReport::passed() const
{
    for (const auto& condition : conditions)
        if (!condition.passed)
            return false;
    return !conditions.isEmpty();
}

QStringList GateReport::unmet() const
{
    QStringList ids;
    for (const auto& condition : conditions)
        if (!condition.passed)
            ids << condition.id;
    return ids;
}

QJsonObject GateReport::toJson() const
{
    QJsonArray list;
    for (const auto& condition : conditions)
        list.append(QJsonObject{{QStringLiteral("id"), condition.id},
                                {QStringLiteral("passed"), condition.passed},
                                {QStringLiteral("title"), condition.title},
                                {QStringLiteral("detail"), condition.detail},
                                {QStringLiteral("advice"), condition.advice}});
    return QJsonObject{{QStringLiteral("passed"), passed()}, {QStringLiteral("conditions"), list}};
}

namespace {

bool fromCommandLine(const MigrationGate::Inputs& inputs)
{
    return inputs.caller == MigrationGate::Caller::CommandLine;
}

// The review command the user should run, with the target when known.
QString reviewCommand(const MigrationGate::Inputs& inputs)
{
    return QStringLiteral("omupgrade review --to %1")
        .arg(inputs.target.isEmpty() ? QStringLiteral("<target>") : inputs.target);
}

bool isEvent(const QString& value, const char* event)
{
    return value == QLatin1String(event);
}

// A journal time ("2026-11-24T14:39:39.963Z") as people read it.
QString when(const QString& iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : iso;
}

bool sameVersion(const QString& a, const QString& b)
{
    const auto left = Version::parse(a);
    const auto right = Version::parse(b);
    return left && right && *left == *right;
}

GateCondition backupCondition(const MigrationGate::Inputs& inputs)
{
    GateCondition condition{QStringLiteral("backup"),
                            false,
                            QStringLiteral("A verified backup of this database at this version"),
                            {},
                            {}};
    const auto& backup = inputs.progress.backup;
    if (!backup) {
        condition.detail = QStringLiteral("No backup is recorded for this database.");
        condition.advice =
            fromCommandLine(inputs)
                ? QStringLiteral("Run 'omupgrade backup --output DIR' (it is verified against its "
                                 "manifest), or record your own with --own-backup \"where and "
                                 "when\".")
                : QStringLiteral("Go back to Backup and take one (it is verified against its "
                                 "manifest), or record that you have your own.");
        return condition;
    }
    if (isEvent(backup->event, journal::event::acknowledged)) {
        const QString description = backup->data.value(QStringLiteral("description")).toString();
        condition.passed = !description.trimmed().isEmpty();
        condition.detail = condition.passed
                               ? QStringLiteral("Your own backup, recorded %1: %2")
                                     .arg(when(backup->time), description)
                               : QStringLiteral("An own-backup acknowledgement without a "
                                                "description.");
        condition.advice = QStringLiteral("Describe where your backup is and when it was taken.");
        return condition;
    }
    const QString version = backup->data.value(QStringLiteral("openMetadataVersion")).toString();
    const QString file = backup->data.value(QStringLiteral("file")).toString();
    // A retry after a partly successful run: the backup from before the first run is
    // still the way back, although the database has moved on since.
    const QString startedAt =
        inputs.progress.firstMigrationStart
            ? inputs.progress.firstMigrationStart->data.value(QStringLiteral("current")).toString()
            : QString();
    if (sameVersion(version, inputs.databaseVersion) || sameVersion(version, startedAt) ||
        (version.isEmpty() && inputs.databaseVersion.isEmpty())) {
        condition.passed = true;
        condition.detail = QStringLiteral("Verified backup of %1 (%2), %3")
                               .arg(version.isEmpty() ? QStringLiteral("this database") : version,
                                    file, when(backup->time));
    } else {
        condition.detail = QStringLiteral("The verified backup (%1) is of OpenMetadata %2; the "
                                          "database is at %3.")
                               .arg(file, version, inputs.databaseVersion);
        condition.advice =
            fromCommandLine(inputs)
                ? QStringLiteral("A backup only restores onto the version it was taken from: run "
                                 "'omupgrade backup --output DIR' now.")
                : QStringLiteral("A backup only restores onto the version it was taken from: go "
                                 "back to Backup and take a new one now.");
    }
    return condition;
}

GateCondition tuningCondition(const MigrationGate::Inputs& inputs)
{
    GateCondition condition{QStringLiteral("tuning"),
                            false,
                            QStringLiteral("Sort memory raised for the migration, or skipped with "
                                           "a reason"),
                            {},
                            {}};
    const auto& tuning = inputs.progress.tuning;
    condition.advice =
        fromCommandLine(inputs)
            ? QStringLiteral("Run 'omupgrade tune apply' (the recommended value), or add "
                             "--skip-tuning \"why\" (e.g. a managed database set through its "
                             "parameter group).")
            : QStringLiteral("Go back to Tuning: apply the recommended value, or skip it and say "
                             "why (e.g. a managed database set through its parameter group).");
    if (!tuning) {
        condition.detail = QStringLiteral("Tuning was neither applied nor skipped.");
    } else if (isEvent(tuning->event, journal::event::applied)) {
        condition.passed = true;
        const QJsonObject change = inputs.progress.tuningChange();
        condition.detail = QStringLiteral("%1 raised to %2 (%3).")
                               .arg(change.value(QStringLiteral("parameter")).toString(),
                                    change.value(QStringLiteral("applied"))
                                        .toObject()
                                        .value(QStringLiteral("value"))
                                        .toString(),
                                    when(tuning->time));
    } else if (isEvent(tuning->event, journal::event::applying)) {
        condition.detail =
            QStringLiteral("Applying the tuning did not finish (%1).").arg(when(tuning->time));
    } else if (isEvent(tuning->event, journal::event::skipped)) {
        condition.passed = inputs.progress.tuningSkipped();
        condition.detail = condition.passed
                               ? QStringLiteral("Skipped: %1")
                                     .arg(tuning->data.value(QStringLiteral("reason")).toString())
                               : QStringLiteral("Skipped without a reason.");
    } else {
        condition.detail = QStringLiteral("The tuning was reverted (%1).").arg(when(tuning->time));
    }
    return condition;
}

GateCondition reviewCondition(const MigrationGate::Inputs& inputs)
{
    GateCondition condition{
        QStringLiteral("review"), false, QStringLiteral("No open blocker from the review"), {}, {}};
    const auto& review = inputs.progress.review;
    if (!review) {
        condition.detail = QStringLiteral("The review has not been completed.");
        condition.advice =
            fromCommandLine(inputs)
                ? QStringLiteral("Run '%1' for this deployment.").arg(reviewCommand(inputs))
                : QStringLiteral("Go back to Review and run it.");
        return condition;
    }
    const int blockers = review->data.value(QStringLiteral("blockers")).toInt(-1);
    condition.passed = blockers == 0;
    condition.detail =
        blockers < 0 ? QStringLiteral("The review's result does not say how many "
                                      "blockers are open.")
        : blockers == 0
            ? QStringLiteral("Review completed %1: no blocker open.").arg(when(review->time))
            : QStringLiteral("%1 blocker(s) still open.").arg(blockers);
    condition.advice =
        fromCommandLine(inputs)
            ? QStringLiteral("Fix each blocker the review lists (--apply-fixes applies the "
                             "automatic ones), then run '%1' again.")
                  .arg(reviewCommand(inputs))
            : QStringLiteral("Go back to Review: fix each blocker (or acknowledge it) and run the "
                             "review again.");
    return condition;
}

GateCondition serverCondition(const MigrationGate::Inputs& inputs)
{
    GateCondition condition{QStringLiteral("server"),
                            false,
                            QStringLiteral("The OpenMetadata server is stopped"),
                            {},
                            {}};
    condition.advice =
        QStringLiteral("Stop the OpenMetadata server (systemctl stop, docker compose "
                       "stop openmetadata-server, or scale the deployment to 0), then %1.")
            .arg(fromCommandLine(inputs)
                     ? QStringLiteral("run this command again — or add --server-stopped if it "
                                      "cannot be reached from here")
                     : QStringLiteral("check again — or confirm it is stopped if it cannot be "
                                      "reached from here"));
    switch (inputs.server) {
    case MigrationGate::ServerState::NotAnswering:
        condition.passed = true;
        condition.detail =
            QStringLiteral("%1 does not answer (%2).").arg(inputs.serverUrl, inputs.serverDetail);
        break;
    case MigrationGate::ServerState::Answering:
        condition.detail = QStringLiteral("%1 answers: OpenMetadata %2 is running.")
                               .arg(inputs.serverUrl, inputs.serverVersion.isEmpty()
                                                          ? QStringLiteral("(version unknown)")
                                                          : inputs.serverVersion);
        break;
    case MigrationGate::ServerState::NotChecked:
        condition.detail = QStringLiteral("Not checked yet.");
        break;
    }
    if (!condition.passed && inputs.userConfirmedServerStopped) {
        condition.passed = true;
        condition.detail += QStringLiteral(" You confirmed the server is stopped.");
    }
    return condition;
}

GateCondition runningCondition(const MigrationGate::Inputs& inputs)
{
    QStringList processes;
    for (const RunningTool& tool : inputs.runningTools)
        processes << QStringLiteral("pid %1: %2").arg(tool.pid).arg(tool.commandLine);
    return GateCondition{
        QStringLiteral("running"), false,
        QStringLiteral("No earlier run of the release's tool is still going"),
        QStringLiteral("Still running on this machine: %1.")
            .arg(processes.join(QStringLiteral("; "))),
        QStringLiteral(
            "It may be the migration a closed or crashed omupgrade started: its progress "
            "shows in SERVER_CHANGE_LOG. Wait for it to end (or stop it: kill %1), then "
            "check again. Two migrations at once would race on the same tables.")
            .arg(inputs.runningTools.first().pid)};
}

} // namespace

GateReport MigrationGate::evaluate(const Inputs& inputs)
{
    GateReport report{{backupCondition(inputs), tuningCondition(inputs), reviewCondition(inputs),
                       serverCondition(inputs)}};
    // Shown only when it fails: normally nothing is running, and a line saying so is noise.
    if (!inputs.runningTools.isEmpty())
        report.conditions << runningCondition(inputs);
    if (!inputs.unfinishedSteps.isEmpty())
        report.conditions << GateCondition{
            QStringLiteral("unfinished"), false,
            QStringLiteral("No step of an earlier run left unfinished"),
            QStringLiteral("SERVER_CHANGE_LOG shows %1.")
                .arg(inputs.unfinishedSteps.join(QStringLiteral(", "))),
            QStringLiteral("A run stopped part way. Run the release's repair first (migrate "
                           "--repair): it removes the unfinished steps and their logged "
                           "statements. Then migrate again.")};
    return report;
}

} // namespace omu
