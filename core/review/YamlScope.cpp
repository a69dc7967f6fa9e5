#include "YamlScope.h"

namespace omu {

void YamlScope::read(SpecReader& reader)
{
    for (const QString& name : reader.stringList("files", true)) {
        if (name == QLatin1String("config"))
            m_files << InputKind::Config;
        else if (name == QLatin1String("helm"))
            m_files << InputKind::Helm;
        else if (name == QLatin1String("workflows"))
            m_files << InputKind::Workflows;
        else if (name == QLatin1String("compose"))
            m_files << InputKind::Compose;
        else
            reader.fail(QStringLiteral("\"files\" lists \"%1\"; YAML detectors read config, helm, "
                                       "workflows or compose")
                            .arg(name));
    }
    QString error;
    const QString pathText = reader.string("path", true);
    if (auto path = YamlPath::parse(pathText, &error); path && !pathText.isEmpty())
        m_path = *path;
    else if (!pathText.isEmpty())
        reader.fail(error);
    if (auto onlyIf = reader.node("onlyIf", false)) {
        // A path that must exist, or {path, matches}: a value somewhere else in the same
        // document (the connection type of a workflow whose sourceConfig is checked).
        QString text;
        if (onlyIf->IsMap()) {
            SpecReader onlyIfReader(*onlyIf, QStringLiteral("\"onlyIf\""));
            text = onlyIfReader.string("path", true);
            m_onlyIfMatches = QRegularExpression(onlyIfReader.regex("matches", true));
            m_hasOnlyIfMatches = true;
            if (auto problem = onlyIfReader.finish())
                reader.fail(problem->message);
        } else if (onlyIf->IsScalar()) {
            text = QString::fromStdString(onlyIf->Scalar());
        } else {
            reader.fail(QStringLiteral("\"onlyIf\" must be a path or {path, matches}"));
        }
        if (auto path = YamlPath::parse(text, &error); path && !text.isEmpty())
            m_onlyIf = *path;
        else if (!text.isEmpty())
            reader.fail(error);
    }
    if (auto when = reader.node("when", false)) {
        SpecReader whenReader(*when, QStringLiteral("\"when\""));
        m_whenKey = whenReader.string("key", true);
        m_whenMatches = QRegularExpression(whenReader.regex("matches", true));
        if (whenReader.has("up")) {
            bool ok = false;
            m_whenUp = whenReader.string("up", true).toInt(&ok);
            if (!ok || m_whenUp < 0)
                whenReader.fail(QStringLiteral("\"up\" must be a number of levels, 0 or more"));
        }
        if (auto problem = whenReader.finish())
            reader.fail(problem->message);
    }
}

QString YamlScope::forEachDocument(
    const DetectorContext& context,
    const std::function<void(const YamlSource&, const YAML::Node&)>& visit) const
{
    QStringList missing;
    bool looked = false;
    for (InputKind kind : m_files) {
        const auto files = context.workspace.yamlFiles(kind);
        if (files.empty()) {
            missing << context.workspace.missingReason(kind);
            continue;
        }
        looked = true;
        for (const YamlSource* source : files)
            for (const YAML::Node& document : source->documents()) {
                if (m_onlyIf && !onlyIfHolds(document))
                    continue;
                visit(*source, document);
            }
    }
    return looked ? QString() : missing.join(QStringLiteral("; "));
}

bool YamlScope::onlyIfHolds(const YAML::Node& document) const
{
    const auto matches = m_onlyIf->find(document);
    if (!m_hasOnlyIfMatches)
        return !matches.empty();
    for (const YamlMatch& match : matches)
        if (match.value.IsScalar() &&
            m_onlyIfMatches.match(QString::fromStdString(match.value.Scalar())).hasMatch())
            return true;
    return false;
}

QString
YamlScope::forEachKey(const DetectorContext& context,
                      const std::function<void(const YamlSource&, const YamlMatch&)>& visit) const
{
    return forEachDocument(context, [&](const YamlSource& source, const YAML::Node& document) {
        for (const YamlMatch& match : m_path.find(document))
            if (match.hasKey &&
                accepts(document, match.path.mid(0, match.path.size() - 1), match.parent))
                visit(source, match);
    });
}

bool YamlScope::accepts(const YAML::Node& document, const QStringList& mappingPath,
                        const YAML::Node& mapping) const
{
    if (m_whenUp == 0)
        return whenHolds(mapping);
    if (mappingPath.size() < m_whenUp)
        return false;
    const auto ancestor = YamlPath::at(document, mappingPath.mid(0, mappingPath.size() - m_whenUp));
    return ancestor && whenHolds(ancestor->value);
}

bool YamlScope::whenHolds(const YAML::Node& mapping) const
{
    if (m_whenKey.isEmpty())
        return true;
    if (!mapping.IsMap())
        return false;
    for (auto it = mapping.begin(); it != mapping.end(); ++it)
        if (it->first.IsScalar() && QString::fromStdString(it->first.Scalar()) == m_whenKey)
            return it->second.IsScalar() &&
                   m_whenMatches.match(QString::fromStdString(it->second.Scalar())).hasMatch();
    return false;
}

std::pair<int, int> YamlScope::position(const YAML::Node& node)
{
    const YAML::Mark mark = node.Mark();
    if (mark.is_null())
        return {0, 0};
    return {mark.line + 1, mark.column + 1};
}

} // namespace omu
