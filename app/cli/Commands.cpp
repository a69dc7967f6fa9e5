#include "Command.h"

#include "AfterCommand.h"
#include "BackupCommand.h"
#include "InspectCommand.h"
#include "MigrateCommand.h"
#include "PathCommand.h"
#include "PlanCommand.h"
#include "ReleasesCommand.h"
#include "ReportCommand.h"
#include "RestoreCommand.h"
#include "ReviewCommand.h"
#include "RollbackCommand.h"
#include "TuneCommand.h"
#include "VerifyCommand.h"

namespace omu::cli {

const QList<Command>& allCommands()
{
    // name, summary, own options, run, what follows the name, an example, takes a connection
    static const QList<Command> commands{
        {"inspect",
         "The resolved connection, then the server, OpenMetadata version, tables and privileges.",
         nullptr, &InspectCommand::run, "",
         "omupgrade inspect --config conf/openmetadata.yaml --env-file docker/env-postgres"},
        {"backup", "Back up the metadata database with a manifest.", &BackupCommand::addOptions,
         &BackupCommand::run, "--output DIR",
         "omupgrade backup --config conf/openmetadata.yaml --output /backups"},
        {"verify", "Check a backup against its manifest.", &VerifyCommand::addOptions,
         &VerifyCommand::run, "--input FILE [--scratch-database NAME | --deep]",
         "omupgrade verify --input /backups/openmetadata_202611301200_backup.sql --deep "
         "--config conf/openmetadata.yaml"},
        {"restore", "Replay a backup into the database.", &RestoreCommand::addOptions,
         &RestoreCommand::run, "--input FILE --yes",
         "omupgrade restore --config conf/openmetadata.yaml "
         "--input /backups/openmetadata_202611301200_backup.sql --yes"},
        {"tune", "Show, apply or revert sort_buffer_size / work_mem.", &TuneCommand::addOptions,
         &TuneCommand::run, "show|apply|revert [--value SIZE]",
         "omupgrade tune apply --config conf/openmetadata.yaml --value 64MB"},
        {"review", "Find the breaking changes that touch this deployment.",
         &ReviewCommand::addOptions, &ReviewCommand::run, "--to VERSION [--from VERSION]",
         "omupgrade review --config conf/openmetadata.yaml --to 1.3.0 --workflows ./ingestion"},
        {"releases", "List every known release, its requirements and gates.", nullptr,
         &ReleasesCommand::run, "", "omupgrade releases --json", false},
        {"path", "Show the upgrade path between two releases and what changes.",
         &PathCommand::addOptions, &PathCommand::run, "--from VERSION --to VERSION",
         "omupgrade path --from 1.1.5 --to 2.0.10", false},
        {"plan", "List the migrations a distribution would run.", &PlanCommand::addOptions,
         &PlanCommand::run, "--distribution DIR",
         "omupgrade plan --config conf/openmetadata.yaml --distribution ./openmetadata-1.3.0"},
        {"migrate", "Run the migration.", &MigrateCommand::addOptions, &MigrateCommand::run,
         "--distribution DIR [--mode bare|docker|kubernetes|kubernetes-job]",
         "omupgrade migrate --config conf/openmetadata.yaml --distribution ./openmetadata-1.3.0"},
        {"rollback", "Put the database back as the backup found it, verified.",
         &RollbackCommand::addOptions, &RollbackCommand::run, "--input FILE --yes [--keep-failed]",
         "omupgrade rollback --config conf/openmetadata.yaml "
         "--input /backups/openmetadata_202611301200_backup.sql --yes"},
        {"after", "After the migration: verify, put the tuning back, client lines, report.",
         &AfterCommand::addOptions, &AfterCommand::run, "[--to VERSION] [--server-url URL]",
         "omupgrade after --config conf/openmetadata.yaml --server-url http://localhost:8585"},
        {"report", "Write the report of the last run.", &ReportCommand::addOptions,
         &ReportCommand::run, "[--output DIR]",
         "omupgrade report --config conf/openmetadata.yaml --output ./upgrade-report"},
    };
    return commands;
}

const Command* findCommand(const QString& name)
{
    for (const auto& command : allCommands())
        if (name == QLatin1String(command.name))
            return &command;
    return nullptr;
}

} // namespace omu::cli
