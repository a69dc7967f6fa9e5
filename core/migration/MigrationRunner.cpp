#include "MigrationRunner.h"

#include "common/PrivateFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

bool MigrationOutcome::hasFailure(MigrationFailure::Kind kind) const
{
    return std::any_of(failures.cbegin(), failures.cend(),
                       [kind](const MigrationFailure& failure) { return failure.kind == kind; });
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
    QJsonObject json{{QStringLiteral("ending"), endingName(ending)},
                     {QStringLiteral("exitCode"), exitCode},
                     {QStringLiteral("crashed"), crashed},
                     {QStringLiteral("failures"), failuresJson},
                     {QStringLiteral("versions"), versionsJson},
                     {QStringLiteral("explanation"), explanation},
                     {QStringLiteral("logFile"), logFile},
                     {QStringLiteral("seconds"), seconds}};
    if (!startError.isEmpty())
        json.insert(QStringLiteral("startError"), startError);
    if (!conclusion.isEmpty())
        json.insert(QStringLiteral("conclusion"), conclusion);
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
    m_statusProbe.setSingleShot(false);
    connect(&m_statusProbe, &QTimer::timeout, this, &MigrationRunner::probeStatus);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_retryAction && !m_ended && !m_cancelRequested)
            m_retryAction();
    });
}

MigrationRunner::~MigrationRunner()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        killGroup(SIGKILL);
        m_process->waitForFinished(5000);
    }
}

int MigrationRunner::silentSeconds() const
{
    return m_lastOutput.isValid() ? int((m_lastOutput.elapsed() + 500) / 1000) : 0;
}

void MigrationRunner::start(const ToolCommandLine& command, const Options& options)
{
    if (m_running)
        return;
    m_command = command;
    m_options = options;
    m_log.clear();
    m_pending.clear();
    m_parser = MigrationLogParser();
    m_parser.setExpected(options.expectedVersions);
    m_masker = SecretMasker();
    m_masker.add(command.secret);
    m_masker.add(command.hiddenValues);
    m_outcome = MigrationOutcome();
    m_outcome.logFile = options.logFile;
    m_exitCode = -1;
    m_crashed = false;
    m_cancelRequested = false;
    m_ended = false;
    m_running = true;
    m_concludeChecks = 0;
    m_probeEndedFollow = false;
    m_lastMainMs = 0;
    m_followWindow.invalidate();
    m_verdict.reset();
    m_cancelProblem.clear();
    m_clock.start();
    m_lastOutput.start();

    if (!options.logFile.isEmpty()) {
        static_cast<void>(PrivateFolder::create(QFileInfo(options.logFile).absolutePath()));
        // Created private from the first byte: the log may name hosts and users.
        const int fd = ::open(QFile::encodeName(options.logFile).constData(),
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd >= 0)
            m_logFile.open(fd, QIODevice::WriteOnly | QIODevice::Append,
                           QFileDevice::AutoCloseHandle);
    }

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

    for (const QString& remark : command.remarks)
        takeLine(QStringLiteral("# ") + remark);
    Q_EMIT started(command.display());
    runPrepare(0);
}

void MigrationRunner::takeOutput(const ProcessCallOutcome& result)
{
    for (const QByteArray& text : {result.output, result.errors})
        for (const QString& line : QString::fromUtf8(text).split(QLatin1Char('\n')))
            if (!line.trimmed().isEmpty())
                takeLine(line);
}

void MigrationRunner::runPrepare(int index)
{
    if (index >= m_command.prepare.size()) {
        startMain();
        return;
    }
    const ProcessCall& step = m_command.prepare.at(index);
    takeLine(QStringLiteral("$ ") + step.display());
    m_step = new ProcessCaller(this);
    connect(m_step, &ProcessCaller::finished, this, [this, index] {
        ProcessCaller* call = m_step;
        m_step = nullptr;
        const ProcessCallOutcome result = call->result();
        call->deleteLater();
        if (m_ended || m_cancelRequested) // cancel() takes it from here
            return;
        takeOutput(result);
        if (!result.ok()) {
            m_outcome.startError =
                m_masker.mask(QStringLiteral("%1 failed: %2")
                                  .arg(m_command.prepare.at(index).display(), result.problem()));
            takeLine(QStringLiteral("[omupgrade] ") + m_outcome.startError);
            m_exitCode = -1;
            wrapUp();
            return;
        }
        runPrepare(index + 1);
    });
    m_step->start(step, m_command.environment);
}

void MigrationRunner::startMain()
{
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProcessEnvironment(m_command.environment);
    if (!m_command.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_command.workingDirectory);
    // Its own process group, so Cancel reaches the scripts' children too (java, psql, ...).
    m_process->setChildProcessModifier([] { ::setsid(); });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &MigrationRunner::readOutput);
    connect(m_process, &QProcess::finished, this, &MigrationRunner::processEnded);
    connect(m_process, &QProcess::errorOccurred, this, &MigrationRunner::processError);
    takeLine(QStringLiteral("$ ") + m_command.mainDisplay());
    m_mainClock.start();
    m_process->start(m_command.program, m_command.arguments);
    if (m_command.conclude && m_command.statusProbeMs > 0)
        m_statusProbe.start(m_command.statusProbeMs);
}

