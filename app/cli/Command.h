#pragma once

#include "connection/ConnectionResolver.h"

#include <QCommandLineParser>
#include <QStringList>

namespace omu::cli {

// What a command gets to run with.
struct CommandContext
{
    const QCommandLineParser& parser; // common, connection and the command's own options
    ConnectionSources sources;        // from the connection options and the environment
    QStringList arguments;            // positional arguments after the command's name
    bool json = false;
};

// One headless command. Adding one means a file with its functions and a row in
// Commands.cpp; nothing else in the command line changes.
struct Command
{
    const char* name;
    const char* summary;
    void (*addOptions)(QCommandLineParser& parser); // its own options; may be null
    int (*run)(const CommandContext& context);      // null: not in this build yet
    const char* arguments = "";                     // after the name in the usage line
    const char* example = "";                       // one typical run, for its --help
    bool connects = true;                           // takes the connection options
};

const QList<Command>& allCommands();
const Command* findCommand(const QString& name);

} // namespace omu::cli
