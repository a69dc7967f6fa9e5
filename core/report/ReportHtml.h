#pragma once

#include <QJsonObject>
#include <QString>

namespace omu {

// The report as one self-contained HTML page (no scripts, no external files): the summary
// on top, then each section's state, sentence, facts and tables, then the log's tail.
// Only what the JSON says, in words: no keys, no raw JSON.
class ReportHtml
{
public:
    static QString render(const QJsonObject& report);
};

} // namespace omu
