#pragma once

#include "Detector.h"

namespace omu {

class SpecReader;

// `python-import`: custom connector code importing from a module that moved, e.g.
// `from metadata.ingestion.api.workflow import Workflow` (1.2.0) or StackTraceError from
// metadata.ingestion.api.models (1.3.0). With `names`, only those names count.
class PythonImportDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("python-import"); }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_module;
    QStringList m_names;
};

} // namespace omu
