#include "UpgradeReport.h"

#include "common/AtomicFile.h"
#include "common/PrivateFolder.h"
#include "common/SecretMasker.h"
#include "HumanUnits.h"
#include "journal/JournalNames.h"
#include "ReportHtml.h"
#include "ReportSteps.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace omu {

namespace {

QString deploymentText(const std::optional<ConnectionProfile>& profile, const QString& journal)
{
    if (!profile)
        return QFileInfo(QFileInfo(journal).absolutePath()).fileName();
    QString where =
        QStringLiteral("%1 on %2:%3").arg(profile->database, profile->host).arg(profile->port);
    if (profile->engine == Engine::Postgres &&
        profile->effectiveSchema() != QLatin1String("public"))
        where += QStringLiteral(", schema %1").arg(profile->effectiveSchema());
    return where + (profile->engine == Engine::Postgres ? QStringLiteral(" (PostgreSQL)")
                                                        : QStringLiteral(" (MySQL / MariaDB)"));
}

struct Verdict
{
    QString name;  // for programs
    QString state; // "done", "failed", "attention"
    QString text;
};

Verdict verdictOf(const ReportSteps& steps)
{
    const QString to = steps.toVersion();
    const auto& start = steps.migrationStart();
    const auto& end = steps.migrationEnd();
    const auto& check = steps.databaseCheck();
    const QString ending = end ? end->data.value(QStringLiteral("ending")).toString() : QString();
    if (const auto& end = steps.rollbackEnd();
        end && end->data.value(QStringLiteral("ending")).toString() == QLatin1String("succeeded"))
        return {QStringLiteral("rolled-back"), QStringLiteral("attention"),
                QStringLiteral("Rolled back: the migration to %1 was undone; the database is back "
                               "at %2 from the backup.")
                    .arg(to, end->data.value(QStringLiteral("to")).toString())};
    if (steps.rollbackStart() && !steps.rollbackEnd())
        return {QStringLiteral("rollback-interrupted"), QStringLiteral("failed"),
                QStringLiteral("Rollback interrupted: a rollback after the migration to %1 "
                               "started and did not finish. Run omupgrade rollback again.")
                    .arg(to)};
    if (steps.restoreAfterRun())
        return {QStringLiteral("rolled-back"), QStringLiteral("attention"),
                QStringLiteral("Rolled back: after the migration to %1 started, the database was "
                               "restored from the backup.")
                    .arg(to)};
    if (!start)
        return {QStringLiteral("not-migrated"), QStringLiteral("attention"),
                QStringLiteral("Not upgraded: the migration has not run.")};
    if (check && check->event == QLatin1String(journal::event::verified))
        return {QStringLiteral("upgraded"), QStringLiteral("done"),
                QStringLiteral("Upgraded to %1: the database records it.").arg(to)};
    if (!end)
        return {QStringLiteral("interrupted"), QStringLiteral("failed"),
                QStringLiteral("Interrupted: the migration to %1 started and no end was recorded. "
                               "Check the database's state before anything else.")
                    .arg(to)};
    if (ending == QLatin1String("succeeded") && check)
        return {QStringLiteral("not-confirmed"), QStringLiteral("failed"),
                QStringLiteral("Not confirmed: the migration tool ended without an error, but the "
                               "database does not record %1.")
                    .arg(to)};
    if (ending == QLatin1String("succeeded"))
        return {QStringLiteral("migrated-unchecked"), QStringLiteral("attention"),
                QStringLiteral("Migrated to %1 by the tool; the database has not been read back "
                               "yet (the After step did not run).")
                    .arg(to)};
    if (ending == QLatin1String("cancelled"))
        return {QStringLiteral("cancelled"), QStringLiteral("failed"),
                QStringLiteral("Cancelled: the migration to %1 was stopped before it finished.")
                    .arg(to)};
    return {QStringLiteral("failed"), QStringLiteral("failed"),
            QStringLiteral("Failed: the migration to %1 did not complete.").arg(to)};
}

} // namespace

QString UpgradeReport::defaultFolder(const UpgradeJournal& journal)
{
    return QFileInfo(journal.path()).absolutePath();
}

