#include "ReportSteps.h"

#include "backup/BackupFiles.h"
#include "backup/BackupManifest.h"
#include "common/ByteSize.h"
#include "HumanUnits.h"
#include "journal/JournalNames.h"

#include <QFile>
#include <QFileInfo>
#include <QMap>

namespace omu {

using namespace journal;

namespace {

QString text(const QJsonObject& data, const char* key)
{
    return data.value(QLatin1String(key)).toString();
}

bool isEvent(const UpgradeJournal::Entry& entry, const char* step, const char* event)
{
    return entry.step == QLatin1String(step) && entry.event == QLatin1String(event);
}

QJsonArray row(std::initializer_list<QString> cells)
{
    QJsonArray json;
    for (const QString& cell : cells)
        json.append(cell);
    return json;
}

// One side of a tuning change as people read it: "20 MB", "not set (the server's default)".
QString setting(const QJsonObject& side)
{
    if (side.contains(QStringLiteral("set")) && !side.value(QStringLiteral("set")).toBool())
        return QStringLiteral("not set (the server's default)");
    const qint64 bytes = side.value(QStringLiteral("bytes")).toInteger(-1);
    const QString value = side.value(QStringLiteral("value")).toString();
    if (bytes >= 0)
        return value.isEmpty() || value == HumanUnits::bytes(bytes)
                   ? HumanUnits::bytes(bytes)
                   : QStringLiteral("%1 (%2)").arg(HumanUnits::bytes(bytes), value);
    return value.isEmpty() ? QStringLiteral("unknown") : value;
}

QJsonObject tuningChange(const QJsonObject& data)
{
    const QJsonObject change = data.value(QStringLiteral("change")).toObject();
    return change.isEmpty() ? data : change; // 0.1.0 kept the change at the top
}

QString routeText(const QString& route)
{
    if (route == QLatin1String("set-global"))
        return QStringLiteral("SET GLOBAL on the server");
    if (route == QLatin1String("alter-database"))
        return QStringLiteral("ALTER DATABASE (for this database)");
    if (route == QLatin1String("alter-role-in-database"))
        return QStringLiteral("ALTER ROLE ... IN DATABASE (for this user and database)");
    if (route == QLatin1String("parameter-group"))
        return QStringLiteral("the managed database's parameter group");
    return route;
}

QString byText(const QString& by)
{
    return by.isEmpty()                    ? QString()
           : by == QLatin1String("wizard") ? QStringLiteral("the wizard")
                                           : QStringLiteral("the command line (%1)").arg(by);
}

QString statusWord(const QString& status)
{
    return status == QLatin1String("fixed")          ? QStringLiteral("fixed")
           : status == QLatin1String("acknowledged") ? QStringLiteral("acknowledged")
                                                     : QStringLiteral("open");
}

QStringList tailOf(const QString& path, int lines)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    // Only the end of a long log is read.
    const qint64 window = qint64(lines) * 400 + 4096;
    const bool partial = file.size() > window;
    if (partial)
        file.seek(file.size() - window);
    QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (partial && !all.isEmpty())
        all.removeFirst(); // a partial first line
    while (!all.isEmpty() && all.last().trimmed().isEmpty())
        all.removeLast();
    return all.mid(std::max<qsizetype>(0, all.size() - lines));
}

} // namespace

ReportSteps::ReportSteps(QList<Entry> entries) : m_entries(std::move(entries))
{
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (isEvent(m_entries.at(i), step::migration, event::started)) {
            m_runIndex = i;
            m_start = m_entries.at(i);
        }
    if (m_start) {
        m_end = newest(step::migration, {event::finished}, m_runIndex);
        m_restore = newest(step::backup, {event::restored}, m_runIndex);
        // The rollback step's names, as core/rollback's recorder writes them.
        const QList<Entry> rollback = select(journal::step::rollback, {}, m_runIndex);
        for (const Entry& entry : rollback) {
            if (entry.event == QLatin1String(event::started)) {
                m_rollbackStart = entry;
                m_rollbackEnd.reset();
            } else if (entry.event == QLatin1String(event::finished)) {
                m_rollbackEnd = entry;
            }
        }
    }
    m_check = newest(step::after, {event::verified, event::verifyFailed}, m_runIndex);
    m_backup = newest(step::backup, {event::verified, event::acknowledged});
}

