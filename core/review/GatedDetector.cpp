#include "GatedDetector.h"

namespace omu {

GatedDetector::GatedDetector(std::shared_ptr<Detector> inner, std::shared_ptr<Detector> condition)
    : m_inner(std::move(inner)), m_condition(std::move(condition))
{
    setAutoFix(m_inner->autoFix());
}

DetectorFindings GatedDetector::run(const DetectorContext& context) const
{
    const DetectorFindings condition = m_condition->run(context);
    if (condition.hits.isEmpty() && condition.notChecked.isEmpty())
        return {};
    return m_inner->run(context);
}

} // namespace omu
