#include "FixEditor.h"

#include "connection/EnvFile.h"
#include "EnvAssignment.h"
#include "VariableReference.h"
#include "YamlPath.h"
#include "YamlSource.h"

#include <QRegularExpression>

#include <optional>

namespace omu {

namespace {

// A key (or the document root) found by its concrete path in the current content.
using Located = YamlMatch;

bool mapHas(const YAML::Node& map, const QString& key)
{
    if (!map.IsMap())
        return false;
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it->first.IsScalar() && QString::fromStdString(it->first.Scalar()) == key)
            return true;
    return false;
}

std::optional<Located> locate(const YamlSource& source, const QStringList& path)
{
    for (const YAML::Node& document : source.documents())
        if (auto found = YamlPath::at(document, path))
            return found;
    return std::nullopt;
}

QByteArray replaced(const QByteArray& content, qsizetype start, qsizetype end,
                    const QByteArray& with)
{
    QByteArray result;
    result.reserve(content.size() - (end - start) + with.size());
    result.append(content.constData(), start);
    result.append(with);
    result.append(content.constData() + end, content.size() - end);
    return result;
}

// The last line of the block that starts with a key on `line` at `indent`: every
// following line indented deeper, blank lines inside it included, trailing blank lines
// (and comments at the key's level or less) left to what follows.
int blockEnd(const YamlSource& source, int line, int indent)
{
    int last = line;
    for (int next = line + 1; next < source.lineCount(); ++next) {
        const QByteArrayView text = source.lineText(next);
        int spaces = 0;
        while (spaces < text.size() && (text.at(spaces) == ' ' || text.at(spaces) == '\t'))
            ++spaces;
        if (spaces == text.size())
            continue; // blank: belongs to the block only if deeper lines follow
        if (spaces <= indent)
            break;
        last = next;
    }
    return last;
}

Error manual(const QString& why)
{
    return makeError(why, {}, QStringLiteral("Make this change by hand as the fix describes."));
}

// The key must start its own line for line-based edits (not "- key:" or a flow map).
std::optional<int> ownLineIndent(const YamlSource& source, const YAML::Node& key)
{
    const YAML::Mark mark = key.Mark();
    if (mark.is_null())
        return std::nullopt;
    if (source.contentIndent(mark.line) != mark.column)
        return std::nullopt;
    return mark.column;
}

QByteArray indentedLines(const QStringList& lines, int indent, const QByteArray& lineBreak,
                         const QString& value)
{
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            out += lineBreak;
        QString line = lines.at(i);
        line.replace(QStringLiteral("{value}"), value);
        out += QByteArray(indent, ' ') + line.toUtf8();
    }
    return out;
}

// "flywayPath, nativePath": the keys (or variables) a list of new lines sets.
QString namesIn(const QStringList& lines, QChar separator)
{
    QStringList names;
    for (const QString& line : lines)
        if (!line.startsWith(QLatin1Char(' ')))
            names << line.section(separator, 0, 0).trimmed();
    return names.join(QStringLiteral(", "));
}

QString keyName(const QStringList& path)
{
    return path.isEmpty() ? QStringLiteral("the file") : path.join(QLatin1Char('.'));
}

// ----- YAML edits --------------------------------------------------------------------

Result<FixEditor::Outcome> renameKey(const AutoFixSpec& spec, const YamlSource& source,
                                     const Located& at, const QStringList& path)
{
    if (mapHas(at.parent, spec.to))
        return manual(QStringLiteral("%1 already has a key %2; merge the two by hand")
                          .arg(keyName(path.mid(0, path.size() - 1)), spec.to));
    const auto span = source.scalarSpan(at.key);
    if (!span)
        return manual(QStringLiteral("the key %1 is written in a form the fix does not edit")
                          .arg(keyName(path)));
    const QByteArray written = source.text().mid(span->start, span->end - span->start);
    QByteArray name = spec.to.toUtf8();
    if (written.startsWith('"') || written.startsWith('\''))
        name = written.left(1) + name + written.left(1);
    return FixEditor::Outcome{replaced(source.fileBytes(),
                                       source.byteOrderMark().size() + span->start,
                                       source.byteOrderMark().size() + span->end, name),
                              true, QStringLiteral("rename %1 to %2").arg(keyName(path), spec.to)};
}

