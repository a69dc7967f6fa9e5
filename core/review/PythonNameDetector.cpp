#include "PythonNameDetector.h"

#include "PythonImports.h"
#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> PythonNameDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<PythonNameDetector>();
    const QStringList names = reader.stringList("names", false);
    const QString pattern = reader.regex("pattern", false);
    if (names.isEmpty() == pattern.isEmpty())
        reader.fail(QStringLiteral("give either \"names\" or \"pattern\""));
    if (!names.isEmpty()) {
        QStringList escaped;
        for (const QString& name : names)
            escaped << QRegularExpression::escape(name);
        detector->m_pattern =
            QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(escaped.join(QLatin1Char('|'))));
    } else {
        detector->m_pattern = QRegularExpression(pattern);
    }
    if (reader.has("requiresInFile")) {
        detector->m_requiresInFile = QRegularExpression(
            QStringLiteral("\\b%1\\b")
                .arg(QRegularExpression::escape(reader.string("requiresInFile", true))));
        detector->m_hasRequirement = true;
    }
    if (reader.has("unlessAnywhere")) {
        QStringList escaped;
        for (const QString& name : reader.stringList("unlessAnywhere", true))
            escaped << QRegularExpression::escape(name);
        detector->m_unlessAnywhere =
            QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(escaped.join(QLatin1Char('|'))));
        detector->m_hasException = true;
    }
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings PythonNameDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const auto& files = context.workspace.pythonFiles();
    if (files.empty()) {
        result.notChecked = context.workspace.missingReason(InputKind::Code);
        return result;
    }
    if (m_hasException)
        for (const PythonSource& file : files)
            for (const QString& line : file.lines)
                if (PythonImports::withoutComment(line).contains(m_unlessAnywhere))
                    return result;
    for (const PythonSource& file : files) {
        if (m_hasRequirement) {
            bool mentioned = false;
            for (const QString& line : file.lines)
                if (PythonImports::withoutComment(line).contains(m_requiresInFile)) {
                    mentioned = true;
                    break;
                }
            if (!mentioned)
                continue;
        }
        for (int index = 0; index < file.lines.size(); ++index) {
            const QString code = PythonImports::withoutComment(file.lines.at(index));
            auto it = m_pattern.globalMatch(code);
            while (it.hasNext()) {
                const auto match = it.next();
                result.hits.append(
                    DetectorHit{file.path,
                                index + 1,
                                int(match.capturedStart(0)) + 1,
                                QStringLiteral("uses %1").arg(match.captured(0).trimmed()),
                                {}});
            }
        }
    }
    return result;
}

} // namespace omu
