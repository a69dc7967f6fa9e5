#include "YamlKeyMovedDetector.h"

namespace omu {

namespace {

// The node at a relative path below a mapping, if every step exists.
bool existsBelow(const YAML::Node& mapping, const QStringList& path, int index = 0)
{
    if (index == path.size())
        return true;
    if (!mapping.IsMap())
        return false;
    for (auto it = mapping.begin(); it != mapping.end(); ++it)
        if (it->first.IsScalar() && QString::fromStdString(it->first.Scalar()) == path.at(index))
            return existsBelow(it->second, path, index + 1);
    return false;
}

} // namespace

Result<std::shared_ptr<Detector>> YamlKeyMovedDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<YamlKeyMovedDetector>();
    detector->m_scope.read(reader);
    const QString to = reader.string("to", true);
    detector->m_to = to.split(QLatin1Char('.'));
    for (const QString& part : std::as_const(detector->m_to))
        if (part.isEmpty() || part.contains(QLatin1Char('*')))
            reader.fail(QStringLiteral("\"to\" must be a dotted path of plain keys"));
    if (reader.boolean("mechanical", true) && !to.isEmpty()) {
        AutoFixSpec fix;
        fix.kind = AutoFixSpec::Kind::MoveKey;
        fix.to = to;
        detector->setAutoFix(std::make_shared<const AutoFixSpec>(fix));
    }
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings YamlKeyMovedDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    result.notChecked =
        m_scope.forEachKey(context, [&](const YamlSource& source, const YamlMatch& match) {
            const QStringList parent = match.path.mid(0, match.path.size() - 1);
            const QString from = match.path.join(QLatin1Char('.'));
            QStringList target = m_to;
            target.replaceInStrings(QStringLiteral("{key}"), match.path.last());
            const QString to = (parent + target).join(QLatin1Char('.'));
            const QString message =
                existsBelow(match.parent, target)
                    ? QStringLiteral("%1 is set here and %2 too; keep one, under %2").arg(from, to)
                    : QStringLiteral("%1 is set here; it now belongs under %2").arg(from, to);
            const auto [line, column] = YamlScope::position(match.key);
            result.hits.append(DetectorHit{
                source.path(), line, column, message,
                FixTarget{FixTarget::Kind::YamlKey, source.path(), match.path, {}, {}, 0}});
        });
    return result;
}

} // namespace omu
