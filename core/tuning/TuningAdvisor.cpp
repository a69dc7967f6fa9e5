#include "TuningAdvisor.h"

#include <algorithm>

namespace omu {

namespace {

QString rowsText(qint64 rows)
{
    return rows == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(rows);
}

} // namespace

QString TuningAdvisor::parameterName(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("work_mem")
                                      : QStringLiteral("sort_buffer_size");
}

QString TuningAdvisor::serverValue(qint64 bytes, Engine engine)
{
    return engine == Engine::Postgres ? ByteSize::postgresValue(bytes)
                                      : ByteSize::mySqlValue(bytes);
}

qint64 TuningAdvisor::minimumBytes(Engine engine)
{
    return engine == Engine::Postgres ? 64 * ByteSize::KiB : 32 * ByteSize::KiB;
}

Status TuningAdvisor::checkValue(qint64 bytes, Engine engine)
{
    const QString name = parameterName(engine);
    if (bytes < minimumBytes(engine))
        return makeError(
            QStringLiteral("%1 is below the smallest %2 the server accepts (%3).")
                .arg(ByteSize::describe(bytes), name, ByteSize::describe(minimumBytes(engine))),
            QStringLiteral("size"),
            QStringLiteral("The migration needs more, not less: %1 is "
                           "OpenMetadata's documented value.")
                .arg(ByteSize::describe(floorBytes)));
    if (bytes > ByteSize::maximumBytes)
        return makeError(
            QStringLiteral("%1 is more than the %2 omupgrade allows for %3.")
                .arg(ByteSize::describe(bytes), ByteSize::describe(ByteSize::maximumBytes), name),
            QStringLiteral("size"),
            QStringLiteral("The server allocates it per sort in every connection; "
                           "pick a value between %1 and %2.")
                .arg(ByteSize::describe(floorBytes), ByteSize::describe(ByteSize::maximumBytes)));
    return {};
}

TuningRecommendation TuningAdvisor::recommend(const QueryEntitySize& queryEntity, Engine engine)
{
    TuningRecommendation recommendation;
    const qint64 needed = qint64(largestDocumentFactor) * queryEntity.largestDocumentBytes;
    const qint64 neededWholeMiB = (needed + ByteSize::MiB - 1) / ByteSize::MiB * ByteSize::MiB;
    QString why;
    if (!queryEntity.present || !queryEntity.measured) {
        recommendation.bytes = floorBytes;
        why = QStringLiteral("%1 is OpenMetadata's documented value; query_entity could not be "
                             "measured (%2), so nothing suggests more.")
                  .arg(ByteSize::describe(floorBytes),
                       queryEntity.note.isEmpty() ? QStringLiteral("not found") : queryEntity.note);
    } else if (neededWholeMiB <= floorBytes) {
        recommendation.bytes = floorBytes;
        why = QStringLiteral("%1 is OpenMetadata's documented value, and it is enough here: the "
                             "largest query_entity document is %2 (%3), and a sort needs "
                             "room for about %4 of the largest rows (%5).")
                  .arg(ByteSize::describe(floorBytes),
                       ByteSize::describe(queryEntity.largestDocumentBytes))
                  .arg(rowsText(queryEntity.rows))
                  .arg(largestDocumentFactor)
                  .arg(ByteSize::describe(needed));
    } else if (neededWholeMiB <= capBytes) {
        recommendation.bytes = neededWholeMiB;
        const QString mechanism =
            engine == Engine::Postgres
                ? QStringLiteral("PostgreSQL moves a sort to disk when work_mem cannot hold it, "
                                 "and room for %1 of the largest rows keeps these sorts in memory")
                      .arg(largestDocumentFactor)
                : QStringLiteral("MySQL fails a sort with \"Out of sort memory\" unless the "
                                 "buffer holds about 15 of the largest rows");
        why = QStringLiteral("More than the documented %1: the largest query_entity document is "
                             "%2 (%3), and %4; so %5 x %2, rounded up to a whole MB.")
                  .arg(ByteSize::describe(floorBytes),
                       ByteSize::describe(queryEntity.largestDocumentBytes))
                  .arg(rowsText(queryEntity.rows))
                  .arg(mechanism)
                  .arg(largestDocumentFactor);
    } else {
        recommendation.bytes = capBytes;
        recommendation.capped = true;
        why = QStringLiteral("The largest query_entity document is %1, which would call for %2; "
                             "omupgrade stops at %3 because every connection may allocate this "
                             "much per sort. Check that document: it may be a runaway query text.")
                  .arg(ByteSize::describe(queryEntity.largestDocumentBytes),
                       ByteSize::describe(neededWholeMiB), ByteSize::describe(capBytes));
    }
    recommendation.serverValue = serverValue(recommendation.bytes, engine);
    recommendation.reason = why;
    return recommendation;
}

TuningRecommendation TuningAdvisor::afterSortMemoryFailure(qint64 inForceBytes,
                                                           const TuningRecommendation& usual,
                                                           Engine engine)
{
    TuningRecommendation recommendation;
    const qint64 doubled = (2 * inForceBytes + ByteSize::MiB - 1) / ByteSize::MiB * ByteSize::MiB;
    recommendation.bytes = std::max(doubled, usual.bytes);
    if (recommendation.bytes > ByteSize::maximumBytes) {
        recommendation.bytes = ByteSize::maximumBytes;
        recommendation.capped = true;
    }
    const QString name = parameterName(engine);
    if (inForceBytes >= ByteSize::maximumBytes)
        recommendation.reason =
            QStringLiteral("The migration ran out of sort memory with %1 = %2 in force, the most "
                           "omupgrade sets. Look for runaway documents in query_entity (the "
                           "largest ones) before raising it further by hand.")
                .arg(name, ByteSize::describe(inForceBytes));
    else if (recommendation.bytes == usual.bytes && usual.bytes > doubled)
        recommendation.reason =
            QStringLiteral("The migration ran out of sort memory with %1 = %2 in force, below "
                           "the usual recommendation: %3. %4")
                .arg(name, ByteSize::describe(inForceBytes), ByteSize::describe(usual.bytes),
                     usual.reason);
    else
        recommendation.reason =
            QStringLiteral("The migration ran out of sort memory with %1 = %2 in force, so that "
                           "was too little for this database whatever the usual rule says: "
                           "twice it, %3, is suggested%4.")
                .arg(name, ByteSize::describe(inForceBytes),
                     ByteSize::describe(recommendation.bytes),
                     recommendation.capped ? QStringLiteral(" (the most omupgrade sets)")
                                           : QString());
    recommendation.serverValue = serverValue(recommendation.bytes, engine);
    return recommendation;
}

} // namespace omu
