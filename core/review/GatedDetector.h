#pragma once

#include "Detector.h"

namespace omu {

// A detector that only looks when another one finds something: written as `onlyWhen:
// {detector}` on any detector, e.g. the bots whose tokens 1.5 moves, counted only when
// openmetadata.yaml names an external secrets manager. When the condition cannot be
// checked (its input was not given), the detector looks anyway: an unknown condition is
// never a reason to stay silent. The condition's own hits are not reported.
class GatedDetector : public Detector
{
public:
    GatedDetector(std::shared_ptr<Detector> inner, std::shared_ptr<Detector> condition);

    QString type() const override { return m_inner->type(); }
    Needs needs() const override { return m_inner->needs(); }
    bool uses(Needs needs) const override
    {
        return m_inner->uses(needs) || m_condition->uses(needs);
    }
    bool isManual() const override { return m_inner->isManual(); }
    bool supportsFix(AutoFixSpec::Kind kind) const override { return m_inner->supportsFix(kind); }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    std::shared_ptr<Detector> m_inner;
    std::shared_ptr<Detector> m_condition;
};

} // namespace omu
