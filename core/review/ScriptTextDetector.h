#pragma once

#include "Detector.h"
#include "ScriptSource.h"

#include <QList>
#include <QRegularExpression>

#include <optional>

namespace omu {

class SpecReader;

// `script-text`: a command, image or pin in the scripts and deployment files folder, e.g.
// `metadata backup` in a crontab, bootstrap_storage.sh in a systemd unit, FROM python:3.8
// in a Dockerfile. `pattern` is a regular expression searched in the whole text of each
// file (^ and $ are line anchors); matches inside comments do not count. `kinds` limits it
// to some kinds of file (shell, cron, systemd, dockerfile, compose, ci, yaml,
// requirements, python, make); `requiresInFile` to files that also match another
// expression; `message` is what a hit says ({match} is the text found). `version`
// compares a version the pattern captures ({group, below} or {group, differsFrom: target
// | target-minor}), so a pin only counts when it is older than, or not on the line of,
// the release being upgraded to.
class ScriptTextDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("script-text"); }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    enum class VersionRule
    {
        None,
        Below,                  // the captured version is older than m_below
        DiffersFromTarget,      // it is not the target release
        DiffersFromTargetMinor, // it is not on the target's major.minor line
    };

    // Why a captured version counts, or nothing when it does not.
    std::optional<QString> versionVerdict(const QString& captured, const Version& target) const;

    QRegularExpression m_pattern;
    QList<ScriptSource::Kind> m_kinds;
    QRegularExpression m_requiresInFile;
    bool m_hasRequirement = false;
    QString m_message;
    VersionRule m_versionRule = VersionRule::None;
    QString m_versionGroup;
    Version m_below;
};

} // namespace omu