Result<QJsonObject> UpgradeReport::build(const UpgradeJournal& journal, const Options& options)
{
    const auto entries = journal.entries();
    if (!entries)
        return entries.error();
    if (entries.value().isEmpty())
        return makeError(QStringLiteral("the upgrade journal is empty: nothing has been done on "
                                        "this deployment yet"),
                         journal.path(),
                         QStringLiteral("Run the upgrade (or a step of it) first; check the "
                                        "connection options point at the right database."));
    const ReportSteps steps(entries.value());
    const Verdict verdict = verdictOf(steps);

    ReportSection connection{QStringLiteral("connection"), QStringLiteral("Connection")};
    const QList<ConnectionField> fields = !options.connection.isEmpty() ? options.connection
                                          : options.profile
                                              ? ConnectionOrigins::describe(*options.profile)
                                              : QList<ConnectionField>();
    QJsonArray connectionRows;
    for (const ConnectionField& field : fields)
        connectionRows.append(
            QJsonArray{field.field, field.value,
                       field.origin.isEmpty() ? QStringLiteral("not known") : field.origin});
    connection.state = fields.isEmpty() ? QStringLiteral("not-run") : QStringLiteral("done");
    connection.stateText = fields.isEmpty() ? QStringLiteral("not given") : QString();
    connection.text = fields.isEmpty() ? QStringLiteral("The connection was not given to the "
                                                        "report.")
                                       : QStringLiteral("The database the upgrade worked on, and "
                                                        "where each value came from.");
    if (!fields.isEmpty())
        connection.addTable(
            QString(),
            {QStringLiteral("Setting"), QStringLiteral("Value"), QStringLiteral("Came from")},
            connectionRows);

    // The summary: what support reads first.
    QStringList durations;
    if (steps.migrationSeconds() >= 0)
        durations
            << QStringLiteral("migration %1").arg(HumanUnits::duration(steps.migrationSeconds()));
    else
        durations << (steps.migrationStart() ? QStringLiteral("migration: no end recorded")
                                             : QStringLiteral("migration: not run"));
    if (steps.backupSeconds() >= 0)
        durations << QStringLiteral("backup %1").arg(HumanUnits::duration(steps.backupSeconds()));
    const QString from = steps.fromVersion();
    const QString to = steps.toVersion();
    QJsonArray summaryRows;
    const auto summaryRow = [&summaryRows](const QString& label, const QString& value) {
        summaryRows.append(
            QJsonObject{{QStringLiteral("label"), label}, {QStringLiteral("value"), value}});
    };
    summaryRow(QStringLiteral("Deployment"), deploymentText(options.profile, journal.path()));
    summaryRow(QStringLiteral("Upgrade"),
               QStringLiteral("%1 \u2192 %2")
                   .arg(from.isEmpty() ? QStringLiteral("unknown") : from,
                        to.isEmpty() ? QStringLiteral("not chosen") : to));
    QString duration = durations.join(QStringLiteral(", "));
    duration[0] = duration[0].toUpper();
    summaryRow(QStringLiteral("Duration"), duration);
    summaryRow(QStringLiteral("Journal covers"),
               HumanUnits::span(entries.value().first().time, entries.value().last().time));
    const QString version = QCoreApplication::applicationVersion().isEmpty()
                                ? QStringLiteral("unknown")
                                : QCoreApplication::applicationVersion();
    summaryRow(QStringLiteral("Report by"), QStringLiteral("omupgrade %1").arg(version));

    QJsonArray sections;
    sections.append(connection.toJson());
    sections.append(steps.backup().toJson());
    sections.append(steps.tuning().toJson());
    sections.append(steps.review().toJson());
    sections.append(steps.migration().toJson());
    sections.append(steps.after().toJson());
    if (const auto rollback = steps.rollback())
        sections.append(rollback->toJson());
    sections.append(steps.logTail(options.logTailLines).toJson());

    // What needs doing, from the sections' own states.
    QJsonArray attention;
    for (const QJsonValue& value : sections) {
        const QJsonObject section = value.toObject();
        const QString state = section.value(QStringLiteral("state")).toString();
        if (state == QLatin1String("failed") || state == QLatin1String("attention"))
            attention.append(QStringLiteral("%1: %2").arg(
                section.value(QStringLiteral("title")).toString(),
                section.value(QStringLiteral("stateText")).toString()));
    }

    QJsonObject report{
        {QStringLiteral("title"), QStringLiteral("OpenMetadata upgrade report")},
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("name"), QStringLiteral("omupgrade")},
                                             {QStringLiteral("version"), version}}},
        {QStringLiteral("generatedAt"),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("generated"),
         HumanUnits::time(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))},
        {QStringLiteral("journal"), journal.path()},
        {QStringLiteral("summary"),
         QJsonObject{
             {QStringLiteral("deployment"), deploymentText(options.profile, journal.path())},
             {QStringLiteral("from"), from},
             {QStringLiteral("to"), to},
             {QStringLiteral("verdict"), verdict.name},
             {QStringLiteral("state"), verdict.state},
             {QStringLiteral("verdictText"), verdict.text},
             {QStringLiteral("duration"), duration},
             {QStringLiteral("migrationSeconds"), steps.migrationSeconds()},
             {QStringLiteral("backupSeconds"), steps.backupSeconds()},
             {QStringLiteral("attention"), attention},
             {QStringLiteral("rows"), summaryRows}}},
        {QStringLiteral("sections"), sections}};

    SecretMasker masker;
    masker.add(options.secrets);
    if (options.profile && !options.profile->password.isEmpty())
        masker.add(options.profile->password);
    return masker.mask(report).toObject();
}

QString UpgradeReport::toHtml(const QJsonObject& report)
{
    return ReportHtml::render(report);
}

Result<UpgradeReport::Written> UpgradeReport::write(const QJsonObject& report,
                                                    const QString& folder)
{
    if (const Status made = PrivateFolder::create(folder, PrivateFolder::Existing::Keep); !made)
        return makeError(
            QStringLiteral("cannot create the report folder: %1").arg(made.error().message), folder,
            QStringLiteral("Choose a folder you can write to."));
    Written written{QDir(folder).filePath(QStringLiteral("upgrade-report.json")),
                    QDir(folder).filePath(QStringLiteral("upgrade-report.html"))};
    if (const Status json = AtomicFile::write(
            written.jsonFile, QJsonDocument(report).toJson(QJsonDocument::Indented));
        !json.ok())
        return json.error();
    if (const Status html = AtomicFile::write(written.htmlFile, toHtml(report).toUtf8());
        !html.ok())
        return html.error();
    return written;
}

} // namespace omu
