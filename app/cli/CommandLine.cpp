#include "CommandLine.h"

#include "Command.h"
#include "CommandSupport.h"
#include "ConnectionOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

namespace omu::cli {

namespace {

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
    CommandSupport::addDataFolderOption(parser);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("What to run; none opens the wizard."));
}

} // namespace

bool CommandLine::wantsCommandLine(int argc, char* argv[])
{
    if (argc > 1 && argv[1][0] != '-')
        return true; // a command, or something unknown to complain about
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h") ||
            !std::strcmp(argv[i], "--version") || !std::strcmp(argv[i], "-v") ||
            !std::strcmp(argv[i], "--json"))
            return true;
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
    out << "Usage: omupgrade [<command> [arguments]] [options]\n\n"
        << "Guided, loss-free upgrades of OpenMetadata deployments. With no command, opens the\n"
        << "upgrade wizard (the connection options below prefill it).\n\nCommands:\n";
    for (const auto& command : allCommands())
        if (command.run)
            out << QStringLiteral("  %1 %2\n")
                       .arg(QLatin1String(command.name), -10)
                       .arg(QLatin1String(command.summary));
    out << "\nNot in this build yet: ";
    QStringList pending;
    for (const auto& command : allCommands())
        if (!command.run)
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
    // The command comes first (omupgrade <command> [options]), so its own options can be
    // added before parsing.
    const QString name = arguments.size() > 1 && !arguments.at(1).startsWith(QLatin1Char('-'))
                             ? arguments.at(1)
                             : QString();
    const Command* command = name.isEmpty() ? nullptr : findCommand(name);
    if (!name.isEmpty() && !command) {
        err() << "omupgrade: unknown command \"" << name << "\".\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }

    QCommandLineParser parser;
    addCommonOptions(parser);
    if (command && command->addOptions)
        command->addOptions(parser);
    if (!parser.parse(arguments)) {
        err() << "omupgrade: " << parser.errorText() << "\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "omupgrade " << QCoreApplication::applicationVersion() << "\n";
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("help")) || !command) {
        QTextStream out(stdout);
        out << helpText();
        if (command && command->addOptions) { // `omupgrade <command> --help`: its own options too
            QCommandLineParser own;
            command->addOptions(own);
            QString options = own.helpText();
            options = options.mid(options.indexOf(QLatin1String("Options:")) + 8).trimmed();
            out << "\nOptions of " << command->name << ":\n  " << options << "\n";
        }
        return parser.isSet(QStringLiteral("help")) ? ExitOk : ExitBadUsage;
    }
    if (!command->run) {
        err() << "omupgrade: \"" << command->name << "\" is not available in this build yet.\n";
        return ExitFailed;
    }
    QString error;
    auto sources = ConnectionOptions::read(parser, &error);
    if (!sources) {
        err() << "omupgrade: " << error << "\n";
        return ExitBadUsage;
    }
    const CommandContext context{parser, std::move(*sources), parser.positionalArguments().mid(1),
                                 parser.isSet(QStringLiteral("json"))};
    return command->run(context);
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
