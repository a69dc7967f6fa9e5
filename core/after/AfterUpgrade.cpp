#include "AfterUpgrade.h"

#include "AfterRecorder.h"
#include "migration/DatabaseMigrationState.h"
#include "migration/OpenMetadataDistribution.h"

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
    else if (const auto newest = state->appliedVersions.isEmpty()
                                     ? std::optional<Version>()
                                     : std::optional<Version>(state->appliedVersions.last());
             wanted && !schema && state->unfinished.isEmpty() && newest &&
             newest->part(0) == wanted->part(0) && newest->part(1) == wanted->part(1) &&
             *newest < *wanted) {
        verification.undetermined = true;
        verification.message =
            QStringLiteral("SERVER_CHANGE_LOG records %1, the newest on the %2.%3 line; whether "
                           "%4 ships a migration of its own is not known here, so the database "
                           "is not confirmed to hold %4.")
                .arg(newest->toString())
                .arg(wanted->part(0))
                .arg(wanted->part(1))
                .arg(target);
    } else if (!state->unfinished.isEmpty())
        verification.message =
            QStringLiteral("SERVER_CHANGE_LOG shows %1 as %2: a run stopped part way. Run the "
                           "release's repair, then the migration again.")
                .arg(state->unfinished.first().version, state->unfinished.first().status);
    else
        verification.message =
            QStringLiteral("SERVER_CHANGE_LOG does not record %1 (newest: %2): the migration did "
                           "not complete.")
                .arg(recorded, verification.versions.isEmpty() ? QStringLiteral("none")
                                                               : verification.versions.last());
    return verification;
}

QString AfterUpgrade::shippedMigration(const QString& distributionRoot, Engine engine,
                                       const QString& target)
{
    if (distributionRoot.isEmpty())
        return {};
    const auto distribution = OpenMetadataDistribution::read(distributionRoot);
    const auto wanted = Version::parse(target);
    if (!distribution || !wanted || !(distribution->version() == *wanted))
        return {};
    const Version newest = distribution->newestMigration(engine);
    return newest.isNull() ? QString() : newest.toString();
}

Result<AfterUpgrade::Report> AfterUpgrade::writeReport(const ConnectionProfile& profile,
                                                       const QString& dataFolder,
                                                       const QString& folder,
                                                       const QStringList& secrets,
                                                       const QList<ConnectionField>& connection)
{
    const AfterRecorder recorder(profile, dataFolder);
    UpgradeReport::Options options;
    options.secrets << profile.password << secrets;
    options.profile = profile;
    options.connection = connection;
    auto json = UpgradeReport::build(recorder.journal(), options);
    if (!json)
        return json.error();
    const QString target =
        folder.trimmed().isEmpty() ? defaultReportFolder(profile, dataFolder) : folder.trimmed();
    auto written = UpgradeReport::write(json.value(), target);
    if (!written)
        return written.error();
    static_cast<void>(recorder.reported(written->jsonFile, written->htmlFile));
    return Report{json.value(), written.value()};
}

QString AfterUpgrade::defaultReportFolder(const ConnectionProfile& profile,
                                          const QString& dataFolder)
{
    return UpgradeReport::defaultFolder(UpgradeJournal::forDeployment(profile, dataFolder));
}

} // namespace omu
