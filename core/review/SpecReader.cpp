#include "SpecReader.h"

#include <QRegularExpression>

namespace omu {

SpecReader::SpecReader(const YAML::Node& node, QString what) : m_node(node), m_what(std::move(what))
{
    if (!m_node.IsMap())
        m_errors << QStringLiteral("%1 must be a mapping of fields%2").arg(m_what, lineOf(m_node));
}

QString SpecReader::lineOf(const YAML::Node& node) const
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? QString() : QStringLiteral(" (line %1)").arg(mark.line + 1);
}

bool SpecReader::has(const char* key) const
{
    if (!m_node.IsMap())
        return false;
    for (auto it = m_node.begin(); it != m_node.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key)
            return true;
    return false;
}

std::optional<YAML::Node> SpecReader::find(const char* key, bool required)
{
    m_read.insert(QString::fromLatin1(key));
    if (m_node.IsMap())
        for (auto it = m_node.begin(); it != m_node.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == key)
                return YAML::Node(it->second);
    if (required && m_node.IsMap())
        m_errors << QStringLiteral("%1 lacks the required field \"%2\"%3")
                        .arg(m_what, QString::fromLatin1(key), lineOf(m_node));
    return std::nullopt;
}

std::optional<YAML::Node> SpecReader::node(const char* key, bool required)
{
    return find(key, required);
}

QString SpecReader::string(const char* key, bool required)
{
    const auto value = find(key, required);
    if (!value)
        return {};
    if (!value->IsScalar() || value->Scalar().empty()) {
        m_errors << QStringLiteral("%1: \"%2\" must be non-empty text%3")
                        .arg(m_what, QString::fromLatin1(key), lineOf(*value));
        return {};
    }
    return QString::fromStdString(value->Scalar());
}

QStringList SpecReader::stringList(const char* key, bool required)
{
    const auto value = find(key, required);
    if (!value)
        return {};
    QStringList list;
    if (value->IsScalar() && !value->Scalar().empty())
        return {QString::fromStdString(value->Scalar())};
    if (value->IsSequence() && value->size() > 0) {
        for (auto it = value->begin(); it != value->end(); ++it) {
            if (!it->IsScalar()) {
                m_errors << QStringLiteral("%1: \"%2\" must list text only%3")
                                .arg(m_what, QString::fromLatin1(key), lineOf(*it));
                return {};
            }
            list << QString::fromStdString(it->Scalar());
        }
        return list;
    }
    m_errors << QStringLiteral("%1: \"%2\" must be text or a non-empty list of text%3")
                    .arg(m_what, QString::fromLatin1(key), lineOf(*value));
    return {};
}

bool SpecReader::boolean(const char* key, bool fallback)
{
    const auto value = find(key, false);
    if (!value)
        return fallback;
    const QString text = value->IsScalar() ? QString::fromStdString(value->Scalar()) : QString();
    if (text == QLatin1String("true"))
        return true;
    if (text == QLatin1String("false"))
        return false;
    m_errors << QStringLiteral("%1: \"%2\" must be true or false%3")
                    .arg(m_what, QString::fromLatin1(key), lineOf(*value));
    return fallback;
}

QString SpecReader::regex(const char* key, bool required)
{
    const QString pattern = string(key, required);
    if (pattern.isEmpty())
        return pattern;
    const QRegularExpression expression(pattern);
    if (!expression.isValid())
        m_errors << QStringLiteral("%1: \"%2\" is not a valid regular expression: %3")
                        .arg(m_what, QString::fromLatin1(key), expression.errorString());
    return pattern;
}

void SpecReader::fail(const QString& message)
{
    m_errors << QStringLiteral("%1: %2").arg(m_what, message);
}

std::optional<Error> SpecReader::finish()
{
    if (m_node.IsMap())
        for (auto it = m_node.begin(); it != m_node.end(); ++it) {
            const QString key = it->first.IsScalar() ? QString::fromStdString(it->first.Scalar())
                                                     : QStringLiteral("?");
            if (!m_read.contains(key))
                m_errors << QStringLiteral("%1 has an unknown field \"%2\"%3")
                                .arg(m_what, key, lineOf(it->first));
        }
    if (m_errors.isEmpty())
        return std::nullopt;
    return makeError(m_errors.join(QStringLiteral("; ")));
}

} // namespace omu