// The value as written, without its quotes: [start, end) in the source text.
std::optional<TextSpan> valueInterior(const YamlSource& source, const YAML::Node& value)
{
    auto span = source.scalarSpan(value);
    if (!span)
        return std::nullopt;
    const char first = source.text().at(span->start);
    if (first == '"' || first == '\'')
        return TextSpan{span->start + 1, span->end - 1};
    return span;
}

Result<FixEditor::Outcome> changeValue(const AutoFixSpec& spec, const YamlSource& source,
                                       const Located& at, const QStringList& path)
{
    const auto inner = at.value.IsScalar() ? valueInterior(source, at.value) : std::nullopt;
    if (!inner)
        return manual(QStringLiteral("the value of %1 spans several lines or uses YAML features "
                                     "the fix does not edit")
                          .arg(keyName(path)));
    const QByteArray bytes = source.text().mid(inner->start, inner->end - inner->start);
    const QString text = QString::fromUtf8(bytes);
    TextSpan edit = *inner;
    QString description = QStringLiteral("set %1 to %2").arg(keyName(path), spec.to);
    if (const auto reference = VariableReference::parse(text)) {
        if (!reference->hasDefault)
            return manual(QStringLiteral("%1 takes its value from %2, which nothing sets here")
                              .arg(keyName(path), reference->name));
        // Positions in bytes: the text before the default may hold non-ASCII.
        const qsizetype from = text.left(reference->defaultStart).toUtf8().size();
        const qsizetype length =
            text.mid(reference->defaultStart, reference->defaultLength).toUtf8().size();
        edit = TextSpan{inner->start + from, inner->start + from + length};
        description = QStringLiteral("change the default of %1 in %2 to %3")
                          .arg(reference->name, keyName(path), spec.to);
    }
    const qsizetype bom = source.byteOrderMark().size();
    return FixEditor::Outcome{
        replaced(source.fileBytes(), bom + edit.start, bom + edit.end, spec.to.toUtf8()), true,
        description};
}

Result<FixEditor::Outcome> replaceText(const AutoFixSpec& spec, const YamlSource& source,
                                       const Located& at, const QStringList& path)
{
    const auto span = at.value.IsScalar() ? source.scalarSpan(at.value) : std::nullopt;
    if (!span)
        return manual(QStringLiteral("the value of %1 spans several lines or uses YAML features "
                                     "the fix does not edit")
                          .arg(keyName(path)));
    const QString written =
        QString::fromUtf8(source.text().mid(span->start, span->end - span->start));
    QString changed = written;
    changed.replace(QRegularExpression(spec.pattern), spec.with);
    if (changed == written)
        return manual(QStringLiteral("the value of %1 does not have the form the fix expects")
                          .arg(keyName(path)));
    const qsizetype bom = source.byteOrderMark().size();
    return FixEditor::Outcome{
        replaced(source.fileBytes(), bom + span->start, bom + span->end, changed.toUtf8()), true,
        QStringLiteral("rewrite the value of %1").arg(keyName(path))};
}

Result<FixEditor::Outcome> replaceKey(const AutoFixSpec& spec, const YamlSource& source,
                                      const Located& at, const QStringList& path)
{
    for (const QString& key : spec.unlessPresent)
        if (mapHas(at.parent, key))
            return manual(QStringLiteral("%1 is already set next to %2; remove %2 by hand after "
                                         "checking the two agree")
                              .arg(key, keyName(path)));
    const auto indent = ownLineIndent(source, at.key);
    const int line = at.key.Mark().line;
    const bool sameLineValue =
        at.value.IsNull() ||
        (at.value.IsScalar() && source.scalarSpan(at.value) && at.value.Mark().line == line);
    if (!indent || !sameLineValue)
        return manual(QStringLiteral("%1 is not a simple \"key: value\" line").arg(keyName(path)));
    const QString value = at.value.IsNull() ? QString() : QString::fromStdString(at.value.Scalar());
    QByteArray lines = indentedLines(spec.lines, *indent, source.lineBreak(), value);
    // A comment at the end of the replaced line stays, on the first new line.
    const QByteArrayView text = source.lineText(line);
    const auto valueSpan = at.value.IsNull() ? std::nullopt : source.scalarSpan(at.value);
    const qsizetype valueEnd =
        valueSpan ? valueSpan->end - source.lineStart(line) : at.key.Mark().column;
    const qsizetype hash = text.indexOf('#', valueEnd);
    if (hash > 0 && (text.at(hash - 1) == ' ' || text.at(hash - 1) == '\t')) {
        qsizetype from = hash;
        while (from > valueEnd && (text.at(from - 1) == ' ' || text.at(from - 1) == '\t'))
            --from;
        const qsizetype firstBreak = lines.indexOf(source.lineBreak());
        lines.insert(firstBreak < 0 ? lines.size() : firstBreak, text.sliced(from).toByteArray());
    }
    const qsizetype bom = source.byteOrderMark().size();
    return FixEditor::Outcome{replaced(source.fileBytes(), bom + source.lineStart(line),
                                       bom + source.lineEnd(line), lines),
                              true,
                              QStringLiteral("replace %1 with %2")
                                  .arg(keyName(path), namesIn(spec.lines, QLatin1Char(':')))};
}

