#include "BrokenQueryDetector.h"

#include "connection/DatabaseSession.h"
#include "DatabaseFacts.h"
#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> BrokenQueryDetector::create(SpecReader& /*reader*/)
{
    return std::shared_ptr<Detector>(std::make_shared<BrokenQueryDetector>());
}

DetectorFindings BrokenQueryDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    const auto count = DatabaseFacts::queriesWithoutService(*context.database);
    if (!count) {
        result.notChecked = count.error().message;
        return result;
    }
    if (count.value() > 0)
        result.hits.append(DetectorHit{
            {},
            0,
            0,
            QStringLiteral("%1 quer%2 in %3 cannot be linked to a database service and will be "
                           "deleted by the 1.2.0 migration")
                .arg(count.value())
                .arg(count.value() == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                .arg(context.database->profile().displayName()),
            {}});
    return result;
}

} // namespace omu