void MigrationRunner::probeStatus()
{
    const bool following = m_process && m_process->state() == QProcess::Running;
    if (!following || m_ended || m_cancelRequested || m_probeCall || m_step ||
        (m_lastOutput.isValid() && m_lastOutput.elapsed() < m_command.statusProbeMs))
        return;
    auto* call = new ProcessCaller(this);
    m_probeCall = call;
    connect(call, &ProcessCaller::finished, this, [this, call] {
        if (m_probeCall == call)
            m_probeCall = nullptr;
        const ProcessCallOutcome result = call->result();
        call->deleteLater();
        if (m_ended || m_cancelRequested || !m_process || m_process->state() != QProcess::Running)
            return;
        using State = MigrationVerdict::State;
        const MigrationVerdict verdict =
            m_command.judge ? m_command.judge(result)
                            : MigrationVerdict{result.ok() ? State::Succeeded : State::Failed,
                                               result.problem()};
        if (verdict.state != State::Succeeded && verdict.state != State::Failed)
            return; // still running, or not known: keep following
        // The tool has ended but the stream stayed open: stop following; the usual
        // conclusion check then reads the same status and decides.
        takeLine(QStringLiteral("[omupgrade] the job has ended but its log stream stayed open: "
                                "no longer following it"));
        m_probeEndedFollow = true;
        m_statusProbe.stop();
        killGroup(SIGTERM);
        m_killTimer.start(m_options.terminateGraceMs);
    });
    call->start(*m_command.conclude, m_command.environment);
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
    line = m_masker.mask(line);
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
    if (m_cancelRequested && m_cancelCall)
        return; // the cancel step's end wraps up
    wrapUp();
}

void MigrationRunner::processEnded(int exitCode, QProcess::ExitStatus status)
{
    if (m_ended)
        return;
    if (!m_pending.isEmpty()) {
        takeLine(QString::fromUtf8(m_pending));
        m_pending.clear();
    }
    m_statusProbe.stop();
    if (m_probeCall) {
        m_probeCall->abort(); // its end, if it still comes, is ignored
        m_probeCall = nullptr;
    }
    m_exitCode = exitCode;
    m_crashed = status == QProcess::CrashExit;
    m_lastMainMs = m_mainClock.elapsed();
    if (m_command.conclude && !m_cancelRequested) {
        // It only followed the log: its exit code says nothing about the tool.
        takeLine(QStringLiteral("[omupgrade] %1 (%2); the check below decides")
                     .arg(QFileInfo(m_command.program).fileName(),
                          m_crashed ? QStringLiteral("ended by a signal")
                                    : QStringLiteral("exit code %1").arg(exitCode)));
        m_concludeChecks = 0;
        checkConclusion();
        return;
    }
    takeLine(m_crashed ? QStringLiteral("[omupgrade] the tool was ended by a signal")
                       : QStringLiteral("[omupgrade] the tool exited with code %1").arg(exitCode));
    if (m_cancelRequested && m_cancelCall)
        return; // the cancel step's end wraps up
    wrapUp();
}

void MigrationRunner::checkConclusion()
{
    if (m_concludeChecks == 0)
        takeLine(QStringLiteral("$ ") + m_command.conclude->display());
    ++m_concludeChecks;
    m_step = new ProcessCaller(this);
    connect(m_step, &ProcessCaller::finished, this, [this] {
        ProcessCaller* call = m_step;
        m_step = nullptr;
        const ProcessCallOutcome result = call->result();
        call->deleteLater();
        if (m_ended || m_cancelRequested)
            return;
        using State = MigrationVerdict::State;
        MigrationVerdict verdict =
            m_command.judge ? m_command.judge(result)
                            : MigrationVerdict{result.ok() ? State::Succeeded : State::Failed,
                                               result.problem()};
        verdict.detail = m_masker.mask(verdict.detail);
        if (verdict.state == State::Running || verdict.state == State::Unknown) {
            if (m_concludeChecks < m_command.concludeChecks) { // a status may lag a moment
                m_retryAction = [this] { checkConclusion(); };
                m_retryTimer.start(m_command.concludeRetryMs);
                return;
            }
            if (verdict.state == State::Running && !m_probeEndedFollow && mayFollowAgain()) {
                takeLine(
                    QStringLiteral("[omupgrade] %1: following its log again").arg(verdict.detail));
                m_concludeChecks = 0;
                m_retryAction = [this] { startMain(); };
                m_retryTimer.start(m_command.concludeRetryMs);
                return;
            }
            verdict = MigrationVerdict{
                State::Failed, verdict.detail + QStringLiteral("; it may still be running")};
        }
        m_verdict = verdict;
        // The tool ran elsewhere: its own exit code is not known, only its verdict.
        m_exitCode = verdict.state == State::Succeeded ? 0 : 1;
        m_crashed = false;
        takeLine(QStringLiteral("[omupgrade] ") + verdict.detail);
        wrapUp();
    });
    m_step->start(*m_command.conclude, m_command.environment);
}

