#include "YamlDocument.h"

#include "TextFile.h"

namespace omu {

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
