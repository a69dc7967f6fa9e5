#include "AlertDetector.h"

#include "connection/DatabaseSession.h"
#include "DatabaseFacts.h"
#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> AlertDetector::create(SpecReader& /*reader*/)
{
    return std::shared_ptr<Detector>(std::make_shared<AlertDetector>());
}

DetectorFindings AlertDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    const auto count = DatabaseFacts::eventSubscriptions(*context.database);
    if (!count) {
        result.notChecked = count.error().message;
        return result;
    }
    if (count.value() > 0)
        result.hits.append(
            DetectorHit{{},
                        0,
                        0,
                        QStringLiteral("%1 alert%2 in %3 will be deleted by the 1.3.0 migration")
                            .arg(count.value())
                            .arg(count.value() == 1 ? QString() : QStringLiteral("s"))
                            .arg(context.database->profile().displayName()),
                        {}});
    return result;
}

} // namespace omu
