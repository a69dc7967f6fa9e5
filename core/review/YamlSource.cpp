#include "YamlSource.h"

#include "InputFile.h"

#include <algorithm>

namespace omu {

Result<YamlSource, ReviewProblem> YamlSource::load(const QString& path, const QString& kind)
{
    auto bytes = InputFile::read(path, kind);
    if (!bytes)
        return bytes.error();
    return parse(bytes.value(), path, kind);
}

Result<YamlSource, ReviewProblem> YamlSource::parse(const QByteArray& bytes, const QString& path,
                                                    const QString& kind)
{
    YamlSource source;
    source.m_path = path;
    source.m_kind = kind;
    if (bytes.startsWith(InputFile::byteOrderMark())) {
        source.m_bom = InputFile::byteOrderMark();
        source.m_text = bytes.mid(3);
    } else {
        source.m_text = bytes;
    }
    source.m_lineStarts.append(0);
    for (qsizetype i = 0; i < source.m_text.size(); ++i)
        if (source.m_text.at(i) == '\n')
            source.m_lineStarts.append(i + 1);
    source.m_crlf = source.m_text.contains("\r\n");
    try {
        source.m_documents = YAML::LoadAll(source.m_text.toStdString());
    } catch (const YAML::Exception& e) {
        ReviewProblem problem{path, 0, 0, {}, {}};
        if (!e.mark.is_null()) {
            problem.line = e.mark.line + 1;
            problem.column = e.mark.column + 1;
        }
        problem.message = QStringLiteral("the %1 is not valid YAML (%2); it was not checked")
                              .arg(kind, QString::fromStdString(e.msg));
        problem.advice = QStringLiteral("Fix the YAML at that place (usual causes: indentation, "
                                        "a tab, a missing ':' or an unclosed quote or bracket).");
        return problem;
    }
    return source;
}

qsizetype YamlSource::lineStart(int line) const
{
    if (line < 0)
        return 0;
    if (line >= m_lineStarts.size())
        return m_text.size();
    return m_lineStarts.at(line);
}

qsizetype YamlSource::lineNext(int line) const
{
    return line + 1 < m_lineStarts.size() ? m_lineStarts.at(line + 1) : m_text.size();
}

qsizetype YamlSource::lineEnd(int line) const
{
    qsizetype end = lineNext(line);
    if (end > lineStart(line) && end <= m_text.size() && end > 0 && m_text.at(end - 1) == '\n')
        --end;
    if (end > lineStart(line) && m_text.at(end - 1) == '\r')
        --end;
    return end;
}

QByteArrayView YamlSource::lineText(int line) const
{
    const qsizetype start = lineStart(line);
    return QByteArrayView(m_text).sliced(start, lineEnd(line) - start);
}

int YamlSource::lineOf(qsizetype offset) const
{
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    return int(it - m_lineStarts.cbegin()) - 1;
}

int YamlSource::contentIndent(int line) const
{
    const QByteArrayView text = lineText(line);
    int indent = 0;
    while (indent < text.size() && text.at(indent) == ' ')
        ++indent;
    if (indent == text.size() || text.at(indent) == '#')
        return -1;
    return indent;
}

std::optional<qsizetype> YamlSource::offsetOf(const YAML::Node& node) const
{
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.line < 0 || mark.line >= lineCount())
        return std::nullopt;
    const qsizetype offset = lineStart(mark.line) + mark.column;
    if (offset > lineEnd(mark.line))
        return std::nullopt;
    return offset;
}

std::optional<TextSpan> YamlSource::scalarSpan(const YAML::Node& node) const
{
    if (!node.IsDefined() || !node.IsScalar())
        return std::nullopt;
    const auto start = offsetOf(node);
    if (!start)
        return std::nullopt;
    const int line = lineOf(*start);
    const qsizetype end = lineEnd(line);
    const QByteArray value = QByteArray::fromStdString(node.Scalar());
    const char first = *start < end ? m_text.at(*start) : '\0';

    if (first == '"' || first == '\'') {
        // The closing quote on the same line; '' is an escaped quote in single quotes.
        for (qsizetype i = *start + 1; i < end; ++i) {
            const char c = m_text.at(i);
            if (first == '"' && c == '\\') {
                ++i;
                continue;
            }
            if (c != first)
                continue;
            if (first == '\'' && i + 1 < end && m_text.at(i + 1) == '\'') {
                ++i;
                continue;
            }
            const QByteArray inner = m_text.mid(*start + 1, i - *start - 1);
            // Only accept what can be confirmed: no escapes, text equal to the value.
            const bool escaped =
                (first == '"' && inner.contains('\\')) || (first == '\'' && inner.contains("''"));
            if (!escaped && inner != value)
                return std::nullopt;
            return TextSpan{*start, i + 1};
        }
        return std::nullopt; // spans lines
    }
    if (first == '|' || first == '>' || first == '&' || first == '!' || first == '*')
        return std::nullopt;

    // A plain scalar has no escapes: its bytes are the value itself. What follows on the
    // line must end it: blanks, then nothing, a comment, ':' (a key), or the end of a flow
    // collection item.
    const qsizetype stop = *start + value.size();
    if (stop > end || m_text.mid(*start, value.size()) != value)
        return std::nullopt;
    qsizetype next = stop;
    while (next < end && (m_text.at(next) == ' ' || m_text.at(next) == '\t'))
        ++next;
    if (next == end || m_text.at(next) == ':' || m_text.at(next) == ',' || m_text.at(next) == '}' ||
        m_text.at(next) == ']' || (m_text.at(next) == '#' && next > stop))
        return TextSpan{*start, stop};
    return std::nullopt;
}

} // namespace omu
