#include "PythonImports.h"

#include <QRegularExpression>

namespace omu {

QString PythonImports::withoutComment(const QString& line)
{
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('#')) {
            return line.left(i);
        }
    }
    return line;
}

QList<PythonImport> PythonImports::read(const QStringList& lines)
{
    static const QRegularExpression fromImport(
        QStringLiteral(R"(^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+(.*)$)"));
    static const QRegularExpression plainImport(QStringLiteral(R"(^\s*import\s+(.*)$)"));
    static const QRegularExpression identifier(QStringLiteral(R"([A-Za-z_][\w.]*)"));

    QList<PythonImport> imports;
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = withoutComment(lines.at(index));
        if (const auto match = fromImport.match(line); match.hasMatch()) {
            const QString module = match.captured(1);
            // The names may go on over several lines: inside parentheses or after '\'.
            int current = index;
            QString text = match.captured(2);
            qsizetype offset = match.capturedStart(2);
            const bool parenthesised = text.trimmed().startsWith(QLatin1Char('('));
            while (true) {
                // Each name, skipping "as alias".
                bool skipNext = false;
                auto it = identifier.globalMatch(text);
                while (it.hasNext()) {
                    const auto name = it.next();
                    if (skipNext) {
                        skipNext = false;
                        continue;
                    }
                    if (name.captured(0) == QLatin1String("as")) {
                        skipNext = true;
                        continue;
                    }
                    imports.append(PythonImport{module, name.captured(0), current + 1,
                                                int(offset + name.capturedStart(0)) + 1});
                }
                const QString trimmed = text.trimmed();
                const bool more = parenthesised ? !trimmed.endsWith(QLatin1Char(')'))
                                                : trimmed.endsWith(QLatin1Char('\\'));
                if (!more || current + 1 >= lines.size())
                    break;
                ++current;
                text = withoutComment(lines.at(current));
                offset = 0;
            }
            index = current;
            continue;
        }
        if (const auto match = plainImport.match(line); match.hasMatch()) {
            const QString list = match.captured(1);
            const qsizetype offset = match.capturedStart(1);
            qsizetype position = 0;
            for (const QString& part : list.split(QLatin1Char(','))) {
                const auto name = identifier.match(part);
                if (name.hasMatch())
                    imports.append(
                        PythonImport{name.captured(0),
                                     {},
                                     index + 1,
                                     int(offset + position + name.capturedStart(0)) + 1});
                position += part.size() + 1;
            }
        }
    }
    return imports;
}

} // namespace omu
