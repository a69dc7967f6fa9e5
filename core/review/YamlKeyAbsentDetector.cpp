#include "YamlKeyAbsentDetector.h"

namespace omu {

namespace {

bool hasKey(const YAML::Node& map, const QString& key)
{
    if (!map.IsMap())
        return false;
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it->first.IsScalar() && QString::fromStdString(it->first.Scalar()) == key)
            return true;
    return false;
}

} // namespace

Result<std::shared_ptr<Detector>> YamlKeyAbsentDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<YamlKeyAbsentDetector>();
    detector->m_scope.read(reader);
    detector->m_exceptWhenPresent = reader.stringList("exceptWhenPresent", false);
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings YamlKeyAbsentDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const YamlPath parentPath = m_scope.path().parent();
    const QString key = m_scope.path().lastKey();
    result.notChecked = m_scope.forEachDocument(context, [&](const YamlSource& source,
                                                             const YAML::Node& document) {
        for (const YamlMatch& parent : parentPath.find(document)) {
            // An empty mapping ("migrationConfiguration:") is null in YAML.
            if (!(parent.value.IsMap() || parent.value.IsNull()) || hasKey(parent.value, key))
                continue;
            bool expected = false;
            for (const QString& sibling : m_exceptWhenPresent)
                expected = expected || hasKey(parent.value, sibling);
            if (expected || !m_scope.accepts(document, parent.path, parent.value))
                continue;
            int line = 1;
            int column = 1;
            if (parent.hasKey)
                std::tie(line, column) = YamlScope::position(parent.key);
            const QString where = parent.path.isEmpty() ? QStringLiteral("the file")
                                                        : parent.path.join(QLatin1Char('.'));
            result.hits.append(DetectorHit{
                source.path(), line, column, QStringLiteral("%1 has no %2").arg(where, key),
                FixTarget{FixTarget::Kind::YamlParent, source.path(), parent.path, key, {}, 0}});
        }
    });
    return result;
}

} // namespace omu
