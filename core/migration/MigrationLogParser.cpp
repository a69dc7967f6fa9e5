#include "MigrationLogParser.h"

#include "common/Version.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace omu {

QString VersionProgress::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Running:
        return QStringLiteral("running");
    case State::Finished:
        return QStringLiteral("finished");
    case State::Succeeded:
        return QStringLiteral("succeeded");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

double VersionProgress::seconds() const
{
    if (!startedAt.isValid() || !endedAt.isValid() || endedAt < startedAt)
        return -1;
    return startedAt.msecsTo(endedAt) / 1000.0;
}

QDateTime MigrationLogParser::lineTime(const QString& line)
{
    // Logback's ISO8601 ("2026-11-24 14:39:39,963") and the T-separated form, in brackets
    // or at the start of the line.
    static const QRegularExpression stamp(QStringLiteral(
        R"(^\S*\s*\[?(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:[,.](\d{1,3}))?)"));
    const auto match = stamp.match(line);
    if (!match.hasMatch())
        return {};
    QDateTime time = QDateTime::fromString(match.captured(1) + QLatin1Char('T') + match.captured(2),
                                           Qt::ISODate);
    if (!time.isValid())
        return {};
    time.setTimeZone(QTimeZone::utc());
    const QString millis = match.captured(3);
    if (!millis.isEmpty())
        time = time.addMSecs(millis.leftJustified(3, QLatin1Char('0')).toInt());
    return time;
}

void MigrationLogParser::setExpected(const QStringList& versions)
{
    for (const QString& version : versions)
        entry(version);
}

VersionProgress& MigrationLogParser::entry(const QString& version)
{
    for (auto& progress : m_versions)
        if (progress.version == version)
            return progress;
    VersionProgress progress;
    progress.version = version;
    m_versions.append(progress);
    return m_versions.last();
}

QString MigrationLogParser::currentVersion() const
{
    for (const auto& progress : m_versions)
        if (progress.state == VersionProgress::State::Running)
            return progress.version;
    return {};
}

void MigrationLogParser::stopRunning(const QString& reason, const QDateTime& at)
{
    for (auto& progress : m_versions)
        if (progress.state == VersionProgress::State::Running) {
            progress.state = VersionProgress::State::Failed;
            if (!progress.endedAt.isValid())
                progress.endedAt = at.isValid() ? at : QDateTime::currentDateTimeUtc();
            if (progress.detail.isEmpty())
                progress.detail = reason;
        }
}

bool MigrationLogParser::feed(const QString& line, const QDateTime& arrived)
{
    static const QRegularExpression started(
        QStringLiteral(R"(Migration Run started for Version:\s*([0-9][0-9A-Za-z.+_-]*))"));
    static const QRegularExpression finished(
        QStringLiteral(R"(Migration Run finished for Version:\s*([0-9][0-9A-Za-z.+_-]*))"));
    using State = VersionProgress::State;

    if (line.contains(QLatin1String("Following Migrations will be performed")))
        m_sawPlan = true;
    const auto now = [&line, &arrived] {
        const QDateTime stamped = lineTime(line);
        return stamped.isValid()   ? stamped
               : arrived.isValid() ? arrived.toUTC()
                                   : QDateTime::currentDateTimeUtc();
    };
    if (const auto match = started.match(line); match.hasMatch()) {
        const QDateTime at = now();
        // A version starting means the previous running one got past its steps.
        for (auto& progress : m_versions)
            if (progress.state == State::Running) {
                progress.state = State::Finished;
                if (!progress.endedAt.isValid())
                    progress.endedAt = at;
            }
        VersionProgress& progress = entry(match.captured(1));
        if (progress.state != State::Succeeded)
            progress.state = State::Running;
        progress.startedAt = at; // a re-run of the version times the re-run
        progress.endedAt = QDateTime();
        return true;
    }
    if (const auto match = finished.match(line); match.hasMatch()) {
        // Logged even when a step threw: only the status table or the database says how.
        VersionProgress& progress = entry(match.captured(1));
        if (progress.state == State::Running || progress.state == State::Pending)
            progress.state = State::Finished;
        progress.endedAt = now();
        return true;
    }
    return tableRow(line);
}

bool MigrationLogParser::tableRow(const QString& line)
{
    const qsizetype first = line.indexOf(QLatin1Char('|'));
    const qsizetype last = line.lastIndexOf(QLatin1Char('|'));
    if (first < 0 || last <= first)
        return false;
    QStringList cells = line.mid(first + 1, last - first - 1).split(QLatin1Char('|'));
    for (QString& cell : cells)
        cell = cell.trimmed();
    if (cells.value(0) == QLatin1String("Version")) {
        m_columns = cells;
        return false;
    }
    if (m_columns.isEmpty() || !Version::parse(cells.value(0)))
        return false;
    const QString version = cells.value(0);
    using State = VersionProgress::State;
    if (m_columns.value(1) == QLatin1String("ConnectionType")) { // the plan table
        VersionProgress& progress = entry(version);
        Q_UNUSED(progress);
        return true;
    }
    // A status table: every step column either Success or "Failed due to : ...".
    VersionProgress& progress = entry(version);
    QString failure;
    bool allSucceeded = true;
    for (int i = 1; i < cells.size() && i < m_columns.size(); ++i) {
        const QString& column = m_columns.at(i);
        const QString& cell = cells.at(i);
        if (column == QLatin1String("Context"))
            continue;
        if (cell.startsWith(QLatin1String("Failed"))) {
            allSucceeded = false;
            if (failure.isEmpty())
                failure = column + QStringLiteral(": ") +
                          cell.mid(cell.indexOf(QLatin1Char(':')) + 1).trimmed();
        } else if (cell != QLatin1String("Success")) {
            allSucceeded = false; // "-": the step never ran
        }
    }
    if (!failure.isEmpty()) {
        progress.state = State::Failed;
        progress.detail = failure;
    } else if (allSucceeded) {
        progress.state = State::Succeeded;
        progress.detail.clear();
    }
    return true;
}

bool MigrationLogParser::confirm(const QStringList& appliedVersions)
{
    bool changed = false;
    for (auto& progress : m_versions) {
        const auto version = Version::parse(progress.version);
        bool applied = false;
        for (const QString& text : appliedVersions)
            applied = applied || (version && Version::parse(text) == version);
        if (applied && !progress.confirmed) {
            progress.confirmed = true;
            progress.state = VersionProgress::State::Succeeded;
            progress.detail.clear();
            changed = true;
        }
    }
    return changed;
}

} // namespace omu
