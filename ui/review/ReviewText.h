#pragma once

#include "review/Finding.h"
#include "review/FixPlan.h"
#include "review/ReviewReport.h"

#include <QColor>
#include <QString>

namespace omu::ui::reviewtext {

// "1 blocker", "3 blockers" (there is no translation file to pluralise %n).
QString plural(qsizetype n, const QString& one, const QString& many);
QString severityTitle(Severity severity); // "Blockers"
QString severityWord(Severity severity);  // "Blocker"
QColor severityColor(Severity severity);
// Where a finding is, short enough for a column: "openmetadata.yaml:45", "database".
QString shortPlace(const Finding& finding);
// The line under the findings: counts, fixes, checks that did not run, open blockers.
QString summaryHtml(const ReviewReport& report, int openBlockers);
// The files the automatic fixes changed, each original kept beside it.
QString fixedHtml(const QList<FixApplier::Applied>& applied);
// The detail pane's text: what, where, why, how to fix, and the automatic fix.
QString findingHtml(const Finding& finding);

} // namespace omu::ui::reviewtext
