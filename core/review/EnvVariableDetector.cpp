#include "EnvVariableDetector.h"

#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> EnvVariableDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<EnvVariableDetector>();
    detector->m_names = reader.stringList("names", true);
    if (reader.has("matches")) {
        detector->m_matches = QRegularExpression(reader.regex("matches", true));
        detector->m_hasMatches = true;
    }
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings EnvVariableDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const auto& files = context.workspace.envFiles();
    if (files.empty()) {
        result.notChecked = context.workspace.missingReason(InputKind::Env);
        return result;
    }
    for (const EnvSource& file : files)
        for (const auto& entry : file.parsed.entries()) {
            if (!m_names.contains(entry.key))
                continue;
            if (m_hasMatches && !m_matches.match(entry.value).hasMatch())
                continue;
            const QString message = m_hasMatches
                                        ? QStringLiteral("%1 is \"%2\"").arg(entry.key, entry.value)
                                        : QStringLiteral("%1 is set").arg(entry.key);
            result.hits.append(DetectorHit{
                file.path, entry.line, 1, message,
                FixTarget{FixTarget::Kind::EnvEntry, file.path, {}, {}, entry.key, entry.line}});
        }
    return result;
}

} // namespace omu
