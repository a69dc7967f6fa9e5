#include "ReportCommand.h"

#include "ExitCode.h"
#include "journal/UpgradeReport.h"

#include <QJsonDocument>
#include <QTextStream>

namespace omu::cli {

void ReportCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("output"),
         QStringLiteral("Folder for upgrade-report.json/.html (default: beside the journal)."),
         QStringLiteral("dir")},
        {QStringLiteral("data-folder"),
         QStringLiteral("Where omupgrade keeps its journals (default: your data folder)."),
         QStringLiteral("dir")},
    });
}

int ReportCommand::run(const CommandContext& context)
{
    QTextStream err(stderr);
    if (!context.arguments.isEmpty()) {
        err << "omupgrade: unexpected argument \"" << context.arguments.first()
            << "\".\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    const auto resolved = ConnectionResolver::resolve(context.sources);
    if (!resolved) {
        err << "omupgrade: " << resolved.error().toString() << "\n";
        return ExitFailed;
    }
    const ConnectionProfile& profile = resolved.value().profile;
    UpgradeJournal journal =
        UpgradeJournal::forDeployment(profile, context.parser.value(QStringLiteral("data-folder")));
    UpgradeReport::Options options;
    options.secrets << profile.password;
    options.connection = profile.toJson();
    const auto report = UpgradeReport::build(journal, options);
    if (!report) {
        err << "omupgrade: " << report.error().toString() << "\n";
        return ExitFailed;
    }
    const QString folder = context.parser.isSet(QStringLiteral("output"))
                               ? context.parser.value(QStringLiteral("output"))
                               : UpgradeReport::defaultFolder(journal);
    const auto written = UpgradeReport::write(report.value(), folder);
    if (!written) {
        err << "omupgrade: " << written.error().toString() << "\n";
        return ExitFailed;
    }
    static_cast<void>(journal.append(QStringLiteral("after"), QStringLiteral("report"),
                                     QJsonObject{{QStringLiteral("json"), written->jsonFile},
                                                 {QStringLiteral("html"), written->htmlFile}}));
    if (context.json) {
        QJsonObject document = report.value();
        document.insert(QStringLiteral("files"),
                        QJsonObject{{QStringLiteral("json"), written->jsonFile},
                                    {QStringLiteral("html"), written->htmlFile}});
        QTextStream(stdout) << QJsonDocument(document).toJson(QJsonDocument::Indented);
    } else {
        QTextStream(stdout) << "Report written:\n  " << written->htmlFile << "\n  "
                            << written->jsonFile << "\n";
    }
    return ExitOk;
}

} // namespace omu::cli
