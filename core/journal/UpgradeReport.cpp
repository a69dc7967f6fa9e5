#include "UpgradeReport.h"

#include "common/PrivateFolder.h"
#include "JournalNames.h"

#include "common/AtomicFile.h"
#include "JournalProgress.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace omu {

using namespace journal;

namespace {

QStringList tailOf(const QString& path, int lines)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    // Only the end of a long log is read.
    const qint64 window = qint64(lines) * 400 + 4096;
    if (file.size() > window)
        file.seek(file.size() - window);
    QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (file.size() > window && !all.isEmpty())
        all.removeFirst(); // a partial first line
    while (!all.isEmpty() && all.last().isEmpty())
        all.removeLast();
    return all.mid(std::max<qsizetype>(0, all.size() - lines));
}

double secondsBetween(const QString& from, const QString& to)
{
    const QDateTime start = QDateTime::fromString(from, Qt::ISODateWithMs);
    const QDateTime end = QDateTime::fromString(to, Qt::ISODateWithMs);
    return start.isValid() && end.isValid() ? start.msecsTo(end) / 1000.0 : 0;
}

QJsonValue entryData(const std::optional<UpgradeJournal::Entry>& entry)
{
    if (!entry)
        return QJsonValue(QJsonValue::Null);
    QJsonObject data = entry->data;
    data.insert(QStringLiteral("event"), entry->event);
    data.insert(QStringLiteral("time"), entry->time);
    return data;
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
    const JournalProgress progress = JournalProgress::from(entries.value());

    QJsonObject report;
    report.insert(QStringLiteral("tool"),
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("omupgrade")},
                              {QStringLiteral("version"), QCoreApplication::applicationVersion()}});
    report.insert(QStringLiteral("generatedAt"),
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    report.insert(QStringLiteral("journal"), journal.path());
    report.insert(QStringLiteral("connection"), options.connection);

    // Versions: where it started, where it was going, where the database is now.
    QString before;
    QString target;
    for (const auto& entry : entries.value()) {
        const QString current = entry.data.value(QStringLiteral("current")).toString();
        const QString openMetadata =
            entry.data.value(QStringLiteral("openMetadataVersion")).toString();
        if (before.isEmpty() && !current.isEmpty())
            before = current;
        if (before.isEmpty() && entry.step == QLatin1String(step::backup) &&
            !openMetadata.isEmpty())
            before = openMetadata;
        const QString to = entry.data.value(QStringLiteral("target")).toString();
        if (!to.isEmpty())
            target = to;
    }
    QJsonObject versions{{QStringLiteral("before"), before}, {QStringLiteral("target"), target}};
    if (progress.afterVerified)
        versions.insert(QStringLiteral("database"),
                        progress.afterVerified->data.value(QStringLiteral("versions")));
    report.insert(QStringLiteral("versions"), versions);

    report.insert(QStringLiteral("findings"), entryData(progress.review));
    report.insert(QStringLiteral("backup"), entryData(progress.backup));

    // Tuning before and after: the newest change applied, and whether it was put back.
    QJsonObject tuning;
    if (progress.tuning) {
        tuning.insert(QStringLiteral("state"), progress.tuning->event);
        tuning.insert(QStringLiteral("stillToRevert"), progress.tuningToRevert());
        if (progress.tuning->event == QLatin1String(event::skipped))
            tuning.insert(QStringLiteral("reason"),
                          progress.tuning->data.value(QStringLiteral("reason")));
        for (auto it = entries.value().crbegin(); it != entries.value().crend(); ++it) {
            if (it->step != QLatin1String(step::tuning) ||
                (it->event != QLatin1String(event::applied) &&
                 it->event != QLatin1String(event::applying)))
                continue;
            const QJsonObject change = it->data.value(QStringLiteral("change")).toObject().isEmpty()
                                           ? it->data
                                           : it->data.value(QStringLiteral("change")).toObject();
            tuning.insert(QStringLiteral("parameter"), change.value(QStringLiteral("parameter")));
            tuning.insert(QStringLiteral("before"), change.value(QStringLiteral("original")));
            tuning.insert(QStringLiteral("applied"), change.value(QStringLiteral("applied")));
            tuning.insert(QStringLiteral("after"), progress.tuningToRevert()
                                                       ? change.value(QStringLiteral("applied"))
                                                       : change.value(QStringLiteral("original")));
            break;
        }
    }
    report.insert(QStringLiteral("tuning"),
                  tuning.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tuning));

    // The migration: every run, the last one in full.
    QJsonArray runs;
    QString logFile;
    for (const auto& entry : entries.value()) {
        if (entry.step != QLatin1String(step::migration) ||
            (entry.event != QLatin1String(event::started) &&
             entry.event != QLatin1String(event::finished)))
            continue;
        QJsonObject run = entry.data;
        run.insert(QStringLiteral("event"), entry.event);
        run.insert(QStringLiteral("time"), entry.time);
        runs.append(run);
        const QString file = entry.data.value(QStringLiteral("logFile")).toString();
        if (!file.isEmpty())
            logFile = file;
    }
    report.insert(QStringLiteral("migration"),
                  QJsonObject{{QStringLiteral("state"),
                               JournalProgress::migrationStateName(progress.migration)},
                              {QStringLiteral("last"),
                               entryData(progress.migrationFinished ? progress.migrationFinished
                                                                    : progress.migrationStarted)},
                              {QStringLiteral("runs"), runs}});
    report.insert(QStringLiteral("migrationLogTail"),
                  QJsonArray::fromStringList(tailOf(logFile, options.logTailLines)));

    QJsonObject after;
    for (const auto& entry : entries.value())
        if (entry.step == QLatin1String(step::after))
            after.insert(entry.event, entryData(entry));
    report.insert(QStringLiteral("after"), after);

    // Timings: each step from its first entry to its last.
    QMap<QString, QPair<QString, QString>> spans;
    QStringList order;
    for (const auto& entry : entries.value()) {
        if (!spans.contains(entry.step)) {
            spans.insert(entry.step, {entry.time, entry.time});
            order << entry.step;
        }
        spans[entry.step].second = entry.time;
    }
    QJsonArray timings;
    for (const QString& step : order)
        timings.append(QJsonObject{
            {QStringLiteral("step"), step},
            {QStringLiteral("first"), spans[step].first},
            {QStringLiteral("last"), spans[step].second},
            {QStringLiteral("seconds"), secondsBetween(spans[step].first, spans[step].second)}});
    for (const auto& entry : entries.value())
        if (entry.step == QLatin1String(step::migration) &&
            entry.event == QLatin1String(event::finished))
            timings.append(QJsonObject{
                {QStringLiteral("step"), QStringLiteral("migration run")},
                {QStringLiteral("last"), entry.time},
                {QStringLiteral("seconds"), entry.data.value(QStringLiteral("seconds"))}});
    report.insert(QStringLiteral("timings"), timings);

    QJsonArray journalJson;
    for (const auto& entry : entries.value())
        journalJson.append(QJsonObject{{QStringLiteral("time"), entry.time},
                                       {QStringLiteral("step"), entry.step},
                                       {QStringLiteral("event"), entry.event},
                                       {QStringLiteral("data"), entry.data}});
    report.insert(QStringLiteral("entries"), journalJson);

    SecretMasker redactor;
    redactor.add(options.secrets);
    return redactor.mask(report).toObject();
}

