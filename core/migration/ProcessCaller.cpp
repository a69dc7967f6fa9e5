#include "ProcessCaller.h"

#include <QEventLoop>

namespace omu {

ProcessCaller::ProcessCaller(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        if (m_process)
            m_process->kill();
    });
}

ProcessCaller::~ProcessCaller()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void ProcessCaller::start(const ProcessCall& call, const QProcessEnvironment& environment)
{
    if (m_running)
        return;
    m_result = ProcessCallOutcome();
    m_running = true;
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(environment);
    const QByteArray input = call.input;
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
    m_timer.start(std::max(1, call.timeoutMs));
    if (call.program.isEmpty()) {
        m_result.startError = QStringLiteral("no program to run");
        end();
        return;
    }
    m_process->start(call.program, call.arguments);
}

void ProcessCaller::abort()
{
    if (m_running && m_process && m_process->state() != QProcess::NotRunning)
        m_process->kill();
}

void ProcessCaller::end()
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

ProcessCallOutcome ProcessCaller::runNow(const ProcessCall& call,
                                         const QProcessEnvironment& environment)
{
    ProcessCaller caller;
    QEventLoop loop;
    connect(&caller, &ProcessCaller::finished, &loop, &QEventLoop::quit);
    caller.start(call, environment);
    if (caller.isRunning())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return caller.result();
}

} // namespace omu
