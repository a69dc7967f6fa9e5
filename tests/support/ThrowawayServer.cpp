#include "ThrowawayServer.h"

#include "TestServers.h"

#include <QDir>
#include <QProcess>
#include <QUuid>

namespace omu::test {

namespace {
const QString script = QStringLiteral(OMU_TEST_SOURCE_DIR "/support/throwaway-server.sh");
}

bool ThrowawayServer::start(Engine engine, QString* error)
{
    m_engine = engine;
    const QString base = qEnvironmentVariable("OMU_SERVERS_DIR", QDir::tempPath());
    m_dir = QDir(base).filePath(
        QStringLiteral("throwaway-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    QProcess process;
    process.start(
        script,
        {engine == Engine::MySql ? QStringLiteral("mariadb") : QStringLiteral("postgres"), m_dir});
    if (!process.waitForFinished(180'000) || process.exitCode() != 0) {
        *error = QStringLiteral("the throwaway server did not start: ") +
                 QString::fromUtf8(process.readAllStandardError());
        return false;
    }
    const QStringList lines =
        QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'));
    if (lines.size() < 3 || lines.at(2).toLongLong() <= 0) {
        *error = QStringLiteral("unexpected output of throwaway-server.sh");
        return false;
    }
    m_pid = lines.at(2).toLongLong();
    m_admin.engine = engine;
    m_admin.host = QStringLiteral("127.0.0.1");
    m_admin.port = lines.at(0).toInt();
    m_admin.user = QStringLiteral("omu_admin");
    m_admin.password = lines.at(1);
    m_admin.connectTimeoutSeconds = 10;
    return true;
}

ThrowawayServer::~ThrowawayServer()
{
    if (!m_dir.isEmpty())
        QProcess::execute(script, {QStringLiteral("stop"), m_dir});
}

bool ThrowawayServer::createDatabase(const QString& name, QString* error) const
{
    return TestServers::createDatabase(m_admin, name, error);
}

ConnectionProfile ThrowawayServer::profile(const QString& database) const
{
    ConnectionProfile profile = m_admin;
    profile.database = database;
    return profile;
}

} // namespace omu::test
