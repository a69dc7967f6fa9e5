#include "ManualCheckDetector.h"

#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> ManualCheckDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<ManualCheckDetector>();
    detector->m_check = reader.string("check", true);
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings ManualCheckDetector::run(const DetectorContext& /*context*/) const
{
    DetectorFindings result;
    result.hits.append(DetectorHit{{}, 0, 0, m_check, {}});
    return result;
}

} // namespace omu
