#pragma once

#include "ChangeLogPoller.h"
#include "common/AsyncTask.h"
#include "common/Ending.h"
#include "common/SecretMasker.h"
#include "MigrationFailure.h"
#include "MigrationLogParser.h"
#include "ProcessCaller.h"
#include "ToolCommandLine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <optional>

namespace omu {

struct MigrationOutcome
{
    Ending ending = Ending::Failed;
    int exitCode = -1;
    bool crashed = false; // ended by a signal
    QString startError;   // could not start at all
    QList<MigrationFailure> failures;
    QList<VersionProgress> versions;
    std::optional<DatabaseMigrationState> databaseAfter; // read once the tool ended
    QString databaseNote;                                // why databaseAfter is missing, when it is
    QString explanation; // what state the database is in (cancel, failure), for people
    QString conclusion;  // the conclusion check's verdict, when the command has one
    QStringList logTail;
    QString logFile;
    double seconds = 0;

    bool hasFailure(MigrationFailure::Kind kind) const;
    QJsonObject toJson() const;
};

// Runs the migration tool asynchronously (QProcess, its own process group), streams its
// merged output line by line with secrets scrubbed, follows progress per version from the
// log and confirms it by polling the database, warns when the tool has been silent for
// long, and ends in exactly one of succeeded / failed / cancelled.
// A command that runs the tool elsewhere (a Kubernetes job) brings its own steps: prepare
// steps run first, a conclusion check decides success once the main command (which then
// only follows the log) has ended, and its onCancel step is what really stops the tool.
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

    void start(const ToolCommandLine& command, const Options& options);
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
    void runPrepare(int index);
    void startMain();
    void checkConclusion();
    void probeStatus();
    bool mayFollowAgain();
    void takeOutput(const ProcessCallOutcome& result);
    void stopMain();
    void wrapUp();
    void finish(std::optional<DatabaseMigrationState> state, const QString& note);
    void killGroup(int signal);

    QProcess* m_process = nullptr;
    ChangeLogPoller* m_poller = nullptr;
    ProcessCaller* m_step = nullptr;       // a prepare step or conclusion check running
    ProcessCaller* m_cancelCall = nullptr; // the command's onCancel step running
    QTimer m_watchdog;
    QTimer m_killTimer;
    QTimer m_retryTimer;                  // the next conclusion check, or following the log again
    QTimer m_statusProbe;                 // see ToolCommandLine::statusProbeMs
    ProcessCaller* m_probeCall = nullptr; // that check running
    bool m_probeEndedFollow = false;      // the follow was stopped because it had ended
    std::function<void()> m_retryAction;
    QElapsedTimer m_clock;
    QElapsedTimer m_mainClock;    // since the main command last started
    QElapsedTimer m_followWindow; // since the log is being followed again
    qint64 m_lastMainMs = 0;      // how long the main command last ran
    int m_concludeChecks = 0;
    std::optional<MigrationVerdict> m_verdict;
    QString m_cancelProblem; // the onCancel step failed: why
    QElapsedTimer m_lastOutput;
    MigrationLogParser m_parser;
    SecretMasker m_masker;
    ToolCommandLine m_command;
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
    AsyncTask m_finalRead; // the database read after the tool ends; waited for on destruction
};

} // namespace omu
