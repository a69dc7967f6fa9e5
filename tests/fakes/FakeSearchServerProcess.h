#pragma once

#include <QProcess>
#include <QString>

namespace omu::test {

// Starts tests/fakes' fake-search-server for one test and stops it again: a stand-in
// for Elasticsearch 7.x ("es7"), 8.x ("es8"), 9.x ("es9"), OpenSearch 2.x ("opensearch2"),
// 3.x ("opensearch3"), or a server that accepts and never answers ("silent"). It listens on
// 127.0.0.1 only and stops by itself if the test dies.
class FakeSearchServerProcess
{
public:
    explicit FakeSearchServerProcess(const QString& mode, int lifetimeSeconds = 120)
    {
        m_process.setProgram(QStringLiteral(OMU_FAKE_SEARCH_SERVER));
        m_process.setArguments({QStringLiteral("--mode"), mode, QStringLiteral("--lifetime"),
                                QString::number(lifetimeSeconds)});
        m_process.start();
        if (!m_process.waitForStarted(10'000))
            return;
        // The first line is "port <n>".
        while (m_process.state() == QProcess::Running && !m_process.canReadLine())
            m_process.waitForReadyRead(10'000);
        const QByteArray line = m_process.readLine().trimmed();
        if (line.startsWith("port "))
            m_port = line.mid(5).toInt();
    }
    ~FakeSearchServerProcess()
    {
        m_process.closeWriteChannel(); // the fake stops when its stdin closes
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool isRunning() const { return m_port > 0; }
    int port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

private:
    QProcess m_process;
    int m_port = 0;
};

} // namespace omu::test
