// report-sample <folder> [upgraded|not-confirmed|backup-only]: the sample upgrade's journal
// and its report, written under <folder>; prints the HTML file's path. For looking at the
// report (scripts/report-screenshot), not for shipping.
#include "report/UpgradeReport.h"
#include "ReportSample.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace omu;
using omu::test::ReportSample;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(OMU_VERSION_FOR_SAMPLE));
    const QStringList arguments = app.arguments().mid(1);
    QTextStream err(stderr);
    if (arguments.isEmpty() || arguments.size() > 2) {
        err << "usage: report-sample <folder> [upgraded|not-confirmed|backup-only]\n";
        return 2;
    }
    const QString kind = arguments.value(1, QStringLiteral("upgraded"));
    const auto ending = kind == QLatin1String("not-confirmed") ? ReportSample::Ending::NotConfirmed
                        : kind == QLatin1String("backup-only") ? ReportSample::Ending::BackupOnly
                                                               : ReportSample::Ending::Upgraded;
    const auto report =
        ReportSample::write(arguments.first(), ending).writeReport(arguments.first());
    if (!report) {
        err << report.error().toString() << "\n";
        return 1;
    }
    QTextStream(stdout) << report->files.htmlFile << "\n";
    return 0;
}
