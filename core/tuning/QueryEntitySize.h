#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace omu {

// How big OpenMetadata's query_entity table is: the migration sorts its JSON documents,
// and the largest one decides how much sort memory that takes.
struct QueryEntitySize
{
    bool present = false;  // false: no query_entity table (not OpenMetadata, or not measured)
    bool measured = false; // the figures below were read (false when it took too long, ...)
    qint64 rows = 0;
    qint64 largestDocumentBytes = 0; // longest JSON document, as text
    qint64 totalDocumentBytes = 0;
    QString note; // why it is absent or not measured, for the user

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("present"), present},
                           {QStringLiteral("measured"), measured},
                           {QStringLiteral("rows"), rows},
                           {QStringLiteral("largestDocumentBytes"), largestDocumentBytes},
                           {QStringLiteral("totalDocumentBytes"), totalDocumentBytes},
                           {QStringLiteral("note"), note}};
    }
};

} // namespace omu