Result<FixEditor::Outcome> deleteBlock(const AutoFixSpec& spec, const YamlSource& source,
                                       const Located& found, const QStringList& foundPath)
{
    const Located* at = &found;
    QStringList path = foundPath;
    std::optional<Located> parent;
    // The last key of a mapping goes together with the mapping when asked to.
    if (spec.deleteEmptyParent && path.size() > 1 && found.parent.IsMap() &&
        found.parent.size() == 1) {
        if (auto found = locate(source, path.mid(0, path.size() - 1)))
            parent.emplace(*found);
        if (parent && parent->hasKey) {
            at = &*parent;
            path = path.mid(0, path.size() - 1);
        }
    }
    const auto indent = ownLineIndent(source, at->key);
    if (!indent)
        return manual(QStringLiteral("%1 does not start its own line").arg(keyName(path)));
    const int first = at->key.Mark().line;
    int last = blockEnd(source, first, *indent);
    // A block set apart by blank lines takes one of them along, so no double gap stays.
    auto blank = [&](int line) { return source.lineText(line).trimmed().isEmpty(); };
    if ((first == 0 || blank(first - 1)) && last + 1 < source.lineCount() && blank(last + 1) &&
        source.lineNext(last + 1) < source.text().size())
        ++last;
    const qsizetype bom = source.byteOrderMark().size();
    return FixEditor::Outcome{replaced(source.fileBytes(), bom + source.lineStart(first),
                                       bom + source.lineNext(last), {}),
                              true, QStringLiteral("delete %1").arg(keyName(path))};
}

Result<FixEditor::Outcome> addBlock(const AutoFixSpec& spec, const YamlSource& source,
                                    const Located& at, const QStringList& path, const QString& key)
{
    if (mapHas(at.value, key))
        return FixEditor::Outcome{source.fileBytes(), false, {}};
    for (const QString& other : spec.unlessPresent)
        if (mapHas(at.value, other))
            return manual(QStringLiteral("%1 has %2; decide by hand how %3 fits")
                              .arg(keyName(path), other, key));
    const QByteArray lineBreak = source.lineBreak();
    const qsizetype bom = source.byteOrderMark().size();
    const QByteArray& text = source.text();

    if (!at.hasKey) {
        if (!path.isEmpty())
            return manual(QStringLiteral("%1 is a list item").arg(keyName(path)));
        // The document root: append at the end of the file.
        QByteArray insert;
        if (!text.isEmpty() && !text.endsWith('\n'))
            insert += lineBreak;
        // A new top-level section is set apart by a blank line, as the others are.
        if (!text.isEmpty() && !text.endsWith("\n\n") && !text.endsWith("\r\n\r\n"))
            insert += lineBreak;
        insert += indentedLines(spec.lines, 0, lineBreak, {}) + lineBreak;
        return FixEditor::Outcome{source.fileBytes() + insert, true,
                                  QStringLiteral("add %1 at the end of the file").arg(key)};
    }
    const auto indent = ownLineIndent(source, at.key);
    const int keyLine = at.key.Mark().line;
    if (!indent)
        return manual(QStringLiteral("%1 does not start its own line").arg(keyName(path)));
    int childIndent = *indent + 2;
    if (at.value.IsMap()) {
        auto first = at.value.begin();
        const YAML::Mark mark = first->first.Mark();
        if (mark.is_null() || mark.line <= keyLine)
            return manual(QStringLiteral("%1 is written on one line ({...})").arg(keyName(path)));
        if (source.contentIndent(mark.line) == mark.column)
            childIndent = mark.column;
    } else if (!at.value.IsNull()) {
        return manual(QStringLiteral("%1 is not a mapping").arg(keyName(path)));
    } else {
        // "key:" with nothing (or only a comment) after it.
        const QByteArrayView line = source.lineText(keyLine);
        const qsizetype colon = line.indexOf(':', at.key.Mark().column);
        QByteArrayView rest = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
        while (!rest.isEmpty() && (rest.front() == ' ' || rest.front() == '\t'))
            rest = rest.sliced(1);
        if (!rest.isEmpty() && rest.front() != '#')
            return manual(QStringLiteral("%1 has a value on its own line").arg(keyName(path)));
    }
    const int last = blockEnd(source, keyLine, *indent);
    qsizetype position = source.lineNext(last);
    QByteArray insert = indentedLines(spec.lines, childIndent, lineBreak, {}) + lineBreak;
    if (position == text.size() && !text.isEmpty() && !text.endsWith('\n'))
        insert = lineBreak + insert;
    return FixEditor::Outcome{replaced(source.fileBytes(), bom + position, bom + position, insert),
                              true, QStringLiteral("add %1 to %2").arg(key, keyName(path))};
}

