#include "MigrationRunner.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

QString migrationEndingName(MigrationEnding ending)
{
    switch (ending) {
    case MigrationEnding::Succeeded:
        return QStringLiteral("succeeded");
    case MigrationEnding::Failed:
        return QStringLiteral("failed");
    case MigrationEnding::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QJsonObject MigrationOutcome::toJson() const
{
    QJsonArray failuresJson;
    for (const auto& failure : failures)
        failuresJson.append(failure.toJson());
    QJsonArray versionsJson;
    for (const auto& version : versions)
        versionsJson.append(
            QJsonObject{{QStringLiteral("version"), version.version},
                        {QStringLiteral("state"), VersionProgress::stateName(version.state)},
                        {QStringLiteral("confirmed"), version.confirmed},
                        {QStringLiteral("detail"), version.detail}});
    QJsonObject json{{QStringLiteral("ending"), migrationEndingName(ending)},
                     {QStringLiteral("exitCode"), exitCode},
                     {QStringLiteral("crashed"), crashed},
                     {QStringLiteral("failures"), failuresJson},
                     {QStringLiteral("versions"), versionsJson},
                     {QStringLiteral("explanation"), explanation},
                     {QStringLiteral("logFile"), logFile},
                     {QStringLiteral("seconds"), seconds}};
    if (!startError.isEmpty())
        json.insert(QStringLiteral("startError"), startError);
    if (databaseAfter) {
        QJsonArray applied;
        for (const auto& version : databaseAfter->appliedVersions)
            applied.append(version.toString());
        json.insert(QStringLiteral("databaseVersions"), applied);
        json.insert(QStringLiteral("partiallyApplied"),
                    QJsonArray::fromStringList(databaseAfter->partiallyApplied()));
    }
    return json;
}

MigrationRunner::MigrationRunner(QObject* parent) : QObject(parent)
{
    m_watchdog.setSingleShot(false);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (m_running && !m_ended) // timers are coarse: never report less than asked for
            Q_EMIT silent(std::max(m_options.silenceSeconds, silentSeconds()));
    });
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] { killGroup(SIGKILL); });
}

MigrationRunner::~MigrationRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        killGroup(SIGKILL);
        m_process->waitForFinished(5000);
    }
    if (m_finalRead)
        m_finalRead->wait();
}

int MigrationRunner::silentSeconds() const
{
    return m_lastOutput.isValid() ? int((m_lastOutput.elapsed() + 500) / 1000) : 0;
}

void MigrationRunner::start(const MigrationCommand& command, const Options& options)
{
    if (m_running)
        return;
    m_command = command;
    m_options = options;
    m_log.clear();
    m_pending.clear();
    m_parser = MigrationLogParser();
    m_parser.setExpected(options.expectedVersions);
    m_scrubber = SecretScrubber();
    m_scrubber.add(command.secret);
    m_outcome = MigrationOutcome();
    m_outcome.logFile = options.logFile;
    m_exitCode = -1;
    m_crashed = false;
    m_cancelRequested = false;
    m_ended = false;
    m_running = true;
    m_clock.start();
    m_lastOutput.start();

    if (!options.logFile.isEmpty()) {
        QDir().mkpath(QFileInfo(options.logFile).absolutePath());
        // Created private from the first byte: the log may name hosts and users.
        const int fd = ::open(QFile::encodeName(options.logFile).constData(),
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd >= 0)
            m_logFile.open(fd, QIODevice::WriteOnly | QIODevice::Append,
                           QFileDevice::AutoCloseHandle);
    }

    delete m_process;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProcessEnvironment(command.environment);
    if (!command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(command.workingDirectory);
    // Its own process group, so Cancel reaches the scripts' children too (java, psql, ...).
    m_process->setChildProcessModifier([] { ::setsid(); });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &MigrationRunner::readOutput);
    connect(m_process, &QProcess::finished, this, &MigrationRunner::processEnded);
    connect(m_process, &QProcess::errorOccurred, this, &MigrationRunner::processError);

    if (options.profile) {
        delete m_poller;
        m_poller = new ChangeLogPoller(this);
        connect(m_poller, &ChangeLogPoller::stateRead, this,
                [this](const DatabaseMigrationState& state) {
                    QStringList applied;
                    for (const auto& version : state.appliedVersions)
                        applied << version.toString();
                    if (m_parser.confirm(applied))
                        Q_EMIT versionsChanged();
                });
        connect(m_poller, &ChangeLogPoller::readFailed, this,
                [this](const QString& message) { Q_EMIT databaseUnreachable(message); });
        m_poller->start(*options.profile, options.pollIntervalMs);
    }
    m_watchdog.start(std::max(1, options.silenceSeconds) * 1000);

    takeLine(QStringLiteral("$ ") + command.display());
    Q_EMIT started(command.display());
    m_process->start(command.program, command.arguments);
}