QList<ReportSteps::Entry> ReportSteps::select(const char* step,
                                              std::initializer_list<const char*> events,
                                              qsizetype from) const
{
    QList<Entry> found;
    for (qsizetype i = from; i < m_entries.size(); ++i) {
        const Entry& entry = m_entries.at(i);
        if (entry.step != QLatin1String(step))
            continue;
        bool wanted = events.size() == 0;
        for (const char* event : events)
            wanted = wanted || entry.event == QLatin1String(event);
        if (wanted)
            found << entry;
    }
    return found;
}

std::optional<ReportSteps::Entry> ReportSteps::newest(const char* step,
                                                      std::initializer_list<const char*> events,
                                                      qsizetype from) const
{
    const QList<Entry> found = select(step, events, from);
    return found.isEmpty() ? std::nullopt : std::optional<Entry>(found.last());
}

QString ReportSteps::fromVersion() const
{
    if (m_start && !text(m_start->data, "current").isEmpty())
        return text(m_start->data, "current");
    if (const auto review = newest(step::review, {event::completed});
        review && !text(review->data, "from").isEmpty())
        return text(review->data, "from");
    return m_backup ? text(m_backup->data, "openMetadataVersion") : QString();
}

QString ReportSteps::toVersion() const
{
    if (m_start)
        return text(m_start->data, "target");
    const auto review = newest(step::review, {event::completed});
    return review ? text(review->data, "to") : QString();
}

double ReportSteps::backupSeconds() const
{
    if (!m_backup || m_backup->event != QLatin1String(event::verified))
        return -1;
    if (m_backup->data.contains(QStringLiteral("seconds")))
        return m_backup->data.value(QStringLiteral("seconds")).toDouble();
    // Older journals: the manifest beside the file says how long it took.
    const auto manifest =
        BackupManifest::load(BackupFiles::manifestPath(text(m_backup->data, "file")));
    return manifest && !manifest->startedAt.isEmpty() ? manifest->seconds : -1;
}

double ReportSteps::migrationSeconds() const
{
    return m_end && m_end->data.contains(QStringLiteral("seconds"))
               ? m_end->data.value(QStringLiteral("seconds")).toDouble()
               : -1;
}

ReportSection ReportSteps::backup() const
{
    ReportSection section{QStringLiteral("backup"), QStringLiteral("Backup")};
    if (!m_backup) {
        section.state = QStringLiteral("not-run");
        section.stateText = QStringLiteral("not taken");
        section.text = QStringLiteral("No backup is recorded: omupgrade took none and none was "
                                      "declared. Without one there is no way back from a failed "
                                      "migration.");
        return section;
    }
    const QJsonObject& data = m_backup->data;
    if (m_backup->event == QLatin1String(event::acknowledged)) {
        section.state = QStringLiteral("attention");
        section.stateText = QStringLiteral("own backup, not checked");
        section.text = QStringLiteral("The admin declared a backup of their own; omupgrade did "
                                      "not take or check it.");
        section.addRow(QStringLiteral("Their description"), text(data, "description"));
        section.addRow(QStringLiteral("OpenMetadata release"), text(data, "openMetadataVersion"));
        section.addRow(QStringLiteral("Declared"), HumanUnits::time(m_backup->time));
        section.addRow(QStringLiteral("Declared through"), byText(text(data, "by")));
        return section;
    }
    const bool deep = data.value(QStringLiteral("deep")).toBool();
    const qint64 bytes = data.value(QStringLiteral("bytes")).toInteger(-1);
    const qint64 rows = data.value(QStringLiteral("rows")).toInteger(-1);
    const double seconds = backupSeconds();
    section.state = QStringLiteral("done");
    section.stateText = QStringLiteral("verified");
    section.text = QStringLiteral("Taken by omupgrade and read back against its manifest before "
                                  "the migration.");
    section.addRow(QStringLiteral("File"), text(data, "file"));
    section.addRow(QStringLiteral("Size"), HumanUnits::bytes(bytes));
    section.addRow(QStringLiteral("Tables"),
                   HumanUnits::count(data.value(QStringLiteral("tables")).toInteger()));
    section.addRow(QStringLiteral("Rows"), rows >= 0 ? HumanUnits::count(rows) : QString());
    section.addRow(QStringLiteral("SHA-256"), text(data, "sha256"));
    section.addRow(
        QStringLiteral("Verified how"),
        deep ? QStringLiteral("read back against its manifest (whole-file and per-table SHA-256, "
                              "row counts, every statement complete), then replayed into a "
                              "scratch copy of the tables and compared table by table")
             : QStringLiteral("read back against its manifest: whole-file and per-table SHA-256, "
                              "row counts, every statement complete"));
    section.addRow(QStringLiteral("OpenMetadata release"), text(data, "openMetadataVersion"));
    section.addRow(QStringLiteral("Took"),
                   seconds >= 0 ? HumanUnits::duration(seconds) : QStringLiteral("not recorded"));
    section.addRow(QStringLiteral("Finished"),
                   HumanUnits::time(data.contains(QStringLiteral("finishedAt"))
                                        ? text(data, "finishedAt")
                                        : m_backup->time));
    section.addRow(QStringLiteral("Consistency"), text(data, "snapshot"));
    section.addRow(QStringLiteral("Taken through"), byText(text(data, "by")));
    section.facts = QJsonObject{{QStringLiteral("file"), text(data, "file")},
                                {QStringLiteral("bytes"), bytes},
                                {QStringLiteral("rows"), rows},
                                {QStringLiteral("sha256"), text(data, "sha256")},
                                {QStringLiteral("deepVerified"), deep},
                                {QStringLiteral("seconds"), seconds}};
    return section;
}

