#include "AfterRecorder.h"

#include "common/Version.h"
#include "journal/JournalNames.h"

#include <QJsonArray>

namespace omu {

Status AfterRecorder::verified(const QString& target,
                               const AfterUpgrade::Verification& verification) const
{
    return record(journal::step::after,
                  verification.holdsTarget ? journal::event::verified
                                           : journal::event::verifyFailed,
                  {{QStringLiteral("target"), target},
                   {QStringLiteral("holdsTarget"), verification.holdsTarget},
                   {QStringLiteral("undetermined"), verification.undetermined},
                   {QStringLiteral("message"), verification.message},
                   {QStringLiteral("versions"), QJsonArray::fromStringList(verification.versions)},
                   {QStringLiteral("partiallyApplied"),
                    QJsonArray::fromStringList(verification.partiallyApplied)}});
}

Status AfterRecorder::serverVersion(const QString& url, const QString& target,
                                    const OpenMetadataServerClient::VersionAnswer& answer) const
{
    const auto wanted = Version::parse(target);
    const auto seen = Version::parse(answer.version);
    return record(journal::step::after, journal::event::serverVersion,
                  {{QStringLiteral("url"), url},
                   {QStringLiteral("version"), answer.version},
                   {QStringLiteral("matches"), wanted && seen && *wanted == *seen},
                   {QStringLiteral("error"), answer.error}});
}

Status AfterRecorder::reindexed(const QString& method,
                                const OpenMetadataServerClient::ReindexAnswer& answer) const
{
    return record(journal::step::after, journal::event::reindex,
                  {{QStringLiteral("method"), method},
                   {QStringLiteral("triggered"), answer.triggered},
                   {QStringLiteral("httpStatus"), answer.httpStatus},
                   {QStringLiteral("message"), answer.message}});
}

Status AfterRecorder::ingestionCommands(const IngestionCommands& commands) const
{
    return record(journal::step::after, journal::event::ingestionCommands, commands.toJson());
}

Status AfterRecorder::tuningReverted(const Result<TuningRevertOutcome>& result) const
{
    return record(journal::step::after, journal::event::tuningRevert,
                  result.ok() ? QJsonObject{{QStringLiteral("reverted"), result.value().reverted},
                                            {QStringLiteral("message"), result.value().message}}
                              : QJsonObject{{QStringLiteral("reverted"), false},
                                            {QStringLiteral("error"), result.error().toString()}});
}

Status AfterRecorder::reported(const QString& jsonFile, const QString& htmlFile) const
{
    return record(journal::step::after, journal::event::report,
                  {{QStringLiteral("json"), jsonFile}, {QStringLiteral("html"), htmlFile}});
}

} // namespace omu
