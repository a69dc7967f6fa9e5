#include "EnvFile.h"

#include "TextFile.h"

#include <QRegularExpression>

namespace omu {

namespace {

bool isValidName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
    return pattern.match(name).hasMatch();
}

const QString advice = QStringLiteral(
    "Write one variable per line as KEY=value (or KEY=\"value\"); start comments with #.");

Error lineError(const QString& where, const QString& what)
{
    return makeError(what, where, advice);
}

// What follows a closing quote may only be blanks and a comment.
bool onlyCommentLeft(const QString& rest)
{
    const QString trimmed = rest.trimmed();
    return trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'));
}

} // namespace

Result<EnvFile> EnvFile::read(const QString& path)
{
    auto text = TextFile::read(path, QStringLiteral("env file"));
    if (!text)
        return text.error();
    return parse(text.value(), TextFile::displayName(path));
}

Result<EnvFile> EnvFile::parse(const QString& text, const QString& fileName)
{
    EnvFile file;
    file.m_fileName = fileName;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index) + 1;
        const QString where = QStringLiteral("%1:%2").arg(fileName).arg(lineNumber);
        QString line = lines.at(index);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        QString body = line.trimmed();
        if (body.isEmpty() || body.startsWith(QLatin1Char('#')))
            continue;
        if (body.startsWith(QLatin1String("export ")) || body.startsWith(QLatin1String("export\t")))
            body = body.mid(7).trimmed();

        const qsizetype equals = body.indexOf(QLatin1Char('='));
        if (equals < 0) {
            if (isValidName(body))
                continue; // docker: take KEY from the caller's environment
            const qsizetype colon = body.indexOf(QLatin1Char(':'));
            if (colon > 0 && isValidName(body.left(colon).trimmed()))
                return lineError(where,
                                 QStringLiteral("%1 is written 'KEY: value' (YAML or compose "
                                                "environment: style); an env file needs %1=value")
                                     .arg(body.left(colon).trimmed()));
            return lineError(where,
                             QStringLiteral("the line has no '=' between a name and a value"));
        }

        const QString key = body.left(equals).trimmed();
        if (key.isEmpty())
            return lineError(where,
                             QStringLiteral("the line starts with '=' and names no variable"));
        if (!isValidName(key))
            return lineError(where, QStringLiteral("the text before '=' is not a variable name "
                                                   "(letters, digits and '_', not starting with "
                                                   "a digit, no spaces)"));

        // compose accepts blanks around '='; so do we.
        const QString raw = body.mid(equals + 1).trimmed();
        QString value;
        if (raw.startsWith(QLatin1Char('"'))) {
            qsizetype i = 1;
            bool closed = false;
            for (; i < raw.size(); ++i) {
                const QChar c = raw.at(i);
                if (c == QLatin1Char('\\') && i + 1 < raw.size()) {
                    const QChar next = raw.at(i + 1);
                    if (next == QLatin1Char('"') || next == QLatin1Char('\\'))
                        value += next;
                    else if (next == QLatin1Char('n'))
                        value += QLatin1Char('\n');
                    else if (next == QLatin1Char('t'))
                        value += QLatin1Char('\t');
                    else
                        value += QString(c) + next;
                    ++i;
                } else if (c == QLatin1Char('"')) {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed)
                return lineError(where,
                                 QStringLiteral("the double-quoted value of %1 is not closed "
                                                "on the same line")
                                     .arg(key));
            if (!onlyCommentLeft(raw.mid(i + 1)))
                return lineError(
                    where,
                    QStringLiteral("there is text after the closing quote of %1's value").arg(key));
        } else if (raw.startsWith(QLatin1Char('\''))) {
            const qsizetype close = raw.indexOf(QLatin1Char('\''), 1);
            if (close < 0)
                return lineError(where,
                                 QStringLiteral("the single-quoted value of %1 is not closed "
                                                "on the same line")
                                     .arg(key));
            value = raw.mid(1, close - 1);
            if (!onlyCommentLeft(raw.mid(close + 1)))
                return lineError(
                    where,
                    QStringLiteral("there is text after the closing quote of %1's value").arg(key));
        } else {
            // An unquoted value ends at " #": the rest is a comment.
            value = raw;
            static const QRegularExpression comment(QStringLiteral("\\s#"));
            const auto match = comment.match(value);
            if (match.hasMatch())
                value = value.left(match.capturedStart());
            value = value.trimmed();
        }
        file.m_entries.append(Entry{key, value, lineNumber});
    }
    return file;
}

void EnvFile::applyTo(VariableSet& variables) const
{
    for (const Entry& entry : m_entries)
        variables.set(entry.key, entry.value,
                      QStringLiteral("%1:%2 (%3)").arg(m_fileName).arg(entry.line).arg(entry.key));
}

} // namespace omu
