#pragma once

#include "journal/JournalProgress.h"
#include "RunningToolFinder.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace omu {

// One thing that must be true before the migration may run.
struct GateCondition
{
    QString id; // "backup", "tuning", "review", "server", "running"
    bool passed = false;
    QString title;  // what is required
    QString detail; // what was found
    QString advice; // what to do when it is not met
};

struct GateReport
{
    QList<GateCondition> conditions;
    bool passed() const;
    QStringList unmet() const; // ids
    QJsonObject toJson() const;
};

// The commit gate: a verified backup of this database at this version (or the recorded
// acknowledgement of the user's own backup), tuning applied or skipped with a reason, no
// open blocker from the review, the OpenMetadata server stopped, and no earlier run of the
// release's tool still going on this machine.
class MigrationGate
{
public:
    enum class ServerState
    {
        NotChecked,
        NotAnswering, // nothing answered /api/v1/system/version in time
        Answering,    // it is running
    };
    // Who asks: the advice names the wizard's page or the command to run.
    enum class Caller
    {
        Wizard,
        CommandLine,
    };
    struct Inputs
    {
        Caller caller = Caller::Wizard;
        QString target; // the release to migrate to, for the command line's advice
        JournalProgress progress;
        QString databaseVersion; // SERVER_CHANGE_LOG's current version ("" for 1.0.x)
        ServerState server = ServerState::NotChecked;
        QString serverUrl;
        QString serverVersion; // when it answered
        QString serverDetail;  // how it failed to answer
        bool userConfirmedServerStopped = false;
        // Tools from the release still running on this machine (RunningToolFinder); any
        // adds a failing "running" condition: two migrations must never race.
        QList<RunningTool> runningTools;
        // Steps SERVER_CHANGE_LOG shows STARTED or FAILED (2.1): "2.0.5 (STARTED)"; any adds
        // a failing "unfinished" condition: repair first, then migrate.
        QStringList unfinishedSteps;
    };
    static GateReport evaluate(const Inputs& inputs);
};

} // namespace omu
