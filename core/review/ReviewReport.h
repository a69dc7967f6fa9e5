#pragma once

#include "Finding.h"
#include "ReviewProblem.h"
#include "SearchEngineInfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

// A check that could not run, and why (input not given, database unreachable...).
struct NotChecked
{
    QString id;
    QString detector;
    QString reason;
};

// Everything one review found, in the order it is shown: blockers first, then
// warnings, then notices; within a severity by release, then id, then place.
struct ReviewReport
{
    QString from;
    QString to;
    int applicableEntries = 0;
    QList<Finding> findings;
    QList<NotChecked> notChecked;
    QList<ReviewProblem> problems;
    std::optional<SearchEngineInfo> search;
    // The newest release the catalog covers, and the releases on the way that are newer:
    // not checked, reported as a blocker.
    QString coverage;
    QStringList notCovered;

    // Findings a detector found (manual checks apart) of one severity.
    int count(Severity severity) const;
    int manualCount() const;
    int autofixCount() const;
    bool hasBlockers() const { return count(Severity::Blocker) > 0; }
    // One sentence: what was found and what to do first.
    QString summary() const;
    // {"from","to","findings":[...],"counts":{"blocker","warning","notice","manual"},
    //  "notChecked":[...],"problems":[...],"summary"}
    QJsonObject toJson() const;

    static bool ordersBefore(const Finding& a, const Finding& b);
};

} // namespace omu
