#include "BackupCommand.h"

#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "common/DisplayText.h"
#include "connection/ConnectionResolver.h"
#include "ExitCode.h"
#include "journal/UpgradeJournal.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <atomic>
#include <csignal>
#include <malloc.h>
#include <memory>
#include <mutex>
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

void BackupCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("output"), QStringLiteral("Folder to write the backup to."),
         QStringLiteral("dir")},
        {QStringLiteral("filename"),
         QStringLiteral("File name (default openmetadata_YYYYmmddHHMM_backup.sql)."),
         QStringLiteral("name")},
    });
    addWaitOptions(parser);
}

void BackupCommand::keepMemoryFlat()
{
    ::mallopt(M_MMAP_THRESHOLD, 256 * 1024); // fixed: no longer raised after the first free
    ::mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
}

QJsonObject BackupCommand::errorJson(const Error& error)
{
    return QJsonObject{{QStringLiteral("message"), error.message},
                       {QStringLiteral("where"), error.where},
                       {QStringLiteral("advice"), error.advice}};
}

std::optional<ConnectionProfile> BackupCommand::resolveProfile(const CommandContext& context,
                                                               QTextStream& err)
{
    const auto resolved = ConnectionResolver::resolve(context.sources);
    if (!resolved) {
        err << "omupgrade: " << resolved.error().toString() << "\n";
        return std::nullopt;
    }
    for (const QString& warning : resolved.value().warnings)
        err << "omupgrade: warning: " << warning << "\n";
    return resolved.value().profile;
}

void BackupCommand::cancelOnInterrupt(const CancelToken& token)
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

void BackupCommand::addWaitOptions(QCommandLineParser& parser)
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

std::optional<WaitLimits> BackupCommand::waitLimits(const CommandContext& context, QTextStream& err)
{
    WaitLimits limits;
    for (const auto& [name, target] :
         {std::pair{QStringLiteral("lock-timeout"), &limits.lockTimeoutSeconds},
          std::pair{QStringLiteral("stall-timeout"), &limits.stallTimeoutSeconds}}) {
        if (!context.parser.isSet(name))
            continue;
        bool ok = false;
        const int value = context.parser.value(name).toInt(&ok);
        if (!ok || value < 1 || value > WaitLimits::maxSeconds) {
            err << "omupgrade: --" << name << " must be a whole number of seconds from 1 to "
                << WaitLimits::maxSeconds << ", not \""
                << DisplayText::value(context.parser.value(name), 40) << "\".\n";
            return std::nullopt;
        }
        *target = value;
    }
    return limits;
}

ProgressCallback BackupCommand::progressPrinter(QTextStream& err)
{
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto lastTable = std::make_shared<QString>(QStringLiteral("\x01"));
    auto lastPhase = std::make_shared<int>(-1);
    auto lastWaiting = std::make_shared<QString>();
    // Reports come from the work's thread and, while it waits, from its watchdog's.
    auto mutex = std::make_shared<std::mutex>();
    return [&err, terminal, timer, lastTable, lastPhase, lastWaiting,
            mutex](const BackupProgress& progress) {
        std::lock_guard lock(*mutex);
        // A wait is news: its own line whenever it starts, changes or ends.
        if (progress.waiting != *lastWaiting) {
            err << (terminal ? "\r\033[K" : "") << "omupgrade: "
                << (progress.waiting.isEmpty() ? QStringLiteral("no longer waiting")
                                               : progress.waiting)
                << "\n";
            err.flush();
            *lastWaiting = progress.waiting;
            return;
        }
        const bool newPhase = int(progress.phase) != *lastPhase;
        if (terminal) {
            if (newPhase || progress.table != *lastTable || timer->elapsed() >= 200) {
                err << "\r\033[K" << progress.summaryLine();
                err.flush();
                timer->restart();
            }
        } else if (newPhase || timer->elapsed() >= 3000) {
            err << progress.summaryLine() << "\n";
            err.flush();
            timer->restart();
        }
        *lastTable = progress.table;
        *lastPhase = int(progress.phase);
    };
}

