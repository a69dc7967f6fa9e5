#pragma once

#include "Detector.h"

#include <QRegularExpression>

namespace omu {

class SpecReader;

// `python-signature`: a function definition in the code folder that lacks a parameter a
// release now passes, e.g. a custom connector's `def create(cls, config_dict,
// metadata_config)` without the `pipeline_name` 1.4 adds. `function` is the name of the
// def, `parameter` the one it must take (or **kwargs); `firstParameter` (e.g. cls) and
// `requiresInFile` (a name the file must mention, e.g. Source) keep unrelated functions of
// the same name out. Definitions may span several lines.
class PythonSignatureDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("python-signature"); }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_function;
    QString m_parameter;
    QString m_firstParameter;
    QRegularExpression m_requiresInFile;
    bool m_hasRequirement = false;
};

} // namespace omu
