#pragma once

#include "FixPlan.h"
#include "journal/JournalRecorder.h"
#include "ReviewReport.h"

#include <QJsonArray>

#include <QSet>

#include <QStringList>

namespace omu {

// What a finished review leaves in the journal (step "review", event "completed"). The
// migration's gate reads `openBlockers`: no blocker may be open when it runs.
struct ReviewCompletion
{
    QString from; // the release running now, when known
    QString to;   // the target release
    int blockers = 0;
    int openBlockers = 0; // blockers less the ones the user acknowledged
    int warnings = 0;
    int notices = 0;
    int notChecked = 0;
    QStringList acknowledged; // finding ids the user accepted as handled
    QStringList blockerIds;   // the open ones, for the report
    QString by;               // "wizard", "omupgrade review"
    // Every finding with its status ("fixed", "acknowledged", "open"), the checks that
    // could not run and the releases the catalog does not cover: the report lists them.
    QJsonArray findings;
    QJsonArray checksNotRun;
    QStringList notCovered;

    // The counts of `report`; a blocker is open unless `acknowledged` holds its
    // acknowledgementKey() (or its bare id: the command line acknowledges by id).
    // `fixed`: findings omupgrade's fixes removed during this review (they are no longer
    // in `report`, which is the review run again after the fix).
    static ReviewCompletion of(const ReviewReport& report, const QSet<QString>& acknowledged,
                               const QString& by, const QList<Finding>& fixed = {});
    // The findings among `candidates` that an applied `plan` changed a file for.
    static QList<Finding> fixedBy(const FixPlan& plan, const QList<Finding>& candidates);
    // id|file|message: not the line, which moves when a fix edits the same file.
    static QString acknowledgementKey(const Finding& finding);
    static bool isAcknowledged(const Finding& finding, const QSet<QString>& acknowledged);
};

class ReviewRecorder : public JournalRecorder
{
public:
    using JournalRecorder::JournalRecorder;

    Status completed(const ReviewCompletion& completion) const;
};

} // namespace omu
