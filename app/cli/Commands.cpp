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
    static const QList<Command> commands{
        {"inspect",
         "The resolved connection, then the server, OpenMetadata version, tables and privileges.",
         nullptr, &InspectCommand::run},
        {"backup", "Back up the metadata database with a manifest.", &BackupCommand::addOptions,
         &BackupCommand::run},
        {"verify", "Check a backup against its manifest.", &VerifyCommand::addOptions,
         &VerifyCommand::run},
        {"restore", "Replay a backup into the database.", &RestoreCommand::addOptions,
         &RestoreCommand::run},
        {"tune", "Show, apply or revert sort_buffer_size / work_mem.", &TuneCommand::addOptions,
         &TuneCommand::run},
        {"review", "Find the breaking changes that touch this deployment.",
         &ReviewCommand::addOptions, &ReviewCommand::run},
        {"releases", "List every known release, its requirements and gates.", nullptr,
         &ReleasesCommand::run},
        {"path", "Show the upgrade path between two releases and what changes.",
         &PathCommand::addOptions, &PathCommand::run},
        {"plan", "List the migrations a distribution would run.", &PlanCommand::addOptions,
         &PlanCommand::run},
        {"migrate", "Run the migration.", &MigrateCommand::addOptions, &MigrateCommand::run},
        {"rollback", "Put the database back as the backup found it, verified.",
         &RollbackCommand::addOptions, &RollbackCommand::run},
        {"after", "After the migration: verify, put the tuning back, client lines, report.",
         &AfterCommand::addOptions, &AfterCommand::run},
        {"report", "Write the report of the last run.", &ReportCommand::addOptions,
         &ReportCommand::run},
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
