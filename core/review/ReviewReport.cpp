#include "ReviewReport.h"

#include "common/Version.h"

#include <QJsonArray>

namespace omu {

int ReviewReport::count(Severity severity) const
{
    int total = 0;
    for (const auto& finding : findings)
        if (!finding.manual && finding.severity == severity)
            ++total;
    return total;
}

int ReviewReport::manualCount() const
{
    int total = 0;
    for (const auto& finding : findings)
        if (finding.manual)
            ++total;
    return total;
}

int ReviewReport::autofixCount() const
{
    int total = 0;
    for (const auto& finding : findings)
        if (finding.autofix)
            ++total;
    return total;
}

QString ReviewReport::summary() const
{
    auto plural = [](int n, const char* one, const char* many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    const int blockers = count(Severity::Blocker);
    const int warnings = count(Severity::Warning);
    const int notices = count(Severity::Notice);
    QString text;
    if (!notCovered.isEmpty())
        text = QStringLiteral("Not covered by this version of omupgrade: %1 after %2 %3 not "
                              "checked. ")
                   .arg(plural(int(notCovered.size()), "release", "releases"), coverage,
                        QLatin1String(notCovered.size() == 1 ? "was" : "were"));
    if (blockers + warnings + notices == 0 && notChecked.size() + problems.size() > 0)
        // Never an all-clear while checks could not run or inputs could not be read.
        text += QStringLiteral("Not an all-clear for %1 -> %2: nothing was found in what could "
                               "be checked.")
                    .arg(from, to);
    else if (blockers + warnings + notices == 0)
        text += QStringLiteral("Nothing in the files, database and search engine checked needs "
                               "changing for %1 -> %2.")
                    .arg(from, to);
    else
        text += QStringLiteral("%1, %2 and %3 for %4 -> %5.")
                    .arg(plural(blockers, "blocker", "blockers"),
                         plural(warnings, "warning", "warnings"),
                         plural(notices, "notice", "notices"), from, to);
    if (blockers > 0)
        text += QStringLiteral(" Fix or acknowledge the blockers before upgrading.");
    if (const int fixes = autofixCount(); fixes > 0)
        text += QStringLiteral(" %1 can be fixed automatically.")
                    .arg(plural(fixes, "finding", "findings"));
    if (const int manual = manualCount(); manual > 0)
        text += QStringLiteral(" %1 to confirm by hand.")
                    .arg(plural(manual, "manual check", "manual checks"));
    if (!notChecked.isEmpty())
        text += QStringLiteral(" %1 could not run.")
                    .arg(plural(int(notChecked.size()), "check", "checks"));
    if (!problems.isEmpty())
        text += QStringLiteral(" %1 could not be read.")
                    .arg(plural(int(problems.size()), "input", "inputs"));
    return text;
}

QJsonObject ReviewReport::toJson() const
{
    QJsonArray findingArray;
    for (const auto& finding : findings)
        findingArray.append(finding.toJson());
    QJsonArray notCheckedArray;
    for (const auto& skipped : notChecked)
        notCheckedArray.append(QJsonObject{{QStringLiteral("id"), skipped.id},
                                           {QStringLiteral("detector"), skipped.detector},
                                           {QStringLiteral("reason"), skipped.reason}});
    QJsonArray problemArray;
    for (const auto& problem : problems)
        problemArray.append(problem.toJson());
    QJsonObject json{
        {QStringLiteral("from"), from},
        {QStringLiteral("to"), to},
        {QStringLiteral("findings"), findingArray},
        {QStringLiteral("counts"),
         QJsonObject{{QStringLiteral("blocker"), count(Severity::Blocker)},
                     {QStringLiteral("warning"), count(Severity::Warning)},
                     {QStringLiteral("notice"), count(Severity::Notice)},
                     {QStringLiteral("manual"), manualCount()}}},
        {QStringLiteral("notChecked"), notCheckedArray},
        {QStringLiteral("problems"), problemArray},
        {QStringLiteral("summary"), summary()},
        {QStringLiteral("coverage"), coverage},
        {QStringLiteral("notCovered"), QJsonArray::fromStringList(notCovered)},
    };
    if (search)
        json.insert(QStringLiteral("search"),
                    QJsonObject{{QStringLiteral("url"), search->url},
                                {QStringLiteral("flavour"), search->flavour},
                                {QStringLiteral("version"), search->version}});
    return json;
}

bool ReviewReport::ordersBefore(const Finding& a, const Finding& b)
{
    if (a.manual != b.manual)
        return !a.manual;
    if (a.severity != b.severity)
        return int(a.severity) < int(b.severity);
    const auto sinceA = Version::parse(a.since);
    const auto sinceB = Version::parse(b.since);
    if (sinceA && sinceB && !(*sinceA == *sinceB))
        return *sinceA < *sinceB;
    if (a.id != b.id)
        return a.id < b.id;
    if (a.file != b.file)
        return a.file < b.file;
    if (a.line != b.line)
        return a.line < b.line;
    return a.column < b.column;
}

} // namespace omu
