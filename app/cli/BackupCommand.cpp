#include "BackupCommand.h"

#include "backup/BackupRecorder.h"
#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "CommandSupport.h"
#include "connection/ConnectionResolver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <malloc.h>
#include <memory>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace omu::cli {

void BackupCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("output"), QStringLiteral("Folder to write the backup to."),
         QStringLiteral("dir")},
        {QStringLiteral("filename"),
         QStringLiteral("File name (default openmetadata_YYYYmmddHHMM_backup.sql)."),
         QStringLiteral("name")},
    });
    CommandSupport::addWaitOptions(parser);
}

void BackupCommand::keepMemoryFlat()
{
    ::mallopt(M_MMAP_THRESHOLD, 256 * 1024); // fixed: no longer raised after the first free
    ::mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
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
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    const QString folder = context.parser.value(QStringLiteral("output"));
    if (folder.isEmpty()) {
        err << "omupgrade: backup needs --output DIR, the folder to write the backup to.\n";
        return ExitBadUsage;
    }
    const auto profile = support.resolveProfile();
    if (!profile)
        return ExitFailed;

    const auto limits = support.waitLimits();
    if (!limits)
        return ExitBadUsage;
    keepMemoryFlat();
    BackupOptions options;
    options.folder = folder;
    options.limits = *limits;
    options.fileName = context.parser.value(QStringLiteral("filename"));
    CancelToken cancel;
    CommandSupport::cancelOnInterrupt(cancel);
    const ProgressCallback progress = progressPrinter(err);

    err << "omupgrade: backing up " << profile->displayName() << " to "
        << QDir(folder).absolutePath() << "\n";
    err.flush();
    const BackupOutcome outcome = BackupWriter::run(*profile, options, progress, cancel);
    if (terminal)
        err << "\r\033[K";
    for (const QString& note : outcome.notes)
        err << "omupgrade: " << note << "\n";

    if (outcome.ending != Ending::Succeeded) {
        err << "omupgrade: backup "
            << (outcome.ending == Ending::Cancelled ? "cancelled" : "failed") << ": "
            << outcome.error.toString() << "\n";
        if (context.json)
            out << QJsonDocument(
                       QJsonObject{
                           {QStringLiteral("error"), CommandSupport::errorJson(outcome.error)},
                           {QStringLiteral("cancelled"), outcome.ending == Ending::Cancelled}})
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
        const Status journaled =
            BackupRecorder(*profile, support.dataFolder())
                .verified(outcome.file, manifest, false, QStringLiteral("omupgrade backup"));
        if (!journaled)
            err << "omupgrade: warning: could not record the backup in the journal: "
                << journaled.error().toString() << "\n";
    } else {
        err << "omupgrade: the backup was written but "
            << (verify.ending == Ending::Cancelled ? "its check was cancelled"
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