void MigrationRunner::readOutput()
{
    m_pending += m_process->readAllStandardOutput();
    m_lastOutput.restart();
    m_watchdog.start(); // the tool spoke: the silence starts again
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        QByteArray line = m_pending.left(newline);
        m_pending.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        takeLine(QString::fromUtf8(line));
    }
}

void MigrationRunner::takeLine(QString line)
{
    line = m_scrubber.scrub(line);
    m_log.append(line);
    static constexpr qsizetype keptLines = 200000; // the file holds everything
    if (m_log.size() > keptLines)
        m_log.remove(0, m_log.size() - keptLines);
    if (m_logFile.isOpen()) {
        m_logFile.write(line.toUtf8() + '\n');
        m_logFile.flush();
    }
    Q_EMIT lineReceived(line);
    if (m_parser.feed(line))
        Q_EMIT versionsChanged();
}

void MigrationRunner::processError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_ended)
        return;
    m_outcome.startError =
        QStringLiteral("could not start %1: %2").arg(m_command.program, m_process->errorString());
    takeLine(m_outcome.startError);
    m_exitCode = -1;
    conclude();
}

void MigrationRunner::processEnded(int exitCode, QProcess::ExitStatus status)
{
    if (m_ended)
        return;
    if (!m_pending.isEmpty()) {
        takeLine(QString::fromUtf8(m_pending));
        m_pending.clear();
    }
    m_exitCode = exitCode;
    m_crashed = status == QProcess::CrashExit;
    takeLine(m_crashed ? QStringLiteral("[omupgrade] the tool was ended by a signal")
                       : QStringLiteral("[omupgrade] the tool exited with code %1").arg(exitCode));
    conclude();
}

void MigrationRunner::cancel()
{
    if (!m_running || m_ended || m_cancelRequested)
        return;
    m_cancelRequested = true;
    takeLine(QStringLiteral("[omupgrade] cancel requested: stopping the tool"));
    killGroup(SIGTERM);
    m_killTimer.start(m_options.terminateGraceMs);
}

void MigrationRunner::killGroup(int signal)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_process->processId();
    if (pid > 0 && ::kill(-pid_t(pid), signal) != 0)
        ::kill(pid_t(pid), signal);
}

void MigrationRunner::conclude()
{
    m_ended = true;
    m_watchdog.stop();
    m_killTimer.stop();
    if (m_poller)
        m_poller->stop();
    if (!m_options.profile) {
        finish(std::nullopt, QStringLiteral("no database connection to check"));
        return;
    }
    // The final word on what is applied comes from the database, read off this thread.
    auto result = std::make_shared<std::optional<Result<DatabaseMigrationState>>>();
    const ConnectionProfile profile = *m_options.profile;
    m_finalRead =
        QThread::create([profile, result] { *result = DatabaseMigrationState::read(profile); });
    connect(m_finalRead, &QThread::finished, this, [this, result] {
        m_finalRead->deleteLater();
        m_finalRead = nullptr;
        if (result->has_value() && (*result)->ok())
            finish((*result)->value(), {});
        else
            finish(std::nullopt,
                   result->has_value() ? (*result)->error().message : QStringLiteral("not read"));
    });
    m_finalRead->start();
}

