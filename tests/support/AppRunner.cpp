#include "AppRunner.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <utility>

namespace omu::test {

QJsonObject AppRun::json() const
{
    return QJsonDocument::fromJson(out).object();
}

AppRunner::AppRunner(QString program, std::chrono::milliseconds timeout)
    : m_program(std::move(program)), m_timeout(timeout),
      m_dataHome(std::make_shared<QTemporaryDir>())
{
}

void AppRunner::setEnvironment(const QString& name, const QString& value)
{
    m_environment.insert(name, value);
}

AppRun AppRunner::run(const QStringList& arguments, const QString& password) const
{
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("OMU_DB_PASSWORD"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dataHome->path());
    if (!password.isNull())
        environment.insert(QStringLiteral("OMU_DB_PASSWORD"), password);
    for (auto it = m_environment.cbegin(); it != m_environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(m_program, arguments);

    AppRun run;
    if (!process.waitForFinished(int(m_timeout.count()))) {
        const bool started = process.error() != QProcess::FailedToStart;
        run.timedOut = started;
        process.kill();
        process.waitForFinished();
        const QString command = (QStringList{m_program} + arguments).join(QLatin1Char(' '));
        QTest::qFail(qPrintable(started ? QStringLiteral("killed after %1 s, not finished: %2")
                                              .arg(double(m_timeout.count()) / 1000)
                                              .arg(command)
                                        : QStringLiteral("cannot start %1: %2")
                                              .arg(command, process.errorString())),
                     __FILE__, __LINE__);
    } else if (process.exitStatus() == QProcess::NormalExit) {
        run.exitCode = process.exitCode();
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QStringList connectionArguments(const ConnectionProfile& profile)
{
    return {QStringLiteral("--engine"),   engineName(profile.engine),
            QStringLiteral("--host"),     profile.host,
            QStringLiteral("--port"),     QString::number(profile.port),
            QStringLiteral("--user"),     profile.user,
            QStringLiteral("--database"), profile.database};
}

void verifyBadUsage(const AppRunner& app, const QStringList& arguments, const QString& message)
{
    const AppRun run = app.run(arguments);
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

} // namespace omu::test
