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
        else
            reader.fail(QStringLiteral("\"files\" lists \"%1\"; YAML detectors read config, helm "
                                       "or workflows")
                            .arg(name));
    }
    QString error;
    const QString pathText = reader.string("path", true);
    if (auto path = YamlPath::parse(pathText, &error); path && !pathText.isEmpty())
        m_path = *path;
    else if (!pathText.isEmpty())
        reader.fail(error);
    if (reader.has("onlyIf")) {
        if (auto onlyIf = YamlPath::parse(reader.string("onlyIf", true), &error))
            m_onlyIf = *onlyIf;
        else
            reader.fail(error);
    }
    if (auto when = reader.node("when", false)) {
        SpecReader whenReader(*when, QStringLiteral("\"when\""));
        m_whenKey = whenReader.string("key", true);
        m_whenMatches = QRegularExpression(whenReader.regex("matches", true));
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
                if (m_onlyIf && m_onlyIf->find(document).empty())
                    continue;
                visit(*source, document);
            }
    }
    return looked ? QString() : missing.join(QStringLiteral("; "));
}

bool YamlScope::accepts(const YAML::Node& mapping) const
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
