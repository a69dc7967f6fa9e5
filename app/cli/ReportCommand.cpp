#include "ReportCommand.h"

#include "after/AfterUpgrade.h"
#include "CommandSupport.h"
#include "report/ConnectionOrigins.h"

#include <QTextStream>

namespace omu::cli {

void ReportCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("Folder for upgrade-report.json/.html (default: beside the "
                                     "journal)."),
                      QStringLiteral("dir")});
}

int ReportCommand::run(const CommandContext& context)
{
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    const auto profile = support.resolveProfile();
    if (!profile)
        return ExitFailed;
    const auto report = AfterUpgrade::writeReport(
        *profile, support.dataFolder(), context.parser.value(QStringLiteral("output")), {},
        ConnectionOrigins::describe(*profile, context.sources, QStringLiteral("typed"),
                                    QStringLiteral("command-line option")));
    if (!report)
        return support.fail(report.error());
    if (context.json) {
        QJsonObject document = report->json;
        document.insert(QStringLiteral("files"),
                        QJsonObject{{QStringLiteral("json"), report->files.jsonFile},
                                    {QStringLiteral("html"), report->files.htmlFile}});
        support.printJson(document);
    } else {
        QTextStream(stdout) << "Report written:\n  " << report->files.htmlFile << "\n  "
                            << report->files.jsonFile << "\n";
    }
    return ExitOk;
}

} // namespace omu::cli
