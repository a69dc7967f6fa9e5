#pragma once

#include "Command.h"

namespace omu::cli {

// `omupgrade report [--output DIR] [--data-folder DIR] [--json]`: writes
// upgrade-report.json and upgrade-report.html from this deployment's journal (versions,
// findings, backup, tuning before and after, the migration and its log's tail, timings),
// every secret redacted. Exit 0, or 2 when nothing was recorded for the deployment.
class ReportCommand
{
public:
    static void addOptions(QCommandLineParser& parser);
    static int run(const CommandContext& context);
};

} // namespace omu::cli
