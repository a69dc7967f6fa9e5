#include "YamlValueDetector.h"

#include "connection/VariableExpander.h"
#include "VariableReference.h"

namespace omu {

Result<std::shared_ptr<Detector>> YamlValueDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<YamlValueDetector>();
    detector->m_scope.read(reader);
    detector->m_matches = QRegularExpression(reader.regex("matches", true));
    detector->m_raw = reader.boolean("raw", false);
    detector->m_showValue = reader.boolean("showValue", true);
    return std::shared_ptr<Detector>(detector);
}

bool YamlValueDetector::supportsFix(AutoFixSpec::Kind kind) const
{
    return kind == AutoFixSpec::Kind::ChangeValue || kind == AutoFixSpec::Kind::ReplaceText ||
           kind == AutoFixSpec::Kind::ReplaceKey;
}

DetectorFindings YamlValueDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const VariableSet none;
    result.notChecked = m_scope.forEachKey(context, [&](const YamlSource& source,
                                                        const YamlMatch& match) {
        // Only openmetadata.yaml is expanded with the env files' variables.
        const bool isConfig = &source == context.workspace.config();
        const VariableExpander expander(isConfig ? context.workspace.variables() : none);
        if (!(match.value.IsScalar() || match.value.IsNull()))
            return;
        const QString written =
            match.value.IsNull() ? QString() : QString::fromStdString(match.value.Scalar());
        const QString effective = m_raw ? written : expander.expand(written).text;
        if (!m_matches.match(effective).hasMatch())
            return;

        const QString name = match.path.join(QLatin1Char('.'));
        const QString shown = m_showValue ? QStringLiteral(" is \"%1\"").arg(effective)
                                          : QStringLiteral(" has the old form");
        // A value given by an env file is fixed there, not in the YAML.
        const auto reference = VariableReference::parse(written);
        if (!m_raw && isConfig && reference) {
            if (const auto env = context.workspace.envDefinition(reference->name)) {
                result.hits.append(
                    DetectorHit{env->file->path, env->line, 1,
                                QStringLiteral("%1%2: %3 is set in this env file and wins over the "
                                               "default in %4")
                                    .arg(name, shown, reference->name, source.path()),
                                FixTarget{FixTarget::Kind::EnvEntry,
                                          env->file->path,
                                          {},
                                          {},
                                          reference->name,
                                          env->line}});
                return;
            }
        }
        const auto [line, column] =
            YamlScope::position(match.value.IsNull() ? match.key : match.value);
        QString message = name + shown;
        if (!m_raw && reference && written != effective)
            message += QStringLiteral(" (the default of %1, no env file sets %2)")
                           .arg(written, reference->name);
        result.hits.append(
            DetectorHit{source.path(), line, column, message,
                        FixTarget{FixTarget::Kind::YamlKey, source.path(), match.path, {}, {}, 0}});
    });
    return result;
}

} // namespace omu
