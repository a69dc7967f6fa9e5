#include "VerifyCommand.h"

#include "backup/BackupFiles.h"
#include "backup/BackupVerifier.h"
#include "BackupCommand.h"
#include "CommandSupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <unistd.h>

namespace omu::cli {

void VerifyCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        {QStringLiteral("input"), QStringLiteral("The backup file to check."),
         QStringLiteral("file")},
        {QStringLiteral("scratch-database"),
         QStringLiteral("Deep check: replay into this scratch database (a schema on PostgreSQL), "
                        "new or empty, and compare; it is dropped afterwards."),
         QStringLiteral("name")},
        {QStringLiteral("deep"), QStringLiteral("Deep check with a scratch name chosen for you.")},
    });
    CommandSupport::addWaitOptions(parser);
}

int VerifyCommand::run(const CommandContext& context)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const CommandSupport support(context);
    if (!support.noStrayArguments())
        return ExitBadUsage;
    const QString file = context.parser.value(QStringLiteral("input"));
    if (file.isEmpty()) {
        err << "omupgrade: verify needs --input FILE, the backup to check.\n";
        return ExitBadUsage;
    }
    const QString scratch = context.parser.value(QStringLiteral("scratch-database"));
    if (context.parser.isSet(QStringLiteral("scratch-database")) && scratch.trimmed().isEmpty()) {
        err << "omupgrade: --scratch-database needs a name; use --deep to let omupgrade choose "
               "one.\n";
        return ExitBadUsage;
    }
    const bool deep = !scratch.isEmpty() || context.parser.isSet(QStringLiteral("deep"));
    const auto limits = support.waitLimits();
    if (!limits)
        return ExitBadUsage;
    BackupCommand::keepMemoryFlat();
    CancelToken cancel;
    CommandSupport::cancelOnInterrupt(cancel);
    const ProgressCallback progress = BackupCommand::progressPrinter(err);

    VerifyReport report;
    if (deep) {
        const auto profile = support.resolveProfile();
        if (!profile)
            return ExitFailed;
        report = BackupVerifier::deep(*profile, file, scratch, progress, cancel, *limits);
    } else {
        report = BackupVerifier::quick(file, {}, progress, cancel);
    }
    if (::isatty(STDERR_FILENO) == 1)
        err << "\r\033[K";
    for (const QString& note : report.notes)
        err << "omupgrade: " << note << "\n";

    int exitCode = ExitOk;
    if (report.ending != Ending::Succeeded || !report.problems.isEmpty())
        exitCode = ExitFailed;
    else if (!report.verified)
        exitCode = ExitWarnings; // no manifest: well formed, nothing to check it against
    if (exitCode == ExitFailed)
        err << "omupgrade: "
            << (report.ending == Ending::Cancelled ? "cancelled: " : "NOT verified: ")
            << report.error.toString() << "\n";

    if (context.json) {
        QJsonObject document{
            {QStringLiteral("file"), QFileInfo(file).absoluteFilePath()},
            {QStringLiteral("manifest"),
             report.manifestFound
                 ? QJsonValue(QFileInfo(BackupFiles::manifestPath(file)).absoluteFilePath())
                 : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("verified"), report.verified},
            {QStringLiteral("deep"), report.deep},
            {QStringLiteral("tables"), report.tables},
            {QStringLiteral("rows"), report.rows},
            {QStringLiteral("bytes"), report.bytes},
            {QStringLiteral("sha256"), report.sha256},
            {QStringLiteral("openMetadataVersion"), report.manifest.openMetadataVersion},
            {QStringLiteral("problems"), QJsonArray::fromStringList(report.problems)},
            {QStringLiteral("notes"), QJsonArray::fromStringList(report.notes)},
            {QStringLiteral("seconds"), report.seconds},
        };
        if (report.ending == Ending::Failed && report.problems.isEmpty())
            document.insert(QStringLiteral("error"), CommandSupport::errorJson(report.error));
        out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        return exitCode;
    }
    const QLocale c = QLocale::c();
    out << "File      " << QFileInfo(file).absoluteFilePath() << "\n"
        << "Content   " << report.tables << " tables, " << c.toString(report.rows) << " rows, "
        << c.formattedDataSize(report.bytes) << "\n"
        << "SHA-256   " << report.sha256 << "\n";
    if (report.manifestFound)
        out << "Taken     " << report.manifest.startedAt << " from " << report.manifest.source
            << " (OpenMetadata "
            << (report.manifest.openMetadataVersion.isEmpty() ? QStringLiteral("unknown")
                                                              : report.manifest.openMetadataVersion)
            << ")\n";
    for (const QString& problem : report.problems)
        out << "Problem   " << problem << "\n";
    out << "Verified  "
        << (report.verified ? (report.deep ? "yes (deep: replayed into a scratch copy and compared)"
                                           : "yes (the file matches its manifest)")
            : report.manifestFound || !report.problems.isEmpty()
                ? "NO"
                : "no manifest: cannot be verified")
        << "\n";
    return exitCode;
}

} // namespace omu::cli
