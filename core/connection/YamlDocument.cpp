#include "YamlDocument.h"

#include "TextFile.h"

#include "common/DisplayText.h"

#include <QHash>

namespace omu {

namespace {

// yaml-cpp keeps both entries of a repeated key and looks up the first, while
// OpenMetadata's server (Jackson) and Helm take the last or refuse the file: either way
// this tool would read another value than the server. Found by walking every mapping.
std::optional<Error> findDuplicateKey(const YAML::Node& node, const QString& fileName,
                                      const QString& kind, int depth = 0)
{
    if (depth > 64)
        return std::nullopt;
    if (node.IsMap()) {
        QHash<QString, int> lines; // key -> 1-based line of its first appearance
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (it->first.IsScalar()) {
                const QString key = QString::fromStdString(it->first.Scalar());
                const int line = it->first.Mark().line + 1;
                if (const auto first = lines.constFind(key); first != lines.constEnd())
                    return makeError(
                        QStringLiteral("the %1 sets \"%2\" twice, on line %3 and on line %4")
                            .arg(kind, DisplayText::value(key, 80))
                            .arg(*first)
                            .arg(line),
                        QStringLiteral("%1:%2").arg(fileName).arg(line),
                        QStringLiteral("OpenMetadata's server takes the last one, other readers "
                                       "the first or neither: keep only the one that is meant, so "
                                       "every tool reads the same settings."));
                lines.insert(key, line);
            }
            if (auto found = findDuplicateKey(it->second, fileName, kind, depth + 1))
                return found;
        }
    } else if (node.IsSequence()) {
        for (const YAML::Node& item : node)
            if (auto found = findDuplicateKey(item, fileName, kind, depth + 1))
                return found;
    }
    return std::nullopt;
}

} // namespace

Result<YamlDocument> YamlDocument::load(const QString& path, const QString& kind)
{
    auto text = TextFile::read(path, kind);
    if (!text)
        return text.error();
    return parse(text.value(), TextFile::displayName(path), kind);
}

Result<YamlDocument> YamlDocument::parse(const QString& text, const QString& fileName,
                                         const QString& kind)
{
    if (text.trimmed().isEmpty())
        return makeError(QStringLiteral("the %1 is empty").arg(kind), fileName,
                         QStringLiteral("Point at the file the deployment really uses."));
    YamlDocument doc;
    doc.m_fileName = fileName;
    try {
        doc.m_root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& e) {
        // yaml-cpp counts lines and columns from 0; editors count from 1.
        QString where = fileName;
        if (!e.mark.is_null())
            where += QStringLiteral(":%1:%2").arg(e.mark.line + 1).arg(e.mark.column + 1);
        return makeError(
            QStringLiteral("the %1 is not valid YAML: %2").arg(kind, QString::fromStdString(e.msg)),
            where,
            QStringLiteral("Fix the YAML at that place (usual causes: indentation, "
                           "a tab, a missing ':' or an unclosed quote or bracket)."));
    }
    if (doc.m_root.IsNull() || !doc.m_root.IsDefined())
        return makeError(QStringLiteral("the %1 has only comments, no settings").arg(kind),
                         fileName, QStringLiteral("Point at the file the deployment really uses."));
    if (auto duplicate = findDuplicateKey(doc.m_root, fileName, kind))
        return *duplicate;
    return doc;
}

QString YamlDocument::where(const YAML::Node& node) const
{
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.line < 0)
        return m_fileName;
    return QStringLiteral("%1:%2").arg(m_fileName).arg(mark.line + 1);
}

std::optional<YAML::Node> YamlDocument::child(const YAML::Node& node, const char* key)
{
    if (!node.IsDefined() || !node.IsMap())
        return std::nullopt;
    try {
        const YAML::Node value = node[key];
        if (!value.IsDefined())
            return std::nullopt;
        return value;
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
}

std::optional<QString> YamlDocument::scalar(const YAML::Node& node)
{
    if (!node.IsDefined())
        return std::nullopt;
    if (node.IsNull())
        return QString();
    if (!node.IsScalar())
        return std::nullopt;
    return QString::fromStdString(node.Scalar());
}

} // namespace omu