int BackupCommand::run(const CommandContext& context)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    if (!context.arguments.isEmpty()) {
        err << "omupgrade: unexpected argument \"" << context.arguments.first()
            << "\".\nTry 'omupgrade --help'.\n";
        return ExitBadUsage;
    }
    const QString folder = context.parser.value(QStringLiteral("output"));
    if (folder.isEmpty()) {
        err << "omupgrade: backup needs --output DIR, the folder to write the backup to.\n";
        return ExitBadUsage;
    }
    const auto profile = resolveProfile(context, err);
    if (!profile)
        return ExitFailed;

    const auto limits = waitLimits(context, err);
    if (!limits)
        return ExitBadUsage;
    keepMemoryFlat();
    BackupOptions options;
    options.folder = folder;
    options.limits = *limits;
    options.fileName = context.parser.value(QStringLiteral("filename"));
    CancelToken cancel;
    cancelOnInterrupt(cancel);
    const ProgressCallback progress = progressPrinter(err);

    err << "omupgrade: backing up " << profile->displayName() << " to "
        << QDir(folder).absolutePath() << "\n";
    err.flush();
    const BackupOutcome outcome = BackupWriter::run(*profile, options, progress, cancel);
    if (terminal)
        err << "\r\033[K";
    for (const QString& note : outcome.notes)
        err << "omupgrade: " << note << "\n";

    if (outcome.ending != TaskEnding::Succeeded) {
        err << "omupgrade: backup "
            << (outcome.ending == TaskEnding::Cancelled ? "cancelled" : "failed") << ": "
            << outcome.error.toString() << "\n";
        if (context.json)
            out << QJsonDocument(QJsonObject{{QStringLiteral("error"), errorJson(outcome.error)},
                                             {QStringLiteral("cancelled"),
                                              outcome.ending == TaskEnding::Cancelled}})
                       .toJson();
        return ExitFailed;
    }

    // Read the file back against its manifest before saying it is done.
    const VerifyReport verify =
        BackupVerifier::quick(outcome.file, outcome.manifestFile, progress, cancel);
    if (terminal)
        err << "\r\033[K";
    const BackupManifest& manifest = outcome.manifest;
    if (verify.verified) {
        // The migration gate looks for this entry.
        const Status journaled = UpgradeJournal::forDeployment(*profile).append(
            QStringLiteral("backup"), QStringLiteral("verified"),
            QJsonObject{{QStringLiteral("file"), outcome.file},
                        {QStringLiteral("sha256"), manifest.sha256},
                        {QStringLiteral("openMetadataVersion"), manifest.openMetadataVersion},
                        {QStringLiteral("rows"), manifest.rows},
                        {QStringLiteral("bytes"), manifest.bytes},
                        {QStringLiteral("by"), QStringLiteral("omupgrade backup")}});
        if (!journaled)
            err << "omupgrade: warning: could not record the backup in the journal: "
                << journaled.error().toString() << "\n";
    } else {
        err << "omupgrade: the backup was written but "
            << (verify.ending == TaskEnding::Cancelled ? "its check was cancelled"
                                                       : "does not match its manifest")
            << ": "
            << (verify.problems.isEmpty() ? verify.error.toString()
                                          : verify.problems.join(QStringLiteral("; ")))
            << "\nDo not rely on it; back up again.\n";
    }

    if (context.json) {
        QJsonObject document{
            {QStringLiteral("file"), outcome.file},
            {QStringLiteral("manifest"), outcome.manifestFile},
            {QStringLiteral("tables"), manifest.tables.size()},
            {QStringLiteral("rows"), manifest.rows},
            {QStringLiteral("bytes"), manifest.bytes},
            {QStringLiteral("sha256"), manifest.sha256},
            {QStringLiteral("seconds"), outcome.seconds},
            {QStringLiteral("verified"), verify.verified},
            {QStringLiteral("verifySeconds"), verify.seconds},
            {QStringLiteral("engine"), manifest.engine},
            {QStringLiteral("openMetadataVersion"), manifest.openMetadataVersion},
            {QStringLiteral("notes"), QJsonArray::fromStringList(outcome.notes)},
        };
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
    } else {
        const QLocale c = QLocale::c();
        out << "Backup    " << outcome.file << "\n"
            << "Manifest  " << outcome.manifestFile << "\n"
            << "Tables    " << manifest.tables.size() << ", " << c.toString(manifest.rows)
            << " rows, " << c.formattedDataSize(manifest.bytes) << " in "
            << QString::number(outcome.seconds, 'f', 1) << " s\n"
            << "SHA-256   " << manifest.sha256 << "\n"
            << "Verified  "
            << (verify.verified ? "yes (read back: the file matches its manifest)" : "NO") << "\n";
    }
    return verify.verified ? ExitOk : ExitFailed;
}

} // namespace omu::cli
