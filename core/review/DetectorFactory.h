#pragma once

#include "common/Result.h"
#include "Detector.h"

#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <memory>

namespace omu {

// Builds a detector from its catalog mapping ({type: ..., parameters..., autofix?}).
// An unknown type, a missing or unknown parameter, or an autofix the detector cannot
// carry out is an error naming it.
class DetectorFactory
{
public:
    static QStringList knownTypes();
    // entryFix is the entry's autofix, used when the detector has none of its own and
    // supports its kind.
    static Result<std::shared_ptr<Detector>>
    create(const YAML::Node& node, const std::shared_ptr<const AutoFixSpec>& entryFix);
};

} // namespace omu
