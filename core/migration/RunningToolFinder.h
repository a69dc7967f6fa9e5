#pragma once

#include <QList>
#include <QString>

namespace omu {

// A process on this machine that runs something from a release folder.
struct RunningTool
{
    qint64 pid = 0;
    QString commandLine; // its arguments joined by spaces, cut to 300 characters
};

// Finds processes still running a release's migration tool. The tool runs in its own
// process group and outlives a wizard that was killed or closed mid-run: a second
// migration started next to it would race it on the same database. Reads /proc (Linux);
// elsewhere it finds nothing. Docker and Kubernetes runs happen elsewhere and are not seen.
class RunningToolFinder
{
public:
    // Processes other than this one running a script under <distributionRoot>/bootstrap/,
    // or the java of OpenMetadataOperations / TablesInitializer on the release's libraries.
    static QList<RunningTool> find(const QString& distributionRoot,
                                   const QString& procFolder = QStringLiteral("/proc"));
};

} // namespace omu
