#include "YamlPath.h"

namespace omu {

std::optional<YamlPath> YamlPath::parse(const QString& text, QString* error)
{
    YamlPath path;
    if (text.trimmed().isEmpty())
        return path;
    path.m_segments = text.split(QLatin1Char('.'));
    for (const QString& segment : path.m_segments)
        if (segment.isEmpty() || segment != segment.trimmed()) {
            if (error)
                *error =
                    QStringLiteral("the path \"%1\" has an empty or blank-padded part").arg(text);
            return std::nullopt;
        }
    return path;
}

YamlPath YamlPath::parent() const
{
    YamlPath path;
    path.m_segments = m_segments.mid(0, m_segments.size() - 1);
    return path;
}

namespace {

std::optional<YamlMatch> atIndex(const YamlMatch& here, const QStringList& path, int index)
{
    if (index == path.size())
        return here;
    const QString& segment = path.at(index);
    const YAML::Node& node = here.value;
    const QStringList next = path.mid(0, index + 1);
    if (segment.startsWith(QLatin1Char('[')) && node.IsSequence()) {
        const int wanted = segment.mid(1, segment.size() - 2).toInt();
        int position = 0;
        for (auto it = node.begin(); it != node.end(); ++it, ++position)
            if (position == wanted)
                return atIndex(YamlMatch(next, YAML::Node(), *it, node, false), path, index + 1);
        return std::nullopt;
    }
    if (!node.IsMap())
        return std::nullopt;
    for (auto it = node.begin(); it != node.end(); ++it)
        if (it->first.IsScalar() && QString::fromStdString(it->first.Scalar()) == segment)
            return atIndex(YamlMatch(next, it->first, it->second, node, true), path, index + 1);
    return std::nullopt;
}

} // namespace

std::optional<YamlMatch> YamlPath::at(const YAML::Node& root, const QStringList& concretePath)
{
    return atIndex(YamlMatch({}, YAML::Node(), root, YAML::Node(), false), concretePath, 0);
}

std::vector<YamlMatch> YamlPath::find(const YAML::Node& root) const
{
    std::vector<YamlMatch> out;
    match(YamlMatch({}, YAML::Node(), root, YAML::Node(), false), 0, out);
    return out;
}

void YamlPath::match(const YamlMatch& current, int segment, std::vector<YamlMatch>& out) const
{
    if (segment == m_segments.size()) {
        out.push_back(current);
        return;
    }
    const QString& wanted = m_segments.at(segment);
    const bool anyDepth = wanted == QLatin1String("**");
    const bool anyOne = wanted == QLatin1String("*");
    // "(a|b|c)": any one of these keys.
    const bool choice = wanted.startsWith(QLatin1Char('(')) && wanted.endsWith(QLatin1Char(')'));
    const QStringList choices =
        choice ? wanted.mid(1, wanted.size() - 2).split(QLatin1Char('|')) : QStringList();
    if (anyDepth)
        match(current, segment + 1, out); // zero levels

    const YAML::Node& node = current.value;
    const int next = anyDepth ? segment : segment + 1;
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (!it->first.IsScalar())
                continue;
            const QString name = QString::fromStdString(it->first.Scalar());
            if (anyDepth || anyOne || (choice ? choices.contains(name) : name == wanted))
                match(
                    YamlMatch(current.path + QStringList{name}, it->first, it->second, node, true),
                    next, out);
        }
    } else if (node.IsSequence() && (anyDepth || anyOne)) {
        int index = 0;
        for (auto it = node.begin(); it != node.end(); ++it, ++index)
            match(YamlMatch(current.path + QStringList{QStringLiteral("[%1]").arg(index)},
                            YAML::Node(), *it, node, false),
                  next, out);
    }
}

} // namespace omu
