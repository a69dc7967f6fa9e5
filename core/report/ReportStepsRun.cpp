// ReportSteps: the migration run, the After checks and the way back.
#include "ReportSteps.h"

#include "common/Version.h"
#include "HumanUnits.h"
#include "journal/JournalNames.h"

namespace omu {

using namespace journal;

namespace {

QString text(const QJsonObject& data, const char* key)
{
    return data.value(QLatin1String(key)).toString();
}

QStringList strings(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list << item.toString();
    return list;
}

bool recorded(const QStringList& versions, const QString& version)
{
    const auto wanted = Version::parse(version);
    for (const QString& applied : versions)
        if (wanted && Version::parse(applied) == wanted)
            return true;
    return false;
}

QString modeText(const QString& mode)
{
    if (mode == QLatin1String("bare"))
        return QStringLiteral("the release's script on this machine");
    if (mode == QLatin1String("docker"))
        return QStringLiteral("in the server's Docker container");
    if (mode == QLatin1String("kubernetes"))
        return QStringLiteral("in the server's Kubernetes pod");
    if (mode == QLatin1String("kubernetes-job"))
        return QStringLiteral("as a Kubernetes Job");
    return mode;
}

// One version's result, never "succeeded" beside a database that says otherwise.
QString versionResult(const QJsonObject& version, const std::optional<QStringList>& inDatabase)
{
    const QString state = text(version, "state");
    const QString name = text(version, "version");
    if ((inDatabase && recorded(*inDatabase, name)) ||
        (!inDatabase && version.value(QStringLiteral("confirmed")).toBool()))
        return QStringLiteral("applied (recorded in SERVER_CHANGE_LOG)");
    if (state == QLatin1String("failed"))
        return text(version, "detail").isEmpty()
                   ? QStringLiteral("failed")
                   : QStringLiteral("failed: %1").arg(text(version, "detail"));
    const QString tool =
        state == QLatin1String("succeeded")  ? QStringLiteral("the tool reported success")
        : state == QLatin1String("finished") ? QStringLiteral("ran; the tool did not report how")
        : state == QLatin1String("running")  ? QStringLiteral("was running when the tool stopped")
                                             : QStringLiteral("not reached");
    return inDatabase && state != QLatin1String("pending")
               ? tool + QStringLiteral(", but SERVER_CHANGE_LOG does not record it")
               : tool;
}

} // namespace

ReportSection ReportSteps::migration() const
{
    ReportSection section{QStringLiteral("migration"), QStringLiteral("Migration")};
    if (!m_start) {
        section.state = QStringLiteral("not-run");
        section.stateText = QStringLiteral("did not run");
        section.text = QStringLiteral("The migration did not run: the database was not changed by "
                                      "omupgrade.");
        return section;
    }
    const QJsonObject& start = m_start->data;
    const QJsonObject end = m_end ? m_end->data : QJsonObject();
    const QString ending = text(end, "ending");
    const bool checked = m_check.has_value();
    const bool holds = checked && m_check->event == QLatin1String(event::verified);
    std::optional<QStringList> inDatabase;
    if (checked)
        inDatabase = strings(m_check->data.value(QStringLiteral("versions")));

    if (!m_end) {
        section.state = QStringLiteral("failed");
        section.stateText = QStringLiteral("interrupted");
        section.text = QStringLiteral("The run started and no end was recorded: the wizard, the "
                                      "command or the machine stopped while the tool ran.");
    } else if (ending == QLatin1String("succeeded") && checked && !holds &&
               m_check->data.value(QStringLiteral("undetermined")).toBool()) {
        section.state = QStringLiteral("stale");
        section.stateText = QStringLiteral("not confirmed either way");
        section.text = QStringLiteral("The tool ended without reporting an error; what the target "
                                      "ships was not known when it was checked: %1")
                           .arg(text(m_check->data, "message"));
    } else if (ending == QLatin1String("succeeded") && checked && !holds) {
        section.state = QStringLiteral("failed");
        section.stateText = QStringLiteral("not confirmed by the database");
        section.text = QStringLiteral("The tool ended without reporting an error, but the database "
                                      "does not record the target: %1")
                           .arg(text(m_check->data, "message"));
    } else if (ending == QLatin1String("succeeded")) {
        section.state = QStringLiteral("done");
        section.stateText = holds ? QStringLiteral("completed, confirmed by the database")
                                  : QStringLiteral("completed, not yet checked");
        section.text = holds ? text(m_check->data, "message")
                             : QStringLiteral("The tool reported success; the After step has not "
                                              "read the database back yet.");
    } else {
        section.state = QStringLiteral("failed");
        section.stateText = ending == QLatin1String("cancelled") ? QStringLiteral("cancelled")
                                                                 : QStringLiteral("failed");
        section.text = text(end, "explanation");
    }

    section.addRow(QStringLiteral("Releases"),
                   QStringLiteral("%1 \u2192 %2")
                       .arg(text(start, "current").isEmpty() ? QStringLiteral("unknown")
                                                             : text(start, "current"),
                            text(start, "target")));
    if (!text(start, "targetSchema").isEmpty() &&
        text(start, "targetSchema") != text(start, "target"))
        section.addRow(QStringLiteral("Newest migration of the target"),
                       text(start, "targetSchema"));
    section.addRow(QStringLiteral("Release folder"), text(start, "distribution"));
    section.addRow(QStringLiteral("Ran"), modeText(text(start, "mode")));
    section.addRow(QStringLiteral("Command"), text(start, "command"));
    section.addRow(QStringLiteral("Forced"), start.value(QStringLiteral("force")).toBool()
                                                 ? QStringLiteral("yes")
                                                 : QString());
    section.addRow(QStringLiteral("Started"), HumanUnits::time(m_start->time));
    if (m_end) {
        section.addRow(QStringLiteral("Ended"), HumanUnits::time(m_end->time));
        section.addRow(QStringLiteral("Took"), HumanUnits::duration(migrationSeconds()));
        const int exitCode = end.value(QStringLiteral("exitCode")).toInt(-1);
        section.addRow(
            QStringLiteral("Tool's exit"),
            end.value(QStringLiteral("crashed")).toBool() ? QStringLiteral("killed by a signal")
            : exitCode >= 0 ? QStringLiteral("exit code %1").arg(exitCode)
                            : QStringLiteral("did not start: %1").arg(text(end, "startError")));
        if (!text(end, "conclusion").isEmpty())
            section.addRow(QStringLiteral("Conclusion"), text(end, "conclusion"));
        if (!text(end, "explanation").isEmpty() && section.text != text(end, "explanation"))
            section.addRow(QStringLiteral("Database state"), text(end, "explanation"));
    }
    const qsizetype runs = select(step::migration, {event::started}).size();
    if (runs > 1)
        section.addRow(QStringLiteral("Runs recorded"),
                       QStringLiteral("%1 (this section shows the newest)").arg(runs));

    // Per version: the tool's own times, and what the database recorded.
    QJsonArray versionRows;
    QJsonArray versionFacts;
    QJsonArray versions = end.value(QStringLiteral("versions")).toArray();
    if (versions.isEmpty())
        for (const QString& pending : strings(start.value(QStringLiteral("pending"))))
            versions.append(
                QJsonObject{{QStringLiteral("version"), pending},
                            {QStringLiteral("state"),
                             m_end ? QStringLiteral("pending") : QStringLiteral("running")}});
    for (const QJsonValue& value : versions) {
        const QJsonObject version = value.toObject();
        const double seconds = version.contains(QStringLiteral("seconds"))
                                   ? version.value(QStringLiteral("seconds")).toDouble()
                                   : -1;
        const QString result = versionResult(version, inDatabase);
        versionRows.append(QJsonArray{text(version, "version"), result,
                                      seconds >= 0 ? HumanUnits::duration(seconds)
                                                   : QStringLiteral("not recorded")});
        versionFacts.append(QJsonObject{{QStringLiteral("version"), text(version, "version")},
                                        {QStringLiteral("result"), result},
                                        {QStringLiteral("seconds"), seconds}});
    }
    if (!versionRows.isEmpty())
        section.addTable(QStringLiteral("Versions migrated"),
                         {QStringLiteral("Version"), QStringLiteral("Result"),
                          QStringLiteral("Took (from the tool's log)")},
                         versionRows);
    QJsonArray failureRows;
    for (const QJsonValue& value : end.value(QStringLiteral("failures")).toArray()) {
        const QJsonObject failure = value.toObject();
        failureRows.append(
            QJsonArray{text(failure, "title"), text(failure, "evidence"), text(failure, "advice")});
    }
    if (!failureRows.isEmpty())
        section.addTable(QStringLiteral("What went wrong"),
                         {QStringLiteral("Problem"), QStringLiteral("The tool said"),
                          QStringLiteral("What to do")},
                         failureRows);
    section.facts =
        QJsonObject{{QStringLiteral("ending"), m_end ? ending : QStringLiteral("interrupted")},
                    {QStringLiteral("seconds"), migrationSeconds()},
                    {QStringLiteral("versions"), versionFacts}};
    return section;
}

ReportSection ReportSteps::after() const
{
    ReportSection section{QStringLiteral("after"), QStringLiteral("After the migration")};
    const qsizetype from = m_start ? m_runIndex : 0;
    const QList<Entry> entries = select(step::after, {}, from);
    const auto latest = [&entries](const char* event) -> std::optional<Entry> {
        for (auto it = entries.crbegin(); it != entries.crend(); ++it)
            if (it->event == QLatin1String(event))
                return *it;
        return std::nullopt;
    };
    const auto notRun = QStringLiteral("not run");
    QJsonArray checks;
    int failed = 0;
    int ran = 0;
    const auto add = [&](const QString& check, const QString& result, const QString& detail) {
        checks.append(QJsonArray{check, result, detail});
        ran += result != notRun;
        failed += result == QLatin1String("failed");
    };

    if (m_check)
        add(QStringLiteral("The database records the target"),
            m_check->event == QLatin1String(event::verified) ? QStringLiteral("passed")
            : m_check->data.value(QStringLiteral("undetermined")).toBool()
                ? notRun // neither passed nor failed: what the target ships was not known
                : QStringLiteral("failed"),
            text(m_check->data, "message"));
    else
        add(QStringLiteral("The database records the target"), notRun,
            QStringLiteral("SERVER_CHANGE_LOG was not read back after the migration."));

    if (const auto server = latest(event::serverVersion)) {
        const QJsonObject& data = server->data;
        const bool matches = data.value(QStringLiteral("matches")).toBool();
        add(QStringLiteral("The new server runs the target"),
            matches ? QStringLiteral("passed") : QStringLiteral("failed"),
            text(data, "version").isEmpty()
                ? QStringLiteral("%1 did not answer: %2")
                      .arg(text(data, "url"), text(data, "error"))
                : QStringLiteral("%1 reports %2").arg(text(data, "url"), text(data, "version")));
    } else {
        add(QStringLiteral("The new server runs the target"), notRun,
            QStringLiteral("The new server was not asked for its version."));
    }

    if (const auto reindex = latest(event::reindex)) {
        const QJsonObject& data = reindex->data;
        const QString how = text(data, "method") == QLatin1String("ops")
                                ? QStringLiteral("openmetadata-ops.sh reindex")
                                : QStringLiteral("the Search Indexing application");
        const int status = data.value(QStringLiteral("httpStatus")).toInt();
        add(QStringLiteral("Search reindex started"),
            data.value(QStringLiteral("triggered")).toBool() ? QStringLiteral("passed")
                                                             : QStringLiteral("failed"),
            QStringLiteral("%1%2%3").arg(
                how, status > 0 ? QStringLiteral(" (HTTP %1)").arg(status) : QString(),
                text(data, "message").isEmpty() ? QString()
                                                : QStringLiteral(": ") + text(data, "message")));
    } else {
        add(QStringLiteral("Search reindex started"), notRun,
            QStringLiteral("Reindex from the server's Settings, or run openmetadata-ops.sh "
                           "reindex."));
    }

    if (const auto revert = latest(event::tuningRevert)) {
        const QJsonObject& data = revert->data;
        add(QStringLiteral("Tuning put back"),
            data.contains(QStringLiteral("error")) ? QStringLiteral("failed")
                                                   : QStringLiteral("passed"),
            data.contains(QStringLiteral("error")) ? text(data, "error") : text(data, "message"));
    }

    if (const auto lines = latest(event::ingestionCommands)) {
        const QJsonObject& data = lines->data;
        QString detail = text(data, "ingestion");
        if (!text(data, "managedApis").isEmpty())
            detail += QStringLiteral("\n%1   (only with your own Airflow)")
                          .arg(text(data, "managedApis"));
        if (!text(data, "python").isEmpty())
            detail += QStringLiteral("\nPython %1").arg(text(data, "python"));
        add(QStringLiteral("Ingestion client upgrade lines given"), QStringLiteral("passed"),
            detail);
    } else {
        add(QStringLiteral("Ingestion client upgrade lines given"), notRun,
            QStringLiteral("The pip lines for the ingestion client were not produced."));
    }

    section.state = failed > 0            ? QStringLiteral("failed")
                    : ran == 0            ? QStringLiteral("not-run")
                    : ran < checks.size() ? QStringLiteral("attention")
                                          : QStringLiteral("done");
    section.stateText = failed > 0 ? QStringLiteral("%1 check(s) failed").arg(failed)
                        : ran == 0 ? QStringLiteral("did not run")
                        : ran == checks.size()
                            ? QStringLiteral("all %1 checks passed").arg(ran)
                            : QStringLiteral("%1 of %2 checks ran").arg(ran).arg(checks.size());
    section.text = ran == 0 ? QStringLiteral("The After step did not run: nothing was checked "
                                             "after the migration.")
                            : QString();
    section.addTable(QStringLiteral("Checks"),
                     {QStringLiteral("Check"), QStringLiteral("Result"), QStringLiteral("Detail")},
                     checks);
    return section;
}

std::optional<ReportSection> ReportSteps::rollback() const
{
    // A restore of the backup, and the rollback step's own entries, after the run began.
    if (!m_start)
        return std::nullopt;
    const QList<Entry> restores = select(step::backup, {event::restored}, m_runIndex);
    const QList<Entry> rollbackEntries = select(journal::step::rollback, {}, m_runIndex);
    if (restores.isEmpty() && rollbackEntries.isEmpty())
        return std::nullopt;
    ReportSection section{QStringLiteral("rollback"), QStringLiteral("Way back")};
    QJsonArray rows;
    for (const Entry& entry : restores)
        rows.append(QJsonArray{
            HumanUnits::time(entry.time), QStringLiteral("backup restored"),
            QStringLiteral("%1: %2 rows%3%4")
                .arg(text(entry.data, "file"),
                     HumanUnits::count(entry.data.value(QStringLiteral("rows")).toInteger()),
                     entry.data.value(QStringLiteral("verified")).toBool()
                         ? QStringLiteral(", file verified first")
                         : QStringLiteral(", file not verified first"),
                     text(entry.data, "openMetadataVersion").isEmpty()
                         ? QString()
                         : QStringLiteral("; the database is back at OpenMetadata %1")
                               .arg(text(entry.data, "openMetadataVersion")))});
    for (const Entry& entry : rollbackEntries) {
        const QJsonObject& data = entry.data;
        QString what = QStringLiteral("rollback: %1").arg(entry.event);
        QString detail = text(data, "message");
        if (entry.event == QLatin1String(journal::event::started)) {
            what = QStringLiteral("rollback started");
            detail = QStringLiteral("from %1 back to %2, using %3")
                         .arg(text(data, "from"), text(data, "to"), text(data, "file"));
        } else if (entry.event == QLatin1String(journal::event::built)) {
            what = QStringLiteral("old state built");
            detail =
                QStringLiteral("beside the live database, as %1, in %2")
                    .arg(text(data, "scratch"),
                         HumanUnits::duration(data.value(QStringLiteral("seconds")).toDouble()));
        } else if (entry.event == QLatin1String(journal::event::verified)) {
            what = QStringLiteral("old state verified");
            detail = QStringLiteral("equal to the backup, schema and rows");
        } else if (entry.event == QLatin1String(journal::event::swapped)) {
            what = QStringLiteral("swapped in");
            detail = QStringLiteral("%1 now holds the old state; the failed one is kept as %2")
                         .arg(text(data, "live"), text(data, "failed"));
        } else if (entry.event == QLatin1String(journal::event::finished)) {
            const bool done = text(data, "ending") == QLatin1String("succeeded");
            what = done ? QStringLiteral("rollback finished") : QStringLiteral("rollback ended");
            if (!done)
                detail = QStringLiteral("%1: %2").arg(text(data, "ending"), detail);
        }
        rows.append(QJsonArray{HumanUnits::time(entry.time), what, detail});
    }
    if (m_rollbackStart && !m_rollbackEnd) {
        section.state = QStringLiteral("failed");
        section.stateText = QStringLiteral("interrupted");
        section.text = QStringLiteral("A rollback started and no end was recorded: run omupgrade "
                                      "rollback again, it finishes or cleans up the interrupted "
                                      "one.");
    } else if (m_rollbackEnd && text(m_rollbackEnd->data, "ending") != QLatin1String("succeeded")) {
        section.state = QStringLiteral("failed");
        section.stateText = QStringLiteral("rollback %1").arg(text(m_rollbackEnd->data, "ending"));
        section.text = text(m_rollbackEnd->data, "message");
    } else {
        section.state = QStringLiteral("attention");
        section.stateText = QStringLiteral("rolled back");
        section.text = m_rollbackEnd && !text(m_rollbackEnd->data, "message").isEmpty()
                           ? text(m_rollbackEnd->data, "message")
                           : QStringLiteral("After the migration started, the database was put "
                                            "back from the backup.");
    }
    section.addTable(QStringLiteral("Steps"),
                     {QStringLiteral("When"), QStringLiteral("What"), QStringLiteral("Detail")},
                     rows);
    return section;
}

} // namespace omu
