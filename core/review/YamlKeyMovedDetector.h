#pragma once

#include "Detector.h"
#include "YamlScope.h"

namespace omu {

// `yaml-key-moved`: a key that now lives somewhere else in the same mapping tree, e.g. a
// dashboard workflow's dbServiceNames now under lineageInformation, or the Helm chart's
// Airflow settings now under pipelineServiceClientConfig.airflow. `to` is the new place,
// a dotted path from the mapping that holds the key now; its last part may rename the key,
// and {key} stands for the key's own name (for a path that matches several keys).
// The move is fixed automatically (move-key) unless `mechanical: false` says the new shape
// needs a person; a key set in both places is reported and left to the user.
class YamlKeyMovedDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("yaml-key-moved"); }
    bool supportsFix(AutoFixSpec::Kind kind) const override
    {
        return kind == AutoFixSpec::Kind::MoveKey || kind == AutoFixSpec::Kind::DeleteBlock;
    }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    YamlScope m_scope;
    QStringList m_to;
};

} // namespace omu
