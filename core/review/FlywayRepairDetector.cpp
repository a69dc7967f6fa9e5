#include "FlywayRepairDetector.h"

#include "connection/DatabaseSession.h"
#include "DatabaseFacts.h"
#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> FlywayRepairDetector::create(SpecReader& /*reader*/)
{
    return std::shared_ptr<Detector>(std::make_shared<FlywayRepairDetector>());
}

DetectorFindings FlywayRepairDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    const auto count = DatabaseFacts::failedFlywayMigrations(*context.database);
    if (!count) {
        result.notChecked = count.error().message;
        return result;
    }
    if (count.value() > 0)
        result.hits.append(DetectorHit{
            {},
            0,
            0,
            QStringLiteral("%1 flyway migration%2 in DATABASE_CHANGE_LOG of %3 %4 marked failed")
                .arg(count.value())
                .arg(count.value() == 1 ? QString() : QStringLiteral("s"))
                .arg(context.database->profile().displayName())
                .arg(count.value() == 1 ? QStringLiteral("is") : QStringLiteral("are")),
            {}});
    return result;
}

} // namespace omu
