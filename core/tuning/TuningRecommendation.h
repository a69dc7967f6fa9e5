#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace omu {

// The value omupgrade suggests for sort_buffer_size / work_mem, and why.
struct TuningRecommendation
{
    qint64 bytes = 0;
    QString serverValue; // in the server's own terms: "20971520" (MySQL), "20MB" (PostgreSQL)
    QString reason;      // the rule and the figures it was applied to, in a sentence or two
    bool capped = false; // the rule asked for more than the cap allows

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("bytes"), bytes},
                           {QStringLiteral("value"), serverValue},
                           {QStringLiteral("reason"), reason},
                           {QStringLiteral("capped"), capped}};
    }
};

} // namespace omu
