#pragma once

#include "ChangeLogPoller.h"
#include "connection/SecretScrubber.h"
#include "MigrationCommand.h"
#include "MigrationFailure.h"
#include "MigrationLogParser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <optional>

namespace omu {

// How a run ended. Exactly one of the three.
enum class MigrationEnding
{
    Succeeded, // exit 0 and no step failed
    Failed,    // non-zero exit, killed, failed to start, or a step failed
    Cancelled, // the user asked it to stop
};
QString migrationEndingName(MigrationEnding ending); // "succeeded", "failed", "cancelled"

struct MigrationOutcome
{
    MigrationEnding ending = MigrationEnding::Failed;
    int exitCode = -1;
    bool crashed = false; // ended by a signal
    QString startError;   // could not start at all
    QList<MigrationFailure> failures;
    QList<VersionProgress> versions;
    std::optional<DatabaseMigrationState> databaseAfter; // read once the tool ended
    QString databaseNote;                                // why databaseAfter is missing, when it is
    QString explanation; // what state the database is in (cancel, failure), for people
    QStringList logTail;
    QString logFile;
    double seconds = 0;

    QJsonObject toJson() const;
};

// Runs the migration tool asynchronously (QProcess, its own process group), streams its
// merged output line by line with secrets scrubbed, follows progress per version from the
// log and confirms it by polling the database, warns when the tool has been silent for
// long, and ends in exactly one of succeeded / failed / cancelled.
class MigrationRunner : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        // Poll SERVER_CHANGE_LOG on this connection; none: rely on the log alone.
        std::optional<ConnectionProfile> profile;
        int pollIntervalMs = 2000;
        int silenceSeconds = 300;     // watchdog: report after this long without output
        int terminateGraceMs = 10000; // after SIGTERM, SIGKILL
        QStringList expectedVersions; // from the plan
        QString logFile;              // appended, 0600; empty: none
        int logTailLines = 200;
    };

    explicit MigrationRunner(QObject* parent = nullptr);
    ~MigrationRunner() override;

    void start(const MigrationCommand& command, const Options& options);
    void cancel();
    bool isRunning() const { return m_running; }

    const QStringList& log() const { return m_log; }
    const QList<VersionProgress>& versions() const { return m_parser.versions(); }
    QString currentVersion() const { return m_parser.currentVersion(); }
    const MigrationOutcome& outcome() const { return m_outcome; }
    int silentSeconds() const;

Q_SIGNALS:
    void started(const QString& display);
    void lineReceived(const QString& line);
    void versionsChanged();
    // The tool printed nothing for `seconds`; repeated while it stays silent.
    void silent(int seconds);
    void databaseUnreachable(const QString& message); // a progress poll failed
    void finished();

private:
    void readOutput();
    void takeLine(QString line);
    void processEnded(int exitCode, QProcess::ExitStatus status);
    void processError(QProcess::ProcessError error);
    void conclude();
    void finish(std::optional<DatabaseMigrationState> state, const QString& note);
    void killGroup(int signal);

    QProcess* m_process = nullptr;
    ChangeLogPoller* m_poller = nullptr;
    QTimer m_watchdog;
    QTimer m_killTimer;
    QElapsedTimer m_clock;
    QElapsedTimer m_lastOutput;
    MigrationLogParser m_parser;
    SecretScrubber m_scrubber;
    MigrationCommand m_command;
    Options m_options;
    QStringList m_log;
    QByteArray m_pending; // a line not yet ended
    QFile m_logFile;
    MigrationOutcome m_outcome;
    int m_exitCode = -1;
    bool m_crashed = false;
    bool m_running = false;
    bool m_cancelRequested = false;
    bool m_ended = false;
    QThread* m_finalRead = nullptr;
};

} // namespace omu
