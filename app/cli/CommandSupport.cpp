#include "CommandSupport.h"

#include "common/DisplayText.h"
#include "connection/ConnectionResolver.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

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

// The last resort after an interrupt: the work stops by itself within a second or so
// (the watchdog cancels even a blocked statement); what cannot be interrupted (a
// connection attempt to a frozen server) is cut short here. Every file a backup writes
// is a .partial until it is complete, so ending here leaves nothing complete-looking.
void endSoonAfterInterrupt(const std::atomic_bool* flag)
{
    std::thread([flag] {
        while (!flag->load())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::this_thread::sleep_for(std::chrono::milliseconds(1600));
        static const char message[] =
            "omupgrade: cancelled: the work did not stop within 2 seconds of the interrupt, so "
            "it was ended; nothing complete-looking was left (the next backup into the folder "
            "removes the unfinished files)\n";
        static_cast<void>(::write(STDERR_FILENO, message, sizeof message - 1));
        ::_exit(130);
    }).detach();
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
    // A last guard: whatever a message quotes, no control character reaches the terminal.
    err() << "omupgrade: " << DisplayText::lines(error.toString()) << "\n";
    err().flush();
    if (m_context.json) {
        document.insert(QStringLiteral("error"), errorJson(error));
        printJson(document);
    }
    return ExitFailed;
}

int CommandSupport::badUsage(const QString& message) const
{
    err() << "omupgrade: " << message << "\nTry 'omupgrade "
          << m_context.parser.positionalArguments().value(0) << " --help'.\n";
    return ExitBadUsage;
}

std::optional<CommandSupport::Replacement>
CommandSupport::startReplacing(const QString& needsInput, const QString& confirmation,
                               int* exitCode) const
{
    *exitCode = ExitBadUsage;
    if (!noStrayArguments())
        return std::nullopt;
    const QString file = m_context.parser.value(QStringLiteral("input"));
    if (file.isEmpty()) {
        badUsage(needsInput);
        return std::nullopt;
    }
    auto profile = resolveProfile();
    if (!profile) {
        *exitCode = ExitFailed;
        return std::nullopt;
    }
    if (!m_context.parser.isSet(QStringLiteral("yes"))) {
        badUsage(confirmation.arg(profile->displayName()));
        return std::nullopt;
    }
    return Replacement{QFileInfo(file).absoluteFilePath(), *std::move(profile)};
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
    endSoonAfterInterrupt(interruptFlag);
}

void CommandSupport::addWaitOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("lock-timeout"),
         QStringLiteral("Seconds to wait for a lock another session holds before giving up "
                        "(default 120); the holder is shown while waiting."),
         QStringLiteral("seconds")},
        {QStringLiteral("stall-timeout"),
         QStringLiteral("Seconds without any progress before a frozen or unreachable server is "
                        "given up on (default 120)."),
         QStringLiteral("seconds")},
    });
}

std::optional<WaitLimits> CommandSupport::waitLimits() const
{
    WaitLimits limits;
    for (const auto& [name, target] :
         {std::pair{QStringLiteral("lock-timeout"), &limits.lockTimeoutSeconds},
          std::pair{QStringLiteral("stall-timeout"), &limits.stallTimeoutSeconds}}) {
        if (!m_context.parser.isSet(name))
            continue;
        bool ok = false;
        const int value = m_context.parser.value(name).toInt(&ok);
        if (!ok || value < 1 || value > WaitLimits::maxSeconds) {
            badUsage(
                QStringLiteral("--%1 must be a whole number of seconds from 1 to %2, not \"%3\".")
                    .arg(name)
                    .arg(WaitLimits::maxSeconds)
                    .arg(DisplayText::value(m_context.parser.value(name), 40)));
            return std::nullopt;
        }
        *target = value;
    }
    return limits;
}

} // namespace omu::cli
