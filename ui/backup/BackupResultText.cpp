#include "BackupResultText.h"

#include "BackupProgressPanel.h"
#include "common/Markup.h"

#include <QDir>
#include <QLocale>
#include <QObject>

#include <algorithm>
#include <climits>

namespace omu::ui::backuptext {

using markup::escaped;

QString versionText(const std::optional<InspectionReport>& inspection)
{
    if (!inspection)
        return QObject::tr("unknown version");
    return inspection->openMetadata.version.isEmpty() ? QObject::tr("1.0.x or older")
                                                      : inspection->openMetadata.version;
}

QString sourceHtml(const QString& displayName, const QString& openMetadataVersion, qint64 bytes)
{
    return QObject::tr("Database: <b>%1</b> &mdash; OpenMetadata %2, %3 (data and indexes).")
        .arg(escaped(displayName), escaped(openMetadataVersion), dataSize(bytes));
}

QString backupEndingSummary(const BackupOutcome& backup, const std::optional<VerifyReport>& verify,
                            Ending* ending)
{
    *ending = backup.ending;
    if (backup.ending != Ending::Succeeded || !verify)
        return {};
    *ending = verify->ending;
    return QObject::tr("%1 rows \u00b7 %2 written in %3 s \u00b7 checked in %4 s")
        .arg(QLocale().toString(backup.manifest.rows), dataSize(backup.manifest.bytes),
             QString::number(backup.seconds, 'f', 1), QString::number(verify->seconds, 'f', 1));
}

QString restoreEndingSummary(const RestoreOutcome& restored)
{
    if (restored.ending != Ending::Succeeded)
        return {};
    return QObject::tr("%1 rows restored in %2 s")
        .arg(QLocale().toString(restored.rows), QString::number(restored.seconds, 'f', 1));
}

QString backupProblemHtml(const BackupOutcome& backup, QString* state)
{
    if (backup.ending == Ending::Cancelled) {
        *state = QStringLiteral("cancelled");
        return QObject::tr("<b>Backup cancelled.</b> Nothing was kept: no file that could be "
                           "taken for a backup is left in the folder.");
    }
    if (backup.ending == Ending::Failed) {
        *state = QStringLiteral("failed");
        return errorHtml(QObject::tr("The backup failed"), backup.error) +
               QObject::tr("<br><br>Nothing that looks like a finished backup was left.");
    }
    return {};
}

QString errorHtml(const QString& title, const Error& error)
{
    QString html = QStringLiteral("<b>\u2717 %1</b><br>").arg(escaped(title));
    html += escaped(error.where.isEmpty() ? error.message
                                          : error.where + QStringLiteral(": ") + error.message);
    if (!error.advice.isEmpty())
        html += QStringLiteral("<br><br><b>%1</b> %2")
                    .arg(QObject::tr("What to do:"), markup::escapedLines(error.advice));
    return html;
}

QString backupSummary(const BackupOutcome& backup)
{
    const BackupManifest& manifest = backup.manifest;
    return QObject::tr("%1<br>%2 tables, %3 rows, %4, in %5 s. SHA-256 <tt>%6</tt>")
        .arg(escaped(QDir::toNativeSeparators(backup.file)))
        .arg(manifest.tables.size())
        .arg(QLocale().toString(manifest.rows), dataSize(manifest.bytes))
        .arg(QString::number(backup.seconds, 'f', 1),
             manifest.sha256.left(16) + QStringLiteral("\u2026"));
}

QString unverifiedHtml(const QString& summary, const VerifyReport& verify, QString* state)
{
    const bool cancelled = verify.ending == Ending::Cancelled;
    *state = cancelled ? QStringLiteral("stale") : QStringLiteral("failed");
    const QString why = verify.problems.isEmpty() ? verify.error.message
                                                  : verify.problems.join(QStringLiteral("; "));
    return QObject::tr("<b>\u2717 The backup was written but is not verified.</b><br>%1<br><br>%2")
        .arg(summary, cancelled
                          ? QObject::tr("The check was cancelled. Back up again to get a verified "
                                        "backup.")
                          : escaped(why) + QObject::tr("<br><b>What to do:</b> do not rely on it; "
                                                       "back up again."));
}

QString verifiedHtml(const QString& summary, const VerifyReport& verify,
                     const BackupOutcome& backup, const Status& journaled)
{
    QString html =
        QObject::tr("<b>\u2713 Backup verified</b> (%1)<br>%2")
            .arg(verify.deep ? QObject::tr("replayed into a scratch copy and compared, table by "
                                           "table")
                             : QObject::tr("the file matches its manifest, table by table"),
                 summary);
    html += journaled ? QObject::tr("<br>Recorded in the upgrade journal.")
                      : QStringLiteral("<br>") +
                            markup::warning(QObject::tr("Not recorded in the journal: %1")
                                                .arg(journaled.error().toString()));
    for (const QString& note : backup.notes)
        html += QStringLiteral("<br>") + markup::coloured(markup::noteColour, note);
    return html;
}

namespace {

QString notesHtml(const RestoreOutcome& restored)
{
    QString notes;
    for (const QString& note : restored.notes)
        notes += QStringLiteral("<br>") + markup::warning(note);
    return notes;
}

} // namespace

QString restoredHtml(const RestoreOutcome& restored, const QString& target, bool journaled)
{
    return QObject::tr("<b>\u2713 Restored</b> %1 rows in %2 tables into %3 in %4 s.%5%6")
        .arg(QLocale().toString(restored.rows))
        .arg(restored.rowsPerTable.size())
        .arg(escaped(target), QString::number(restored.seconds, 'f', 1),
             journaled ? QString() : QObject::tr(" (not recorded in the journal)"),
             notesHtml(restored));
}

QString restoreProblemHtml(const RestoreOutcome& restored, QString* state)
{
    const QString notes = notesHtml(restored);
    if (restored.ending == Ending::Cancelled) {
        *state = QStringLiteral("stale");
        return QObject::tr("<b>Restore cancelled.</b> %1").arg(escaped(restored.error.message)) +
               notes;
    }
    *state = QStringLiteral("failed");
    return errorHtml(QObject::tr("The restore failed"), restored.error) + notes;
}

QString reusedHtml(const JournalProgress::BackupRecord& record)
{
    return QObject::tr(
               "<b>\u2713 A verified backup of this database at this version is on "
               "record</b> (%1, %2)<br><tt>%3</tt>, %Ln row(s), SHA-256 <tt>%4</tt><br>Next "
               "uses it as the way back. <b>Back up</b> takes a new one.",
               nullptr, int(std::min<qint64>(record.rows, INT_MAX)))
        .arg(record.deep ? QObject::tr("replayed and compared")
                         : QObject::tr("checked against its manifest"),
             escaped(markup::localTime(record.time)), escaped(record.file),
             escaped(record.sha256.left(16)) + QStringLiteral("\u2026"));
}

QString runningText(bool restoring)
{
    return restoring ? QObject::tr("A backup is being restored into this database. Stopping it is "
                                   "the page's Cancel: the tables restored so far stay replaced, "
                                   "the one under way only partly, so the database must be "
                                   "restored again before it is used.")
                     : QObject::tr("A backup is being written. Stopping it is the page's Cancel: "
                                   "the unfinished file is deleted, the database is not changed, "
                                   "and the Backup step asks for a backup again next time.");
}

} // namespace omu::ui::backuptext
