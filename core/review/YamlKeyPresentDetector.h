#pragma once

#include "Detector.h"
#include "YamlScope.h"

namespace omu {

// `yaml-key-present`: a key that was removed or renamed is still in the file, e.g.
// migrationConfiguration.path or a workflow's sandboxDomain.
class YamlKeyPresentDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("yaml-key-present"); }
    bool supportsFix(AutoFixSpec::Kind kind) const override;
    DetectorFindings run(const DetectorContext& context) const override;

private:
    YamlScope m_scope;
};

} // namespace omu
