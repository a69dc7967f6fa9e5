#include "AfterUpgrade.h"

#include "journal/JournalProgress.h"

#include <QJsonArray>

namespace omu {

Result<AfterUpgrade::Verification> AfterUpgrade::verify(const ConnectionProfile& profile,
                                                        const QString& target,
                                                        const QString& targetSchema)
{
    const auto state = DatabaseMigrationState::read(profile);
    if (!state)
        return state.error();
    Verification verification;
    for (const auto& version : state->appliedVersions)
        verification.versions << version.toString();
    verification.partiallyApplied = state->partiallyApplied();
    const auto wanted = Version::parse(target);
    const auto schema = Version::parse(targetSchema);
    const QString recorded = schema && wanted && !(*schema == *wanted) ? targetSchema : target;
    verification.holdsTarget = wanted && state->holdsRelease(*wanted, schema ? *schema : Version());
    if (verification.holdsTarget)
        verification.message =
            recorded == target
                ? QStringLiteral("SERVER_CHANGE_LOG records %1: the database is migrated.")
                      .arg(target)
                : QStringLiteral("SERVER_CHANGE_LOG records %1, the newest migration %2 ships: the "
                                 "database is migrated to %2.")
                      .arg(recorded, target);
    else if (!state->unfinished.isEmpty())
        verification.message =
            QStringLiteral("SERVER_CHANGE_LOG shows %1 as %2: a run stopped part way. Run the "
                           "release's repair, then the migration again.")
                .arg(state->unfinished.first().version, state->unfinished.first().status);
    else
        verification.message =
            QStringLiteral("SERVER_CHANGE_LOG does not record %1 (newest: %2). The migration did "
                           "not complete: go back to Migration.")
                .arg(recorded, verification.versions.isEmpty() ? QStringLiteral("none")
                                                               : verification.versions.last());
    return verification;
}

Status AfterUpgrade::recordVerified(UpgradeJournal& journal, const QString& target,
                                    const Verification& verification)
{
    return journal.append(
        QLatin1String(step),
        verification.holdsTarget ? QStringLiteral("verified") : QStringLiteral("verify-failed"),
        QJsonObject{{QStringLiteral("target"), target},
                    {QStringLiteral("holdsTarget"), verification.holdsTarget},
                    {QStringLiteral("message"), verification.message},
                    {QStringLiteral("versions"), QJsonArray::fromStringList(verification.versions)},
                    {QStringLiteral("partiallyApplied"),
                     QJsonArray::fromStringList(verification.partiallyApplied)}});
}

Status AfterUpgrade::recordServerVersion(UpgradeJournal& journal, const QString& url,
                                         const QString& target,
                                         const OpenMetadataServerClient::VersionAnswer& answer)
{
    const auto wanted = Version::parse(target);
    const auto seen = Version::parse(answer.version);
    return journal.append(
        QLatin1String(step), QStringLiteral("server-version"),
        QJsonObject{{QStringLiteral("url"), url},
                    {QStringLiteral("version"), answer.version},
                    {QStringLiteral("matches"), wanted && seen && *wanted == *seen},
                    {QStringLiteral("error"), answer.error}});
}

Status AfterUpgrade::recordReindex(UpgradeJournal& journal, const QString& method,
                                   const OpenMetadataServerClient::ReindexAnswer& answer)
{
    return journal.append(QLatin1String(step), QStringLiteral("reindex"),
                          QJsonObject{{QStringLiteral("method"), method},
                                      {QStringLiteral("triggered"), answer.triggered},
                                      {QStringLiteral("httpStatus"), answer.httpStatus},
                                      {QStringLiteral("message"), answer.message}});
}

Status AfterUpgrade::recordIngestionCommands(UpgradeJournal& journal,
                                             const IngestionCommands& commands)
{
    return journal.append(QLatin1String(step), QStringLiteral("ingestion-commands"),
                          commands.toJson());
}

Status AfterUpgrade::recordTuningRevert(UpgradeJournal& journal,
                                        const Result<TuningRevertResult>& result)
{
    // The tuning step journals its own "reverted"; this notes the After step asked for it.
    return journal.append(QLatin1String(step), QStringLiteral("tuning-revert"),
                          result.ok()
                              ? QJsonObject{{QStringLiteral("reverted"), result.value().reverted},
                                            {QStringLiteral("message"), result.value().message}}
                              : QJsonObject{{QStringLiteral("reverted"), false},
                                            {QStringLiteral("error"), result.error().toString()}});
}

QString AfterUpgrade::targetFromJournal(const UpgradeJournal& journal)
{
    const auto progress = JournalProgress::read(journal);
    if (!progress || !progress->migrationStarted)
        return {};
    return progress->migrationStarted->data.value(QStringLiteral("target")).toString();
}

QString AfterUpgrade::targetSchemaFromJournal(const UpgradeJournal& journal)
{
    const auto progress = JournalProgress::read(journal);
    if (!progress || !progress->migrationStarted)
        return {};
    return progress->migrationStarted->data.value(QStringLiteral("targetSchema")).toString();
}

} // namespace omu
