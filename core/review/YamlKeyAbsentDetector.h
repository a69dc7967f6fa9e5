#pragma once

#include "Detector.h"
#include "YamlScope.h"

namespace omu {

// `yaml-key-absent`: a mapping lacks a key the new release expects, e.g. elasticsearch
// without searchType. Only mappings that exist are checked (a missing parent is a
// different deployment shape, not a gap); `exceptWhenPresent` lists sibling keys that
// make the gap expected (the old key another detector reports).
class YamlKeyAbsentDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("yaml-key-absent"); }
    bool supportsFix(AutoFixSpec::Kind kind) const override
    {
        return kind == AutoFixSpec::Kind::AddBlock;
    }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    YamlScope m_scope;
    QStringList m_exceptWhenPresent;
};

} // namespace omu
