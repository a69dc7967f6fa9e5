#pragma once

#include "Detector.h"

#include <QRegularExpression>

namespace omu {

class SpecReader;

// `env-variable`: a variable set in the docker env files that the new release ignores
// or reads differently (DB_USE_SSL, OM_CUSTOM_LOGO_URL_PATH, SECRET_MANAGER=noop).
// With `matches`, only values matching it count; only then is the value shown, as
// env files also hold passwords.
class EnvVariableDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("env-variable"); }
    bool supportsFix(AutoFixSpec::Kind kind) const override
    {
        return kind == AutoFixSpec::Kind::ChangeValue || kind == AutoFixSpec::Kind::ReplaceKey;
    }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QStringList m_names;
    QRegularExpression m_matches;
    bool m_hasMatches = false;
};

} // namespace omu
