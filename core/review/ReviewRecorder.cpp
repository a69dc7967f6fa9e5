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

ReviewCompletion ReviewCompletion::of(const ReviewReport& report, const QSet<QString>& acknowledged,
                                      const QString& by)
{
    ReviewCompletion completion;
    completion.from = report.from;
    completion.to = report.to;
    completion.blockers = report.count(Severity::Blocker);
    completion.warnings = report.count(Severity::Warning);
    completion.notices = report.count(Severity::Notice);
    completion.notChecked = int(report.notChecked.size());
    completion.by = by;
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
    return record(journal::step::review, journal::event::completed, data);
}

} // namespace omu
