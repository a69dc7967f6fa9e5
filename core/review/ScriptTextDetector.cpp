#include "ScriptTextDetector.h"

#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> ScriptTextDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<ScriptTextDetector>();
    detector->m_pattern =
        QRegularExpression(reader.regex("pattern", true), QRegularExpression::MultilineOption);
    detector->m_pattern.optimize();
    for (const QString& name : reader.stringList("kinds", false)) {
        if (const auto kind = ScriptSource::kindFromName(name))
            detector->m_kinds << *kind;
        else
            reader.fail(QStringLiteral("\"kinds\" lists \"%1\"; known kinds are shell, cron, "
                                       "systemd, dockerfile, compose, ci, yaml, requirements, "
                                       "python and make")
                            .arg(name));
    }
    if (reader.has("requiresInFile")) {
        detector->m_requiresInFile = QRegularExpression(reader.regex("requiresInFile", true),
                                                        QRegularExpression::MultilineOption);
        detector->m_hasRequirement = true;
    }
    detector->m_message =
        reader.has("message") ? reader.string("message", true) : QStringLiteral("uses {match}");
    if (auto version = reader.node("version", false)) {
        SpecReader versionReader(*version, QStringLiteral("\"version\""));
        detector->m_versionGroup = versionReader.string("group", true);
        const bool hasBelow = versionReader.has("below");
        const bool hasDiffers = versionReader.has("differsFrom");
        if (hasBelow == hasDiffers)
            versionReader.fail(QStringLiteral("give either \"below\" or \"differsFrom\""));
        if (hasBelow) {
            if (const auto below = Version::parse(versionReader.string("below", true))) {
                detector->m_below = *below;
                detector->m_versionRule = VersionRule::Below;
            } else {
                versionReader.fail(QStringLiteral("\"below\" must be a version"));
            }
        }
        if (hasDiffers) {
            const QString differs = versionReader.string("differsFrom", true);
            if (differs == QLatin1String("target"))
                detector->m_versionRule = VersionRule::DiffersFromTarget;
            else if (differs == QLatin1String("target-minor"))
                detector->m_versionRule = VersionRule::DiffersFromTargetMinor;
            else
                versionReader.fail(
                    QStringLiteral("\"differsFrom\" must be target or target-minor"));
        }
        if (!detector->m_versionGroup.isEmpty() &&
            !detector->m_pattern.namedCaptureGroups().contains(detector->m_versionGroup))
            versionReader.fail(QStringLiteral("the pattern has no group named \"%1\"")
                                   .arg(detector->m_versionGroup));
        if (auto problem = versionReader.finish())
            reader.fail(problem->message);
    }
    return std::shared_ptr<Detector>(detector);
}

std::optional<QString> ScriptTextDetector::versionVerdict(const QString& captured,
                                                          const Version& target) const
{
    const auto version = Version::parse(captured);
    if (!version)
        return std::nullopt;
    switch (m_versionRule) {
    case VersionRule::None:
        return QString();
    case VersionRule::Below:
        if (*version < m_below)
            return QStringLiteral("%1 is older than %2").arg(captured, m_below.toString());
        return std::nullopt;
    case VersionRule::DiffersFromTarget:
        // 1.3.1 and 1.3.1.0 name the same release.
        if (*version == target)
            return std::nullopt;
        return QStringLiteral("%1 is not the target release %2").arg(captured, target.toString());
    case VersionRule::DiffersFromTargetMinor:
        if (version->part(0) == target.part(0) && version->part(1) == target.part(1))
            return std::nullopt;
        return QStringLiteral("%1 is not on the target's %2.%3 line")
            .arg(captured)
            .arg(target.part(0))
            .arg(target.part(1));
    }
    return std::nullopt;
}

DetectorFindings ScriptTextDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    const auto& files = context.workspace.scriptFiles();
    if (files.empty()) {
        result.notChecked = context.workspace.missingReason(InputKind::Scripts);
        return result;
    }
    for (const ScriptSource& file : files) {
        if (!m_kinds.isEmpty() && !m_kinds.contains(file.kind))
            continue;
        if (m_hasRequirement && !m_requiresInFile.match(file.text).hasMatch())
            continue;
        auto it = m_pattern.globalMatch(file.text);
        int lastLine = 0;
        while (it.hasNext()) {
            const auto match = it.next();
            if (file.inComment(match.capturedStart(0)))
                continue;
            QString message = m_message;
            message.replace(QStringLiteral("{match}"), match.captured(0).trimmed());
            if (m_versionRule != VersionRule::None) {
                const auto verdict = versionVerdict(match.captured(m_versionGroup), context.to);
                if (!verdict)
                    continue;
                message += QStringLiteral(" (%1)").arg(*verdict);
            }
            const auto [line, column] = file.position(match.capturedStart(0));
            if (line == lastLine)
                continue; // one finding per line ("cp310-cp310" is one wheel)
            lastLine = line;
            result.hits.append(DetectorHit{file.path, line, column, message, {}});
        }
    }
    return result;
}

} // namespace omu