namespace {

QString cell(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("—");
    if (value.isString())
        return value.toString().toHtmlEscaped();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return QString::fromUtf8(QJsonDocument(value.isArray() ? QJsonDocument(value.toArray())
                                                           : QJsonDocument(value.toObject()))
                                 .toJson(QJsonDocument::Compact))
        .toHtmlEscaped();
}

QString table(const QJsonObject& object)
{
    if (object.isEmpty())
        return QStringLiteral("<p class='none'>Nothing recorded.</p>");
    QString html = QStringLiteral("<table>");
    for (auto it = object.begin(); it != object.end(); ++it)
        html += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>")
                    .arg(it.key().toHtmlEscaped(), cell(it.value()));
    return html + QStringLiteral("</table>");
}

} // namespace

QString UpgradeReport::toHtml(const QJsonObject& report)
{
    QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>OpenMetadata upgrade report</title><style>"
        "body{font-family:sans-serif;margin:2em;max-width:70em}"
        "table{border-collapse:collapse;margin:.5em 0}"
        "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
        "th{background:#f4f4f4}pre{background:#f8f8f8;padding:1em;overflow:auto;font-size:90%}"
        ".none{color:#777}</style></head><body>\n");
    const QJsonObject versions = report.value(QStringLiteral("versions")).toObject();
    html += QStringLiteral("<h1>OpenMetadata upgrade report</h1>\n<p>%1 → %2, generated %3 by "
                           "omupgrade %4.</p>\n")
                .arg(cell(versions.value(QStringLiteral("before"))),
                     cell(versions.value(QStringLiteral("target"))),
                     cell(report.value(QStringLiteral("generatedAt"))),
                     cell(report.value(QStringLiteral("tool"))
                              .toObject()
                              .value(QStringLiteral("version"))));
    const auto section = [&](const QString& title, const QJsonValue& value) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(title.toHtmlEscaped());
        html += value.isObject() ? table(value.toObject())
                                 : QStringLiteral("<p class='none'>Nothing recorded.</p>");
        html += QLatin1Char('\n');
    };
    section(QStringLiteral("Versions"), versions);
    section(QStringLiteral("Connection"), report.value(QStringLiteral("connection")));
    section(QStringLiteral("Findings"), report.value(QStringLiteral("findings")));
    section(QStringLiteral("Backup"), report.value(QStringLiteral("backup")));
    section(QStringLiteral("Tuning"), report.value(QStringLiteral("tuning")));
    const QJsonObject migration = report.value(QStringLiteral("migration")).toObject();
    html += QStringLiteral("<h2>Migration</h2>\n<p>State: %1</p>\n")
                .arg(cell(migration.value(QStringLiteral("state"))));
    html += migration.value(QStringLiteral("last")).isObject()
                ? table(migration.value(QStringLiteral("last")).toObject())
                : QString();
    section(QStringLiteral("After the migration"), report.value(QStringLiteral("after")));
    html += QStringLiteral("<h2>Timings</h2>\n<table><tr><th>step</th><th>from</th><th>to</th>"
                           "<th>seconds</th></tr>");
    for (const QJsonValue& timing : report.value(QStringLiteral("timings")).toArray()) {
        const QJsonObject t = timing.toObject();
        html +=
            QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                .arg(cell(t.value(QStringLiteral("step"))), cell(t.value(QStringLiteral("first"))),
                     cell(t.value(QStringLiteral("last"))),
                     cell(t.value(QStringLiteral("seconds"))));
    }
    html += QStringLiteral("</table>\n<h2>Migration log (last lines)</h2>\n<pre>");
    for (const QJsonValue& line : report.value(QStringLiteral("migrationLogTail")).toArray())
        html += line.toString().toHtmlEscaped() + QLatin1Char('\n');
    html += QStringLiteral("</pre>\n<h2>Journal</h2>\n<table><tr><th>time</th><th>step</th>"
                           "<th>event</th><th>data</th></tr>");
    for (const QJsonValue& value : report.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject entry = value.toObject();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(cell(entry.value(QStringLiteral("time"))),
                         cell(entry.value(QStringLiteral("step"))),
                         cell(entry.value(QStringLiteral("event"))),
                         cell(entry.value(QStringLiteral("data"))));
    }
    html += QStringLiteral("</table>\n</body></html>\n");
    return html;
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
