#include "TuningRecorder.h"

#include "journal/JournalNames.h"

namespace omu {

Status TuningRecorder::applying(const TuningChange& change, bool pending) const
{
    return record(
        journal::step::tuning, journal::event::applying,
        {{QStringLiteral("change"), change.toJson()}, {QStringLiteral("pending"), pending}});
}

Status TuningRecorder::applyFailed(const TuningChange& change, bool pending,
                                   const QString& error) const
{
    return record(journal::step::tuning, journal::event::applyFailed,
                  {{QStringLiteral("change"), change.toJson()},
                   {QStringLiteral("pending"), pending},
                   {QStringLiteral("error"), error}});
}

Status TuningRecorder::applied(const TuningChange& change, bool verified,
                               qint64 verifiedBytes) const
{
    return record(journal::step::tuning, journal::event::applied,
                  {{QStringLiteral("change"), change.toJson()},
                   {QStringLiteral("verified"), verified},
                   {QStringLiteral("verifiedBytes"), verifiedBytes}});
}

Status TuningRecorder::revertFailed(const TuningChange& change, const QString& error) const
{
    return record(journal::step::tuning, journal::event::revertFailed,
                  {{QStringLiteral("change"), change.toJson()}, {QStringLiteral("error"), error}});
}

Status TuningRecorder::reverted(const TuningChange& change, bool alreadyOriginal, bool verified,
                                qint64 verifiedBytes) const
{
    return record(journal::step::tuning, journal::event::reverted,
                  {{QStringLiteral("change"), change.toJson()},
                   {QStringLiteral("alreadyOriginal"), alreadyOriginal},
                   {QStringLiteral("verified"), verified},
                   {QStringLiteral("verifiedBytes"), verifiedBytes}});
}

Status TuningRecorder::skipped(const QString& reason, const QString& by) const
{
    return record(journal::step::tuning, journal::event::skipped,
                  {{QStringLiteral("reason"), reason}, {QStringLiteral("by"), by}});
}

} // namespace omu