bool MigrationRunner::mayFollowAgain()
{
    if (m_command.followAgainMs <= 0)
        return false;
    // A follow that streamed for a while was a real one: the time allowed starts afresh.
    if (m_lastMainMs >= 30'000 || !m_followWindow.isValid())
        m_followWindow.start();
    return m_followWindow.elapsed() < m_command.followAgainMs;
}

void MigrationRunner::cancel()
{
    if (!m_running || m_ended || m_cancelRequested)
        return;
    m_cancelRequested = true;
    takeLine(QStringLiteral("[omupgrade] cancel requested: stopping the tool"));
    m_retryTimer.stop();
    m_statusProbe.stop();
    if (m_step) // a prepare step or a check: its end is ignored from now on
        m_step->abort();
    if (!m_command.onCancel) {
        stopMain();
        return;
    }
    takeLine(QStringLiteral("$ ") + m_command.onCancel->display());
    m_cancelCall = new ProcessCaller(this);
    connect(m_cancelCall, &ProcessCaller::finished, this, [this] {
        ProcessCaller* call = m_cancelCall;
        m_cancelCall = nullptr;
        const ProcessCallOutcome result = call->result();
        call->deleteLater();
        takeOutput(result);
        if (!result.ok()) {
            m_cancelProblem = m_masker.mask(result.problem());
            takeLine(QStringLiteral("[omupgrade] cancelling failed: ") + m_cancelProblem);
        }
        stopMain();
    });
    m_cancelCall->start(*m_command.onCancel, m_command.environment);
}

void MigrationRunner::stopMain()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        killGroup(SIGTERM);
        m_killTimer.start(m_options.terminateGraceMs);
        return;
    }
    if (!m_ended) // it never ran, or it had ended already
        wrapUp();
}

void MigrationRunner::killGroup(int signal)
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_process->processId();
    if (pid > 0 && ::kill(-pid_t(pid), signal) != 0)
        ::kill(pid_t(pid), signal);
}

void MigrationRunner::wrapUp()
{
    m_ended = true;
    m_watchdog.stop();
    m_killTimer.stop();
    m_retryTimer.stop();
    m_statusProbe.stop();
    if (m_poller)
        m_poller->stop();
    if (!m_options.profile) {
        finish(std::nullopt, QStringLiteral("no database connection to check"));
        return;
    }
    // The final word on what is applied comes from the database, read off this thread.
    auto result = std::make_shared<std::optional<Result<DatabaseMigrationState>>>();
    const ConnectionProfile profile = *m_options.profile;
    m_finalRead.start(
        [profile, result](const CancelToken&) { *result = DatabaseMigrationState::read(profile); },
        [this, result] {
            if (result->has_value() && (*result)->ok())
                finish((*result)->value(), {});
            else
                finish(std::nullopt, result->has_value() ? (*result)->error().message
                                                         : QStringLiteral("not read"));
        });
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

    const bool toolSucceeded =
        m_command.conclude ? m_verdict && m_verdict->state == MigrationVerdict::State::Succeeded
                           : !m_crashed && m_exitCode == 0;
    if (m_verdict)
        outcome.conclusion = m_verdict->detail;
    if (m_cancelRequested)
        outcome.ending = Ending::Cancelled;
    else if (outcome.startError.isEmpty() && toolSucceeded && !stepFailed)
        outcome.ending = Ending::Succeeded;
    else
        outcome.ending = Ending::Failed;

    MigrationFailureClassifier::Input input;
    input.logLines = m_log;
    input.exitCode = outcome.ending == Ending::Succeeded ? 0 : (m_exitCode == 0 ? 1 : m_exitCode);
    input.crashed = m_crashed && !m_cancelRequested;
    input.cancelled = m_cancelRequested;
    input.engine = m_options.profile ? m_options.profile->engine : Engine::Unknown;
    input.partialVersions = state ? state->partiallyApplied() : QStringList();
    input.runningVersion = m_parser.currentVersion();
    if (input.runningVersion.isEmpty())
        for (const auto& version : outcome.versions)
            if (version.state == VersionProgress::State::Failed)
                input.runningVersion = version.version;
    if (outcome.ending != Ending::Succeeded) {
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
    if (outcome.ending == Ending::Succeeded) {
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
        if (m_cancelRequested && m_command.onCancel) {
            if (m_cancelProblem.isEmpty() && !m_command.cancelledNote.isEmpty())
                explanation += QLatin1Char(' ') + m_command.cancelledNote;
            else if (!m_cancelProblem.isEmpty())
                explanation += QStringLiteral(" Cancelling ran %1, which failed (%2): the tool "
                                              "may still be running; run it yourself.")
                                   .arg(m_command.onCancel->display(), m_cancelProblem);
        } else if (!m_command.failureNote.isEmpty()) {
            explanation += QLatin1Char(' ') + m_command.failureNote;
        }
        explanation += QStringLiteral(" The backup taken before the migration is still the way "
                                      "back to the old version.");
    }
    outcome.explanation = explanation;
    takeLine(
        QStringLiteral("[omupgrade] %1: %2").arg(endingName(outcome.ending), outcome.explanation));
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
