#pragma once

#include "common/Result.h"
#include "ReviewProblem.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

namespace omu {

// A byte range [start, end) of a YAML source.
struct TextSpan
{
    qsizetype start = 0;
    qsizetype end = 0;
    bool isEmpty() const { return end <= start; }
};

// A YAML file kept as the exact bytes it was read from, together with its parsed
// documents. yaml-cpp reports node positions as byte line/column, so those positions
// index these bytes directly: that is what lets fixes be text edits that leave
// comments, key order, quoting and ${VAR:-default} forms alone.
class YamlSource
{
public:
    static Result<YamlSource, ReviewProblem> load(const QString& path, const QString& kind);
    // bytes may start with a UTF-8 byte order mark; it is kept apart.
    static Result<YamlSource, ReviewProblem> parse(const QByteArray& bytes, const QString& path,
                                                   const QString& kind);

    QString path() const { return m_path; }
    QString kind() const { return m_kind; }
    // The text yaml-cpp saw (no byte order mark) and the file as stored.
    const QByteArray& text() const { return m_text; }
    QByteArray fileBytes() const { return m_bom + m_text; }
    QByteArray byteOrderMark() const { return m_bom; }
    const std::vector<YAML::Node>& documents() const { return m_documents; }

    int lineCount() const { return int(m_lineStarts.size()); }
    qsizetype lineStart(int line) const; // 0-based line
    // End of the line's content, before "\n" or "\r\n".
    qsizetype lineEnd(int line) const;
    // Start of the next line (after the line break), or the end of the text.
    qsizetype lineNext(int line) const;
    QByteArrayView lineText(int line) const;
    int lineOf(qsizetype offset) const;
    // Leading spaces of a line; -1 for a blank or comment-only line.
    int contentIndent(int line) const;
    // "\r\n" when the file uses it, else "\n".
    QByteArray lineBreak() const
    {
        return m_crlf ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    }

    // Where a node starts, as a byte offset; nullopt when yaml-cpp gave no position.
    std::optional<qsizetype> offsetOf(const YAML::Node& node) const;
    // The bytes of a scalar as written (with its quotes, without a trailing comment), when
    // it sits on one line and the text matches the parsed value; nullopt for block
    // scalars, multi-line scalars, anchors/tags, or anything the check cannot confirm.
    std::optional<TextSpan> scalarSpan(const YAML::Node& node) const;

private:
    QString m_path;
    QString m_kind;
    QByteArray m_bom;
    QByteArray m_text;
    QList<qsizetype> m_lineStarts;
    bool m_crlf = false;
    std::vector<YAML::Node> m_documents;
};

} // namespace omu
