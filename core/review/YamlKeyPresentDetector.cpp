#include "YamlKeyPresentDetector.h"

namespace omu {

Result<std::shared_ptr<Detector>> YamlKeyPresentDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<YamlKeyPresentDetector>();
    detector->m_scope.read(reader);
    return std::shared_ptr<Detector>(detector);
}

bool YamlKeyPresentDetector::supportsFix(AutoFixSpec::Kind kind) const
{
    return kind != AutoFixSpec::Kind::AddBlock;
}

DetectorFindings YamlKeyPresentDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    result.notChecked =
        m_scope.forEachKey(context, [&](const YamlSource& source, const YamlMatch& match) {
            const auto [line, column] = YamlScope::position(match.key);
            result.hits.append(DetectorHit{
                source.path(), line, column,
                QStringLiteral("%1 is set here").arg(match.path.join(QLatin1Char('.'))),
                FixTarget{FixTarget::Kind::YamlKey, source.path(), match.path, {}, {}, 0}});
        });
    return result;
}

} // namespace omu
