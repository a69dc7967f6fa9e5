#include "PythonImportDetector.h"

#include "PythonImports.h"
#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> PythonImportDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<PythonImportDetector>();
    detector->m_module = reader.string("module", true);
    detector->m_names = reader.stringList("names", false);
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings PythonImportDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const auto& files = context.workspace.pythonFiles();
    if (files.empty()) {
        result.notChecked = context.workspace.missingReason(InputKind::Code);
        return result;
    }
    for (const PythonSource& file : files)
        for (const PythonImport& import : PythonImports::read(file.lines)) {
            QString message;
            if (import.name.isEmpty()) {
                // "import a.b.c": the module itself.
                if (import.module == m_module && m_names.isEmpty())
                    message = QStringLiteral("imports %1").arg(m_module);
            } else if (import.module == m_module) {
                if (m_names.isEmpty() || m_names.contains(import.name))
                    message = QStringLiteral("imports %1 from %2").arg(import.name, m_module);
            } else if (m_names.isEmpty() &&
                       import.module + QLatin1Char('.') + import.name == m_module) {
                message = QStringLiteral("imports %1").arg(m_module);
            }
            if (!message.isEmpty())
                result.hits.append(DetectorHit{file.path, import.line, import.column, message, {}});
        }
    return result;
}

} // namespace omu
