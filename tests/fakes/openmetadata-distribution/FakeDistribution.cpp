#include "FakeDistribution.h"

#include <QDir>
#include <QProcess>

namespace omu::test {

QString FakeDistribution::sourceFolder()
{
    return QStringLiteral(OMU_FAKE_DISTRIBUTION_DIR);
}

QString FakeDistribution::containerToolsFolder()
{
    return QDir::cleanPath(
        QDir(sourceFolder()).absoluteFilePath(QStringLiteral("../container-tools")));
}

bool FakeDistribution::assemble(const QString& version, const QString& folder, QString* error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("bash"),
                  {QDir(sourceFolder()).filePath(QStringLiteral("assemble.sh")), version, folder});
    const bool finished = process.waitForFinished(60'000);
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return true;
    if (!finished)
        process.kill();
    if (error)
        *error = QStringLiteral("assemble.sh %1 failed: %2")
                     .arg(version, QString::fromUtf8(process.readAll()));
    return false;
}

} // namespace omu::test
