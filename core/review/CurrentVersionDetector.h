#pragma once

#include "common/Version.h"
#include "Detector.h"

namespace omu {

class SpecReader;

// `current-version`: the release running now is older than `below` (e.g. 0.13.x, no
// longer supported as a starting point).
class CurrentVersionDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("current-version"); }
    Needs needs() const override { return Needs::Nothing; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    Version m_below;
};

} // namespace omu