ReportSection ReportSteps::tuning() const
{
    ReportSection section{QStringLiteral("tuning"), QStringLiteral("Sort memory tuning")};
    const auto last = newest(step::tuning, {event::applying, event::applied, event::applyFailed,
                                            event::reverted, event::revertFailed, event::skipped});
    if (!last) {
        section.state = QStringLiteral("not-run");
        section.stateText = QStringLiteral("did not run");
        section.text = QStringLiteral("The tuning step did not run: sort_buffer_size / work_mem "
                                      "were left as they were.");
        return section;
    }
    if (last->event == QLatin1String(event::skipped)) {
        section.state = QStringLiteral("done");
        section.stateText = QStringLiteral("skipped");
        section.text = QStringLiteral("Skipped: %1").arg(text(last->data, "reason"));
        section.addRow(QStringLiteral("Skipped through"), byText(text(last->data, "by")));
        return section;
    }
    // The change itself: the newest entry that holds one.
    QJsonObject change;
    const QList<Entry> changes = select(step::tuning);
    for (auto it = changes.crbegin(); it != changes.crend() && change.isEmpty(); ++it)
        if (tuningChange(it->data).contains(QStringLiteral("parameter")))
            change = tuningChange(it->data);
    const QString parameter = text(change, "parameter").isEmpty()
                                  ? QStringLiteral("The sort memory setting")
                                  : text(change, "parameter");
    const QString before = setting(change.value(QStringLiteral("original")).toObject());
    const QString raised = setting(change.value(QStringLiteral("applied")).toObject());
    QString now;
    if (last->event == QLatin1String(event::reverted)) {
        section.state = QStringLiteral("done");
        section.stateText = QStringLiteral("put back");
        now = QStringLiteral("%1 again (put back %2)").arg(before, HumanUnits::time(last->time));
        section.text = QStringLiteral("%1 was raised for the migration and put back afterwards.")
                           .arg(parameter);
    } else if (last->event == QLatin1String(event::applyFailed)) {
        section.state = QStringLiteral("failed");
        section.stateText = QStringLiteral("not applied");
        now = before;
        section.text =
            QStringLiteral("The server refused the change: %1").arg(text(last->data, "error"));
    } else {
        section.state = QStringLiteral("attention");
        section.stateText = QStringLiteral("still raised");
        now = QStringLiteral("%1 (still raised)").arg(raised);
        section.text =
            (last->event == QLatin1String(event::revertFailed)
                 ? QStringLiteral("Putting it back failed: %1. ").arg(text(last->data, "error"))
                 : QString()) +
            QStringLiteral("%1 is still raised: put it back once the migration no longer needs "
                           "it (the After step does, or omupgrade tune revert).")
                .arg(parameter);
    }
    section.addRow(QStringLiteral("Setting"), parameter);
    section.addRow(QStringLiteral("Set through"), routeText(text(change, "route")));
    section.addRow(QStringLiteral("Before"), before);
    section.addRow(QStringLiteral("Raised to"), raised);
    if (const auto applied = newest(step::tuning, {event::applied}))
        section.addRow(QStringLiteral("Raised at"), HumanUnits::time(applied->time));
    section.addRow(QStringLiteral("Now"), now);
    return section;
}

