#pragma once

#include "Command.h"

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace omu::cli {

// The help texts and the "did you mean" of the command line.
class CommandHelp
{
public:
    // `omupgrade <command> --help`: its usage, what it does, its own options, the connection
    // options when it takes them, the common ones and an example.
    static QString forCommand(const Command& command);
    // The candidate closest to a mistyped `word` (a few letters off, or the start of one);
    // empty when none is close.
    static QString closest(const QString& word, const QStringList& candidates);
    // " Did you mean \"inspect\"?" for an unknown command, or an empty string.
    static QString commandSuggestion(const QString& name);
    // The same for the unknown options `parser` met, among `parser`'s own.
    static QString optionSuggestion(const QCommandLineParser& parser);
    // The "Options:" part of a parser's help, without Qt's heading or arguments.
    static QString optionsOf(const QCommandLineParser& parser);
};

} // namespace omu::cli
