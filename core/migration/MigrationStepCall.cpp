#include "MigrationStepCall.h"

#include <QEventLoop>

namespace omu {

MigrationStepCall::MigrationStepCall(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        if (m_process)
            m_process->kill();
    });
}

MigrationStepCall::~MigrationStepCall()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void MigrationStepCall::start(const MigrationStep& step, const QProcessEnvironment& environment)
{
    if (m_running)
        return;
    m_result = MigrationStepResult();
    m_running = true;
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(environment);
    const QByteArray input = step.input;
    connect(m_process, &QProcess::started, this, [this, input] {
        m_result.started = true;
        if (!input.isEmpty())
            m_process->write(input);
        m_process->closeWriteChannel(); // the tool reads to the end of its input
    });
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                m_result.exitCode = exitCode;
                m_result.crashed = status == QProcess::CrashExit;
                end();
            });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_result.startError = QStringLiteral("could not start %1: %2")
                                  .arg(m_process->program(), m_process->errorString());
        end();
    });
    m_timer.start(std::max(1, step.timeoutMs));
    if (step.program.isEmpty()) {
        m_result.startError = QStringLiteral("no program to run");
        end();
        return;
    }
    m_process->start(step.program, step.arguments);
}

void MigrationStepCall::abort()
{
    if (m_running && m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
}

void MigrationStepCall::end()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    if (m_process) {
        m_result.output += m_process->readAllStandardOutput();
        m_result.errors += m_process->readAllStandardError();
    }
    Q_EMIT finished();
}

MigrationStepResult MigrationStepCall::runNow(const MigrationStep& step,
                                              const QProcessEnvironment& environment)
{
    MigrationStepCall call;
    QEventLoop loop;
    connect(&call, &MigrationStepCall::finished, &loop, &QEventLoop::quit);
    call.start(step, environment);
    if (call.isRunning())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return call.result();
}

} // namespace omu
