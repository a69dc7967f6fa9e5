#include "CommandSupport.h"

#include "connection/ConnectionResolver.h"

#include <QJsonDocument>

#include <atomic>
#include <csignal>

namespace omu::cli {

namespace {

std::atomic_bool* interruptFlag = nullptr;

extern "C" void onInterrupt(int signal)
{
    if (interruptFlag && !interruptFlag->exchange(true))
        return; // first time: ask the work to stop cleanly
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

CommandSupport::CommandSupport(const CommandContext& context) : m_context(context) {}

QTextStream& CommandSupport::err() const
{
    static QTextStream stream(stderr);
    return stream;
}

bool CommandSupport::noStrayArguments(qsizetype allowed) const
{
    if (m_context.arguments.size() <= allowed)
        return true;
    err() << "omupgrade: unexpected argument \"" << m_context.arguments.at(allowed)
          << "\".\nTry 'omupgrade " << m_context.parser.positionalArguments().value(0)
          << " --help'.\n";
    return false;
}

std::optional<ConnectionProfile> CommandSupport::resolveProfile() const
{
    const auto resolved = ConnectionResolver::resolve(m_context.sources);
    if (!resolved) {
        fail(resolved.error());
        return std::nullopt;
    }
    for (const QString& warning : resolved.value().warnings)
        err() << "omupgrade: warning: " << warning << "\n";
    return resolved.value().profile;
}

QString CommandSupport::dataFolder() const
{
    return m_context.parser.value(QStringLiteral("data-folder"));
}

int CommandSupport::fail(const Error& error, QJsonObject document) const
{
    err() << "omupgrade: " << error.toString() << "\n";
    err().flush();
    if (m_context.json) {
        document.insert(QStringLiteral("error"), errorJson(error));
        printJson(document);
    }
    return ExitFailed;
}

int CommandSupport::badUsage(const QString& message) const
{
    err() << "omupgrade: " << message << "\n";
    return ExitBadUsage;
}

void CommandSupport::printJson(const QJsonObject& document) const
{
    if (m_context.json)
        QTextStream(stdout) << QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QJsonObject CommandSupport::errorJson(const Error& error)
{
    return QJsonObject{{QStringLiteral("message"), error.message},
                       {QStringLiteral("where"), error.where},
                       {QStringLiteral("advice"), error.advice}};
}

void CommandSupport::addDataFolderOption(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("data-folder"),
                      QStringLiteral("Where omupgrade keeps its journals and reports (default: "
                                     "your data folder)."),
                      QStringLiteral("dir")});
}

void CommandSupport::cancelOnInterrupt(const CancelToken& token)
{
    static CancelToken kept; // keeps the flag alive for the handler
    kept = token;
    interruptFlag = kept.flag();
    struct sigaction action
    {
    };
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

} // namespace omu::cli
