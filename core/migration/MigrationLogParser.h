#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// How far one native version got, as far as the tool's log and the database tell.
struct VersionProgress
{
    enum class State
    {
        Pending,   // planned, not started
        Running,   // "Migration Run started for Version: X"
        Finished,  // the tool moved past it; not yet confirmed
        Succeeded, // every step Success, or SERVER_CHANGE_LOG holds it
        Failed,    // a step "Failed due to : ..."
    };
    QString version;
    State state = State::Pending;
    QString detail;         // the failing step and its message
    bool confirmed = false; // seen in SERVER_CHANGE_LOG
    // When the tool started and left this version: the log line's own time stamp when it
    // has one, else when the line arrived. Invalid until seen.
    QDateTime startedAt;
    QDateTime endedAt;

    // The version's real duration in seconds; negative when not both ends were seen.
    double seconds() const;

    static QString stateName(State state); // "pending", "running", ...
};

// Follows the migration tool's output line by line: the "Following Migrations will be
// performed" table (what is planned), the "Migration Run started/finished for Version"
// lines, and the status table whose cells read Success or "Failed due to : <message>".
class MigrationLogParser
{
public:
    // Versions expected from the plan, shown as pending before the tool says anything.
    void setExpected(const QStringList& versions);
    // Returns true when a version's progress changed. `arrived`: when the line came (used
    // when the line carries no time stamp of its own); invalid: now.
    bool feed(const QString& line, const QDateTime& arrived = {});
    // SERVER_CHANGE_LOG holds these: they are done whatever the log said.
    bool confirm(const QStringList& appliedVersions);

    const QList<VersionProgress>& versions() const { return m_versions; }
    QString currentVersion() const; // the one running, if any
    // The tool ended without finishing the running version: it is marked failed, `reason`.
    void stopRunning(const QString& reason, const QDateTime& at = {});
    // The time stamp a log line starts with ("INFO  [2026-11-24 14:39:39,963] ..." or
    // ISO 8601), read as UTC; invalid when it has none.
    static QDateTime lineTime(const QString& line);
    bool sawPlanTable() const { return m_sawPlan; }

private:
    VersionProgress& entry(const QString& version);
    bool tableRow(const QString& line);

    QList<VersionProgress> m_versions;
    QStringList m_columns; // header of the table being read
    bool m_sawPlan = false;
};

} // namespace omu
