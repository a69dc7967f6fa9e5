#include "ReviewRecorder.h"

#include "journal/JournalNames.h"

#include <QJsonArray>

namespace omu {

QString ReviewCompletion::acknowledgementKey(const Finding& finding)
{
    return finding.id + QLatin1Char('|') + finding.file + QLatin1Char('|') + finding.message;
}

bool ReviewCompletion::isAcknowledged(const Finding& finding, const QSet<QString>& acknowledged)
{
    return acknowledged.contains(acknowledgementKey(finding)) || acknowledged.contains(finding.id);
}

namespace {

QJsonObject findingStatus(const Finding& finding, const QString& status)
{
    QJsonObject json{{QStringLiteral("id"), finding.id},
                     {QStringLiteral("severity"), severityName(finding.severity)},
                     {QStringLiteral("title"), finding.title},
                     {QStringLiteral("status"), status}};
    if (!finding.location().isEmpty())
        json.insert(QStringLiteral("location"), finding.location());
    if (!finding.message.isEmpty())
        json.insert(QStringLiteral("message"), finding.message);
    if (!finding.since.isEmpty())
        json.insert(QStringLiteral("since"), finding.since);
    if (finding.manual)
        json.insert(QStringLiteral("manual"), true);
    return json;
}

} // namespace

QList<Finding> ReviewCompletion::fixedBy(const FixPlan& plan, const QList<Finding>& candidates)
{
    QSet<QString> keys;
    for (const FilePatch& patch : plan.patches)
        for (const QString& key : patch.findingKeys)
            keys.insert(key);
    QList<Finding> fixed;
    for (const Finding& finding : candidates)
        if (keys.contains(finding.key()))
            fixed << finding;
    return fixed;
}

ReviewCompletion ReviewCompletion::of(const ReviewReport& report, const QSet<QString>& acknowledged,
                                      const QString& by, const QList<Finding>& fixed)
{
    ReviewCompletion completion;
    completion.from = report.from;
    completion.to = report.to;
    completion.blockers = report.count(Severity::Blocker);
    completion.warnings = report.count(Severity::Warning);
    completion.notices = report.count(Severity::Notice);
    completion.notChecked = int(report.notChecked.size());
    completion.by = by;
    // Fixed only when the review run after the fix no longer finds it.
    QSet<QString> stillFound;
    for (const Finding& finding : report.findings)
        stillFound.insert(finding.key());
    QSet<QString> listed;
    for (const Finding& finding : fixed)
        if (!stillFound.contains(finding.key()) && !listed.contains(finding.key())) {
            listed.insert(finding.key());
            completion.findings.append(findingStatus(finding, QStringLiteral("fixed")));
        }
    for (const Finding& finding : report.findings) {
        const bool accepted =
            finding.severity == Severity::Blocker && isAcknowledged(finding, acknowledged);
        if (!listed.contains(finding.key()))
            completion.findings.append(findingStatus(
                finding, accepted ? QStringLiteral("acknowledged") : QStringLiteral("open")));
        listed.insert(finding.key());
    }
    for (const NotChecked& check : report.notChecked)
        completion.checksNotRun.append(QJsonObject{{QStringLiteral("id"), check.id},
                                                   {QStringLiteral("reason"), check.reason}});
    completion.notCovered = report.notCovered;
    for (const Finding& finding : report.findings) {
        if (finding.severity != Severity::Blocker || finding.manual)
            continue;
        if (isAcknowledged(finding, acknowledged)) {
            if (!completion.acknowledged.contains(finding.id))
                completion.acknowledged << finding.id;
        } else {
            ++completion.openBlockers;
            if (!completion.blockerIds.contains(finding.id))
                completion.blockerIds << finding.id;
        }
    }
    return completion;
}

Status ReviewRecorder::completed(const ReviewCompletion& completion) const
{
    // "blockers" counts the open ones: that is what the gate and older journals read.
    QJsonObject data{
        {QStringLiteral("to"), completion.to},
        {QStringLiteral("blockers"), completion.openBlockers},
        {QStringLiteral("blockersFound"), completion.blockers},
        {QStringLiteral("warnings"), completion.warnings},
        {QStringLiteral("notices"), completion.notices},
        {QStringLiteral("notChecked"), completion.notChecked},
        {QStringLiteral("acknowledged"), QJsonArray::fromStringList(completion.acknowledged)},
        {QStringLiteral("openBlockerIds"), QJsonArray::fromStringList(completion.blockerIds)},
        {QStringLiteral("by"), completion.by}};
    if (!completion.from.isEmpty())
        data.insert(QStringLiteral("from"), completion.from);
    data.insert(QStringLiteral("findings"), completion.findings);
    data.insert(QStringLiteral("checksNotRun"), completion.checksNotRun);
    if (!completion.notCovered.isEmpty())
        data.insert(QStringLiteral("notCovered"),
                    QJsonArray::fromStringList(completion.notCovered));
    return record(journal::step::review, journal::event::completed, data);
}

} // namespace omu