void MigrationRunner::finish(std::optional<DatabaseMigrationState> state, const QString& note)
{
    MigrationOutcome& outcome = m_outcome;
    outcome.exitCode = m_exitCode;
    outcome.crashed = m_crashed;
    outcome.seconds = m_clock.elapsed() / 1000.0;
    outcome.databaseAfter = state;
    outcome.databaseNote = note;
    if (state) {
        QStringList applied;
        for (const auto& version : state->appliedVersions)
            applied << version.toString();
        m_parser.confirm(applied);
    }
    outcome.versions = m_parser.versions();

    bool stepFailed = false;
    for (const auto& version : outcome.versions)
        stepFailed = stepFailed || version.state == VersionProgress::State::Failed;

    if (m_cancelRequested)
        outcome.ending = MigrationEnding::Cancelled;
    else if (outcome.startError.isEmpty() && !m_crashed && m_exitCode == 0 && !stepFailed)
        outcome.ending = MigrationEnding::Succeeded;
    else
        outcome.ending = MigrationEnding::Failed;

    MigrationFailureClassifier::Input input;
    input.logLines = m_log;
    input.exitCode =
        outcome.ending == MigrationEnding::Succeeded ? 0 : (m_exitCode == 0 ? 1 : m_exitCode);
    input.crashed = m_crashed && !m_cancelRequested;
    input.cancelled = m_cancelRequested;
    input.engine = m_options.profile ? m_options.profile->engine : Engine::Unknown;
    input.partialVersions = state ? state->partiallyApplied() : QStringList();
    input.runningVersion = m_parser.currentVersion();
    if (input.runningVersion.isEmpty())
        for (const auto& version : outcome.versions)
            if (version.state == VersionProgress::State::Failed)
                input.runningVersion = version.version;
    if (outcome.ending != MigrationEnding::Succeeded) {
        outcome.failures = MigrationFailureClassifier::classify(input);
        m_parser.stopRunning(m_cancelRequested ? QStringLiteral("stopped: cancelled")
                             : m_crashed       ? QStringLiteral("stopped: the tool was killed")
                                               : QStringLiteral("stopped: the tool ended"));
        outcome.versions = m_parser.versions();
    }

    // What the database holds now, in words.
    QStringList done;
    QStringList notDone;
    for (const auto& version : outcome.versions)
        (version.confirmed || (!state && version.state == VersionProgress::State::Succeeded)
             ? done
             : notDone)
            << version.version;
    QString explanation;
    if (outcome.ending == MigrationEnding::Succeeded) {
        explanation =
            done.isEmpty()
                ? QStringLiteral("Nothing was pending: the database was "
                                 "already at the release's version.")
                : QStringLiteral("Applied and recorded: %1.").arg(done.join(QStringLiteral(", ")));
    } else {
        explanation = done.isEmpty() ? QStringLiteral("No version was completed")
                                     : QStringLiteral("Completed and recorded in "
                                                      "SERVER_CHANGE_LOG: %1")
                                           .arg(done.join(QStringLiteral(", ")));
        if (!notDone.isEmpty())
            explanation +=
                QStringLiteral("; still to do: %1").arg(notDone.join(QStringLiteral(", ")));
        explanation += QStringLiteral(".");
        if (state && !state->partiallyApplied().isEmpty())
            explanation +=
                QStringLiteral(" Version %1 is partly applied: some of its statements ran and "
                               "are logged in SERVER_MIGRATION_SQL_LOGS. Running the migration "
                               "again continues from the first statement not logged.")
                    .arg(state->partiallyApplied().join(QStringLiteral(", ")));
        else if (!state)
            explanation += QStringLiteral(" The database could not be checked (%1).").arg(note);
        if (m_command.mode == MigrationMode::Docker)
            explanation += QStringLiteral(" With docker, check that no migration container is "
                                          "still running (docker ps).");
        else if (m_command.mode == MigrationMode::Kubernetes)
            explanation += QStringLiteral(" With kubectl exec, the tool may still be running in "
                                          "the pod: check with kubectl exec ... ps.");
        explanation += QStringLiteral(" The backup taken before the migration is still the way "
                                      "back to the old version.");
    }
    outcome.explanation = explanation;
    takeLine(QStringLiteral("[omupgrade] %1: %2")
                 .arg(migrationEndingName(outcome.ending), outcome.explanation));
    outcome.logTail = m_log.mid(std::max<qsizetype>(0, m_log.size() - m_options.logTailLines));
    if (m_logFile.isOpen()) {
        m_logFile.flush();
        ::fsync(m_logFile.handle());
        m_logFile.close();
    }
    m_running = false;
    Q_EMIT versionsChanged();
    Q_EMIT finished();
}

} // namespace omu