// The last line of a key's block, like blockEnd, but a sequence written at the key's own
// indent ("key:\n- a\n- b", which YAML allows) belongs to the block too.
int valueEnd(const YamlSource& source, const Located& at, int line, int indent)
{
    int last = blockEnd(source, line, indent);
    if (!at.value.IsSequence())
        return last;
    for (int next = last + 1; next < source.lineCount(); ++next) {
        const QByteArrayView text = source.lineText(next);
        const int spaces = source.contentIndent(next);
        if (spaces < 0)
            continue;
        if (spaces != indent || !text.sliced(spaces).startsWith("-"))
            break;
        last = blockEnd(source, next, indent);
        next = last;
    }
    return last;
}

// The lines [first, last] with `by` more spaces in front of every non-blank one.
QByteArray shiftedLines(const YamlSource& source, int first, int last, int by)
{
    QByteArray out;
    for (int line = first; line <= last; ++line) {
        const QByteArrayView text = source.lineText(line);
        if (!text.trimmed().isEmpty())
            out += QByteArray(by, ' ');
        out += text.toByteArray() + source.lineBreak();
    }
    return out;
}

Result<FixEditor::Outcome> moveKey(const AutoFixSpec& spec, const YamlSource& source,
                                   const Located& at, const QStringList& path)
{
    QStringList to = spec.to.split(QLatin1Char('.'));
    to.replaceInStrings(QStringLiteral("{key}"), path.last());
    const QString newName = to.last();
    const QString movedPath = (path.mid(0, path.size() - 1) + to).join(QLatin1Char('.'));
    const auto indent = ownLineIndent(source, at.key);
    const auto keySpan = source.scalarSpan(at.key);
    if (!indent || !keySpan)
        return manual(QStringLiteral("%1 is not written on a line of its own").arg(keyName(path)));
    for (const QString& key : spec.unlessPresent)
        if (mapHas(at.parent, key))
            return manual(QStringLiteral("%1 is set next to %2; decide by hand which one stays")
                              .arg(key, keyName(path)));

    // Walk the mappings on the way as far as they exist.
    const QStringList parentPath = path.mid(0, path.size() - 1);
    int existing = 0;
    std::optional<Located> deepest;
    for (; existing < to.size() - 1; ++existing) {
        auto next = locate(source, parentPath + to.mid(0, existing + 1));
        if (!next)
            break;
        if (!next->value.IsMap())
            return manual(QStringLiteral("%1 exists and is not a mapping")
                              .arg((parentPath + to.mid(0, existing + 1)).join(QLatin1Char('.'))));
        deepest.emplace(*next);
    }
    if (existing == to.size() - 1 && mapHas(deepest ? deepest->value : at.parent, newName))
        return manual(QStringLiteral("%1 is already set; merge the two by hand").arg(movedPath));

    const int first = at.key.Mark().line;
    const int last = valueEnd(source, at, first, *indent);
    // Where the moved block goes, and how deep.
    int insertIndent = *indent;
    qsizetype insertAt = 0;
    if (deepest) {
        const auto deepestIndent = ownLineIndent(source, deepest->key);
        if (!deepestIndent)
            return manual(QStringLiteral("%1 is not written on lines of its own")
                              .arg((parentPath + to.mid(0, existing)).join(QLatin1Char('.'))));
        insertIndent = *deepestIndent + 2;
        auto child = deepest->value.begin();
        if (child != deepest->value.end()) {
            const YAML::Mark mark = child->first.Mark();
            if (mark.is_null() || mark.line <= deepest->key.Mark().line ||
                source.contentIndent(mark.line) != mark.column)
                return manual(QStringLiteral("%1 is written on one line")
                                  .arg((parentPath + to.mid(0, existing)).join(QLatin1Char('.'))));
            insertIndent = mark.column;
        }
        const int deepestLast = blockEnd(source, deepest->key.Mark().line, *deepestIndent);
        insertAt = source.lineNext(deepestLast);
    }
    // The block itself, its key renamed, indented for its new place.
    QByteArray block;
    int blockIndent = insertIndent;
    for (int level = existing; level < to.size() - 1; ++level) {
        block += QByteArray(blockIndent, ' ') + to.at(level).toUtf8() + ':' + source.lineBreak();
        blockIndent += 2;
    }
    QByteArray moved = shiftedLines(source, first, last, blockIndent - *indent);
    const qsizetype nameStart =
        (blockIndent - *indent) + (keySpan->start - source.lineStart(first));
    moved.replace(nameStart, keySpan->end - keySpan->start, newName.toUtf8());
    block += moved;

    const qsizetype bom = source.byteOrderMark().size();
    const qsizetype removeFrom = source.lineStart(first);
    const qsizetype removeTo = source.lineNext(last);
    QByteArray text = source.text();
    if (!text.endsWith('\n') && removeTo == text.size() && !deepest)
        block.chop(source.lineBreak().size());
    if (!deepest) {
        text.replace(removeFrom, removeTo - removeFrom, block);
    } else if (insertAt >= removeTo) {
        if (insertAt == text.size() && !text.endsWith('\n'))
            block.prepend(source.lineBreak());
        text.insert(insertAt, block);
        text.remove(removeFrom, removeTo - removeFrom);
    } else {
        text.remove(removeFrom, removeTo - removeFrom);
        text.insert(insertAt, block);
    }
    return FixEditor::Outcome{source.fileBytes().left(bom) + text, true,
                              QStringLiteral("move %1 to %2").arg(keyName(path), movedPath)};
}

