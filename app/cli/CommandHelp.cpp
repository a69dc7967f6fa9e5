#include "CommandHelp.h"

#include "CommandSupport.h"
#include "ConnectionOptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <limits>

namespace omu::cli {

namespace {

int editDistance(const QString& a, const QString& b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (int j = 1; j <= b.size(); ++j)
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1,
                                   previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1)});
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

QString CommandHelp::optionsOf(const QCommandLineParser& parser)
{
    QString text = parser.helpText();
    const auto start = text.indexOf(QLatin1String("Options:"));
    if (start < 0)
        return {};
    text = text.mid(start + 8);
    const auto arguments = text.indexOf(QLatin1String("Arguments:"));
    if (arguments >= 0)
        text = text.left(arguments);
    // Qt indents the first line less once the heading is cut off.
    return QStringLiteral("  ") + text.trimmed();
}

QString CommandHelp::forCommand(const Command& command)
{
    QString text;
    QTextStream out(&text);
    const QString arguments = QLatin1String(command.arguments);
    out << "Usage: omupgrade " << command.name
        << (arguments.isEmpty() ? QString() : QLatin1Char(' ') + arguments)
        << (command.connects ? " [connection options]" : "") << " [--json]\n\n"
        << command.summary << "\n";
    if (command.addOptions) {
        QCommandLineParser own;
        command.addOptions(own);
        out << "\nOptions of " << command.name << ":\n" << optionsOf(own) << "\n";
    }
    if (command.connects) {
        QCommandLineParser connection;
        ConnectionOptions::addTo(connection);
        out << "\nConnection options (they win over the files; the password comes from\n"
               "--password-file or OMU_DB_PASSWORD, never from the command line):\n"
            << optionsOf(connection) << "\n";
    }
    QCommandLineParser common;
    common.addOption(
        {QStringLiteral("json"), QStringLiteral("Print one JSON document on stdout.")});
    if (command.connects)
        CommandSupport::addDataFolderOption(common);
    common.addOption(
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")});
    out << "\nCommon options:\n"
        << optionsOf(common) << "\n\nExample:\n  " << command.example
        << "\n\nExit codes: 0 done, 1 warnings only, 2 blocking problems or a failed operation, "
           "64 bad usage.\nEvery command: omupgrade --help\n";
    return text;
}

QString CommandHelp::closest(const QString& word, const QStringList& candidates)
{
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    const QString typed = word.toLower();
    for (const QString& candidate : candidates) {
        int distance = editDistance(typed, candidate);
        if (typed.size() >= 3 && candidate.startsWith(typed))
            distance = std::min(distance, 1); // "insp" for "inspect"
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    // A third of the word may be wrong, at least one letter and at most three.
    const int allowed = std::clamp(int(typed.size()) / 3, 1, 3);
    return bestDistance <= allowed ? best : QString();
}

QString CommandHelp::commandSuggestion(const QString& name)
{
    QStringList names;
    for (const auto& command : allCommands())
        names << QLatin1String(command.name);
    const QString match = closest(name, names);
    return match.isEmpty() ? QString() : QStringLiteral(" Did you mean \"%1\"?").arg(match);
}

QString CommandHelp::optionSuggestion(const QCommandLineParser& parser)
{
    QStringList known;
    const QString help = parser.helpText();
    // The option names as the help lists them ("--config <file>").
    for (const QString& line : help.split(QLatin1Char('\n')))
        for (const QString& word :
             line.split(QRegularExpression(QStringLiteral("[ ,]+")), Qt::SkipEmptyParts))
            if (word.startsWith(QLatin1String("--")))
                known << word.mid(2);
    for (const QString& unknown : parser.unknownOptionNames()) {
        const QString match = closest(unknown, known);
        if (!match.isEmpty())
            return QStringLiteral(" Did you mean --%1?").arg(match);
    }
    return {};
}

} // namespace omu::cli