ReportSection ReportSteps::review() const
{
    ReportSection section{QStringLiteral("review"), QStringLiteral("Review of breaking changes")};
    const auto last = newest(step::review, {event::completed});
    if (!last) {
        section.state = QStringLiteral("not-run");
        section.stateText = QStringLiteral("did not run");
        section.text = QStringLiteral("No review of the deployment's files and database is "
                                      "recorded.");
        return section;
    }
    const QJsonObject& data = last->data;
    const int open = data.value(QStringLiteral("blockers")).toInt();
    const QJsonArray findings = data.value(QStringLiteral("findings")).toArray();
    const QJsonArray notRun = data.value(QStringLiteral("checksNotRun")).toArray();
    const QJsonArray notCovered = data.value(QStringLiteral("notCovered")).toArray();
    int fixed = 0;
    int acknowledged = 0;
    int stillOpen = 0;
    QMap<QString, int> bySeverity;
    int manual = 0;
    QJsonArray rows;
    for (const QJsonValue& value : findings) {
        const QJsonObject finding = value.toObject();
        const QString status = statusWord(text(finding, "status"));
        fixed += status == QLatin1String("fixed");
        acknowledged += status == QLatin1String("acknowledged");
        stillOpen += status == QLatin1String("open");
        const bool byHand = finding.value(QStringLiteral("manual")).toBool();
        ++bySeverity[text(finding, "severity")];
        manual += byHand;
        // Title, what was seen, and where, one under the other.
        QString what = text(finding, "title");
        if (!text(finding, "message").isEmpty() && text(finding, "message") != what)
            what += QStringLiteral(" \u2014 ") + text(finding, "message");
        if (!text(finding, "location").isEmpty())
            what += QStringLiteral("\nin ") + text(finding, "location");
        rows.append(row(
            {text(finding, "severity") + (byHand ? QStringLiteral(" (check by hand)") : QString()),
             what, status}));
    }
    const bool gaps = !notRun.isEmpty() || !notCovered.isEmpty();
    section.state = open > 0 ? QStringLiteral("failed")
                    : gaps   ? QStringLiteral("attention")
                             : QStringLiteral("done");
    QStringList state;
    if (open > 0)
        state << QStringLiteral("%1 blocker(s) open").arg(open);
    else if (stillOpen > 0)
        state << QStringLiteral("%1 open, none blocking").arg(stillOpen);
    if (const qsizetype missed = notRun.size() + notCovered.size(); missed > 0)
        state << QStringLiteral("%1 check(s) could not run").arg(missed);
    section.stateText =
        state.isEmpty() ? QStringLiteral("all handled") : state.join(QStringLiteral(", "));
    section.addRow(
        QStringLiteral("Releases"),
        QStringLiteral("%1 \u2192 %2")
            .arg(text(data, "from").isEmpty() ? QStringLiteral("unknown") : text(data, "from"),
                 text(data, "to")));
    // The counts of the list shown (fixed ones included) when there is one.
    const bool listed = data.contains(QStringLiteral("findings"));
    section.addRow(QStringLiteral("Found"),
                   QStringLiteral("%1 blocker(s), %2 warning(s), %3 notice(s)%4")
                       .arg(listed ? bySeverity.value(QStringLiteral("blocker"))
                                   : data.value(QStringLiteral("blockersFound")).toInt(open))
                       .arg(listed ? bySeverity.value(QStringLiteral("warning"))
                                   : data.value(QStringLiteral("warnings")).toInt())
                       .arg(listed ? bySeverity.value(QStringLiteral("notice"))
                                   : data.value(QStringLiteral("notices")).toInt())
                       .arg(manual > 0 ? QStringLiteral(", %1 of them to check by hand").arg(manual)
                                       : QString()));
    section.addRow(QStringLiteral("Reviewed"), HumanUnits::time(last->time));
    section.addRow(QStringLiteral("Reviewed through"), byText(text(data, "by")));
    if (data.contains(QStringLiteral("findings"))) {
        section.text = findings.isEmpty()
                           ? QStringLiteral("Nothing in this deployment is touched by the changes "
                                            "between these releases.")
                           : QStringLiteral("%1 finding(s): %2 fixed, %3 acknowledged, %4 open.")
                                 .arg(findings.size())
                                 .arg(fixed)
                                 .arg(acknowledged)
                                 .arg(stillOpen);
        if (!rows.isEmpty())
            section.addTable(
                QStringLiteral("Findings"),
                {QStringLiteral("Severity"), QStringLiteral("Finding"), QStringLiteral("Status")},
                rows);
    } else {
        // Written by an omupgrade that kept counts only.
        const QStringList acknowledgedIds = [&] {
            QStringList ids;
            for (const QJsonValue& id : data.value(QStringLiteral("acknowledged")).toArray())
                ids << id.toString();
            return ids;
        }();
        section.text = QStringLiteral("This review was recorded by an older omupgrade that kept "
                                      "counts, not the findings themselves.");
        QStringList openIds;
        for (const QJsonValue& id : data.value(QStringLiteral("openBlockerIds")).toArray())
            openIds << id.toString();
        section.addRow(QStringLiteral("Open blockers"), openIds.join(QStringLiteral(", ")));
        section.addRow(QStringLiteral("Acknowledged blockers"),
                       acknowledgedIds.join(QStringLiteral(", ")));
    }
    QJsonArray gapRows;
    for (const QJsonValue& value : notRun)
        gapRows.append(row({text(value.toObject(), "id"), text(value.toObject(), "reason")}));
    for (const QJsonValue& version : notCovered)
        gapRows.append(row({QStringLiteral("release %1").arg(version.toString()),
                            QStringLiteral("not covered by this omupgrade's catalog: its "
                                           "changes were not checked")}));
    if (!gapRows.isEmpty())
        section.addTable(QStringLiteral("Not checked"),
                         {QStringLiteral("Check"), QStringLiteral("Why it could not run")},
                         gapRows);
    if (data.value(QStringLiteral("notChecked")).toInt() > 0 && notRun.isEmpty() &&
        !data.contains(QStringLiteral("checksNotRun")))
        section.addRow(QStringLiteral("Checks that could not run"),
                       QString::number(data.value(QStringLiteral("notChecked")).toInt()));
    section.facts = QJsonObject{{QStringLiteral("findings"), findings},
                                {QStringLiteral("checksNotRun"), notRun},
                                {QStringLiteral("openBlockers"), open}};
    return section;
}

ReportSection ReportSteps::logTail(int lines) const
{
    ReportSection section{QStringLiteral("log"), QStringLiteral("Migration log")};
    const QString file = m_start ? text(m_start->data, "logFile") : QString();
    if (file.isEmpty()) {
        section.state = QStringLiteral("not-run");
        section.stateText = QStringLiteral("no log");
        section.text = m_start ? QStringLiteral("The migration run kept no log file.")
                               : QStringLiteral("The migration did not run, so there is no log.");
        return section;
    }
    const QStringList tail = tailOf(file, lines);
    section.addRow(QStringLiteral("File"), file);
    if (tail.isEmpty()) {
        section.state = QStringLiteral("attention");
        section.stateText = QStringLiteral("missing");
        section.text = QFileInfo::exists(file)
                           ? QStringLiteral("The log file is empty: the tool printed nothing.")
                           : QStringLiteral("The log file is no longer there.");
        return section;
    }
    section.state = QStringLiteral("done");
    section.stateText = QStringLiteral("last %1 line(s)").arg(tail.size());
    section.text = QStringLiteral("The end of the migration tool's output, as it printed it.");
    section.facts.insert(QStringLiteral("lines"), QJsonArray::fromStringList(tail));
    return section;
}

} // namespace omu