Result<FixEditor::Outcome> applyYaml(const AutoFixSpec& spec, const FixTarget& target,
                                     const YamlSource& source)
{
    const QByteArray content = source.fileBytes();
    const auto at = locate(source, target.path);
    if (target.kind == FixTarget::Kind::YamlParent) {
        if (!at)
            return FixEditor::Outcome{content, false, {}};
        return addBlock(spec, source, *at, target.path, target.missingKey);
    }
    if (!at || !at->hasKey)
        return FixEditor::Outcome{content, false, {}}; // already gone: nothing left to do
    switch (spec.kind) {
    case AutoFixSpec::Kind::RenameKey:
        return renameKey(spec, source, *at, target.path);
    case AutoFixSpec::Kind::ChangeValue:
        if (at->value.IsScalar() && QString::fromStdString(at->value.Scalar()) == spec.to)
            return FixEditor::Outcome{content, false, {}};
        return changeValue(spec, source, *at, target.path);
    case AutoFixSpec::Kind::ReplaceText:
        return replaceText(spec, source, *at, target.path);
    case AutoFixSpec::Kind::ReplaceKey:
        return replaceKey(spec, source, *at, target.path);
    case AutoFixSpec::Kind::DeleteBlock:
        return deleteBlock(spec, source, *at, target.path);
    case AutoFixSpec::Kind::MoveKey:
        return moveKey(spec, source, *at, target.path);
    case AutoFixSpec::Kind::AddBlock:
        break;
    }
    return manual(QStringLiteral("this fix does not apply to an existing key"));
}

