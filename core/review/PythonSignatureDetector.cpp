#include "PythonSignatureDetector.h"

#include "PythonImports.h"
#include "SpecReader.h"

namespace omu {

namespace {

// The parameter names of a parameter list: "cls, config_dict: dict, *, x=1, **kw" ->
// cls, config_dict, *, x, **kw. Commas inside brackets (annotations) do not split.
QStringList parameterNames(const QString& list)
{
    QStringList names;
    int depth = 0;
    QString current;
    auto flush = [&] {
        QString name = current.section(QLatin1Char(':'), 0, 0).section(QLatin1Char('='), 0, 0);
        name = name.trimmed();
        if (!name.isEmpty())
            names << name;
        current.clear();
    };
    for (const QChar c : list) {
        if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{'))
            ++depth;
        else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}'))
            --depth;
        if (c == QLatin1Char(',') && depth == 0)
            flush();
        else
            current += c;
    }
    flush();
    return names;
}

} // namespace

Result<std::shared_ptr<Detector>> PythonSignatureDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<PythonSignatureDetector>();
    detector->m_function = reader.string("function", true);
    detector->m_parameter = reader.string("parameter", true);
    detector->m_firstParameter = reader.string("firstParameter", false);
    if (reader.has("requiresInFile")) {
        detector->m_requiresInFile = QRegularExpression(
            QStringLiteral("\\b%1\\b")
                .arg(QRegularExpression::escape(reader.string("requiresInFile", true))));
        detector->m_hasRequirement = true;
    }
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings PythonSignatureDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const auto& files = context.workspace.pythonFiles();
    if (files.empty()) {
        result.notChecked = context.workspace.missingReason(InputKind::Code);
        return result;
    }
    const QRegularExpression def(QStringLiteral("^\\s*(?:async\\s+)?def\\s+%1\\s*\\(")
                                     .arg(QRegularExpression::escape(m_function)));
    for (const PythonSource& file : files) {
        QStringList code;
        code.reserve(file.lines.size());
        bool mentioned = !m_hasRequirement;
        for (const QString& line : file.lines) {
            code << PythonImports::withoutComment(line);
            mentioned = mentioned || code.last().contains(m_requiresInFile);
        }
        if (!mentioned)
            continue;
        for (int index = 0; index < code.size(); ++index) {
            const auto start = def.match(code.at(index));
            if (!start.hasMatch())
                continue;
            // The parameter list, up to the bracket that closes the opening one.
            QString list;
            int depth = 1;
            int line = index;
            qsizetype column = start.capturedEnd(0);
            while (line < code.size() && depth > 0) {
                const QString& text = code.at(line);
                for (; column < text.size() && depth > 0; ++column) {
                    const QChar c = text.at(column);
                    depth += (c == QLatin1Char('(')) - (c == QLatin1Char(')'));
                    if (depth > 0)
                        list += c;
                }
                list += QLatin1Char(' ');
                ++line;
                column = 0;
            }
            const QStringList names = parameterNames(list);
            if (!m_firstParameter.isEmpty() &&
                (names.isEmpty() || names.first() != m_firstParameter))
                continue;
            bool takesIt = names.contains(m_parameter);
            for (const QString& name : names)
                takesIt = takesIt || name.startsWith(QLatin1String("**"));
            if (takesIt)
                continue;
            result.hits.append(
                DetectorHit{file.path,
                            index + 1,
                            int(code.at(index).indexOf(QLatin1String("def"))) + 1,
                            QStringLiteral("def %1(%2) does not take %3")
                                .arg(m_function, names.join(QStringLiteral(", ")), m_parameter),
                            {}});
        }
    }
    return result;
}

} // namespace omu
