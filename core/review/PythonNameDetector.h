#pragma once

#include "Detector.h"

#include <QRegularExpression>

namespace omu {

class SpecReader;

// `python-name`: custom connector code using a name that changed, e.g. the stack_trace
// attribute of StackTraceError (now stackTrace) or the metadata_to_es DAG. `names` are
// whole identifiers; `pattern` is a regular expression instead; `requiresInFile` limits
// the search to files that mention another name (StackTraceError), so an unrelated
// variable called stack_trace elsewhere does not count; `unlessAnywhere` lists names whose
// presence in any file of the folder means the code is already updated (a connector folder
// that defines a ServiceSpec). Comments are ignored.
class PythonNameDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("python-name"); }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QRegularExpression m_pattern;
    QRegularExpression m_requiresInFile;
    bool m_hasRequirement = false;
    QRegularExpression m_unlessAnywhere;
    bool m_hasException = false;
};

} // namespace omu