Result<FixEditor::Outcome> applyYaml(const AutoFixSpec& spec, const FixTarget& target,
                                     const QByteArray& content)
{
    auto source = YamlSource::parse(content, target.file, QStringLiteral("file"));
    if (!source)
        return makeError(QStringLiteral("%1 is not valid YAML any more").arg(target.file), {},
                         source.error().message);
    return applyYaml(spec, target, source.value());
}

// ----- env file edits ----------------------------------------------------------------

Result<FixEditor::Outcome> applyEnv(const AutoFixSpec& spec, const FixTarget& target,
                                    const QByteArray& content)
{
    const auto at = EnvAssignment::find(content, target.envKey, target.envLine);
    if (!at)
        return FixEditor::Outcome{content, false, {}};
    switch (spec.kind) {
    case AutoFixSpec::Kind::ChangeValue:
        if (at->value == spec.to)
            return FixEditor::Outcome{content, false, {}};
        return FixEditor::Outcome{replaced(content, at->valueStart, at->valueEnd, spec.to.toUtf8()),
                                  true, QStringLiteral("set %1 to %2").arg(target.envKey, spec.to)};
    case AutoFixSpec::Kind::ReplaceKey: {
        for (const QString& key : spec.unlessPresent)
            if (EnvAssignment::isSet(content, key))
                return manual(
                    QStringLiteral("%1 is already set; remove %2 by hand after checking the "
                                   "two agree")
                        .arg(key, target.envKey));
        const QByteArray lineBreak =
            content.contains("\r\n") ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
        QByteArray lines = indentedLines(spec.lines, 0, lineBreak, at->value);
        // A comment after the value stays, on the first new line.
        const QByteArray after = content.mid(at->valueEnd, at->lineEnd - at->valueEnd);
        if (const qsizetype hash = after.indexOf('#'); hash >= 0) {
            qsizetype from = hash;
            while (from > 0 && (after.at(from - 1) == ' ' || after.at(from - 1) == '\t'))
                --from;
            const qsizetype firstBreak = lines.indexOf(lineBreak);
            lines.insert(firstBreak < 0 ? lines.size() : firstBreak, after.mid(from));
        }
        return FixEditor::Outcome{replaced(content, at->lineStart, at->lineEnd, lines), true,
                                  QStringLiteral("replace %1 with %2")
                                      .arg(target.envKey, namesIn(spec.lines, QLatin1Char('=')))};
    }
    default:
        break;
    }
    return manual(QStringLiteral("this fix does not apply to an env file"));
}

// A fix that leaves invalid YAML is never kept: the result is parsed again.
std::optional<Error> invalidResult(const FixEditor::Outcome& outcome, const FixTarget& target)
{
    const auto parsed = YamlSource::parse(outcome.content, target.file, QStringLiteral("file"));
    if (parsed)
        return std::nullopt;
    return makeError(QStringLiteral("the change would leave %1 invalid YAML (%2)")
                         .arg(target.file, parsed.error().where()),
                     {}, QStringLiteral("Nothing was changed; make this change by hand."));
}

} // namespace

Result<FixEditor::Outcome> FixEditor::tryOn(const AutoFixSpec& spec, const FixTarget& target,
                                            const YamlSource& source)
{
    auto outcome = applyYaml(spec, target, source);
    if (outcome && outcome.value().changed)
        if (auto error = invalidResult(outcome.value(), target))
            return *error;
    return outcome;
}

Result<FixEditor::Outcome> FixEditor::apply(const AutoFixSpec& spec, const FixTarget& target,
                                            const QByteArray& content)
{
    if (target.kind == FixTarget::Kind::EnvEntry) {
        auto outcome = applyEnv(spec, target, content);
        if (outcome && outcome.value().changed) {
            QByteArray text = outcome.value().content;
            if (text.startsWith("\xEF\xBB\xBF"))
                text.remove(0, 3);
            if (auto parsed = EnvFile::parse(QString::fromUtf8(text), target.file); !parsed)
                return makeError(QStringLiteral("the change would make %1 unreadable: %2")
                                     .arg(target.file, parsed.error().message),
                                 {},
                                 QStringLiteral("Nothing was changed; make this change by hand."));
        }
        return outcome;
    }
    auto outcome = applyYaml(spec, target, content);
    if (outcome && outcome.value().changed)
        if (auto error = invalidResult(outcome.value(), target))
            return *error;
    return outcome;
}

} // namespace omu
