#include "CommandLine.h"

#include "ConnectionOptions.h"
#include "InspectCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

namespace omu::cli {

namespace {

struct CommandInfo
{
    const char* name;
    const char* summary;
    bool available;
};

constexpr CommandInfo commands[] = {
    {"inspect",
     "Show the resolved connection, then the server, OpenMetadata version, tables and privileges.",
     true},
    {"backup", "Back up the metadata database with a manifest.", false},
    {"verify", "Check a backup against its manifest.", false},
    {"restore", "Replay a backup into the database.", false},
    {"tune", "Show, apply or revert sort_buffer_size / work_mem.", false},
    {"review", "Find the breaking changes that touch this deployment.", false},
    {"plan", "List the migrations a distribution would run.", false},
    {"migrate", "Run the migration.", false},
    {"report", "Write the report of the last run.", false},
};

const CommandInfo* findCommand(const QString& name)
{
    for (const auto& command : commands)
        if (name == QLatin1String(command.name))
            return &command;
    return nullptr;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

void addCommonOptions(QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
    parser.addOption(
        {{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version.")});
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Print one JSON document on stdout.")});
    ConnectionOptions::addTo(parser);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("What to run; none opens the wizard."));
}

} // namespace

bool CommandLine::wantsCommandLine(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (!std::strcmp(arg, "--help") || !std::strcmp(arg, "-h") ||
            !std::strcmp(arg, "--version") || !std::strcmp(arg, "-v") ||
            !std::strcmp(arg, "--json"))
            return true;
        if (arg[0] != '-') {
            // The value of an option (--config FILE) is not a command.
            const char* previous = argv[i - 1];
            const bool isValue = i > 1 && previous[0] == '-' && !std::strchr(previous, '=') &&
                                 std::strcmp(previous, "--json") != 0;
            if (!isValue)
                return true;
        }
    }
    return false;
}

void CommandLine::setApplicationInfo()
{
    QCoreApplication::setApplicationName(QStringLiteral("omupgrade"));
    QCoreApplication::setOrganizationName(QStringLiteral("omupgrade"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OMU_VERSION));
}

QString CommandLine::helpText()
{
    QString text;
    QTextStream out(&text);
    out << "Usage: omupgrade [command] [options]\n\n"
        << "Guided, loss-free upgrades of OpenMetadata deployments. With no command, opens the\n"
        << "upgrade wizard (the connection options below prefill it).\n\nCommands:\n";
    for (const auto& command : commands)
        if (command.available)
            out << QStringLiteral("  %1 %2\n")
                       .arg(QLatin1String(command.name), -10)
                       .arg(QLatin1String(command.summary));
    out << "\nNot in this build yet: ";
    QStringList pending;
    for (const auto& command : commands)
        if (!command.available)
            pending << QLatin1String(command.name);
    out << pending.join(QStringLiteral(", ")) << ".\n\n";
    QCommandLineParser parser;
    addCommonOptions(parser);
    QString options = parser.helpText();
    options = options.mid(options.indexOf(QLatin1String("Options:")));
    options = options.left(options.indexOf(QLatin1String("Arguments:"))).trimmed();
    out << options << "\n\n"
        << "The password comes from --password-file or the OMU_DB_PASSWORD environment variable;\n"
        << "it is never taken from the command line and never printed. Explicit options win over\n"
        << "Helm values, which win over env files, the environment and openmetadata.yaml.\n\n"
        << "Exit codes: 0 done, 1 warnings only, 2 blocking problems or a failed operation,\n"
        << "64 bad usage.\n";
    return text;
}

int CommandLine::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    if (!parser.parse(arguments)) {
        err() << "omupgrade: " << parser.errorText() << "\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "omupgrade " << QCoreApplication::applicationVersion() << "\n";
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("help")) || positional.isEmpty()) {
        QTextStream(stdout) << helpText();
        return positional.isEmpty() && !parser.isSet(QStringLiteral("help")) ? ExitBadUsage
                                                                             : ExitOk;
    }
    const CommandInfo* command = findCommand(positional.first());
    if (!command) {
        err() << "omupgrade: unknown command \"" << positional.first()
              << "\".\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    if (positional.size() > 1) {
        err() << "omupgrade: unexpected argument \"" << positional.at(1)
              << "\".\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    if (!command->available) {
        err() << "omupgrade: \"" << command->name << "\" is not available in this build yet.\n";
        return ExitFailed;
    }
    QString error;
    const auto sources = ConnectionOptions::read(parser, &error);
    if (!sources) {
        err() << "omupgrade: " << error << "\n";
        return ExitBadUsage;
    }
    return InspectCommand::run(*sources, parser.isSet(QStringLiteral("json")));
}

std::optional<ConnectionSources> CommandLine::sourcesForWizard(const QStringList& arguments)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    QString error;
    if (!parser.parse(arguments)) {
        error = parser.errorText();
    } else if (auto sources = ConnectionOptions::read(parser, &error)) {
        return sources;
    }
    err() << "omupgrade: " << error << "\nTry 'omupgrade --help'.\n";
    return std::nullopt;
}

} // namespace omu::cli
