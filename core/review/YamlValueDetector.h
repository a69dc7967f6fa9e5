#pragma once

#include "Detector.h"
#include "YamlScope.h"

#include <QRegularExpression>

namespace omu {

// `yaml-value`: a key whose value matches a pattern, e.g. secretsManager: noop or an
// Airflow connection of type Mssql. Values are compared as the server sees them:
// ${VAR:-default} is expanded with the env files' variables (openmetadata.yaml only),
// so `${SECRET_MANAGER:-noop}` is noop unless an env file sets SECRET_MANAGER. When the
// value comes from an env file, the hit points at that env file's line, where a fix
// belongs. `raw: true` compares the text as written instead.
class YamlValueDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("yaml-value"); }
    bool supportsFix(AutoFixSpec::Kind kind) const override;
    DetectorFindings run(const DetectorContext& context) const override;

private:
    YamlScope m_scope;
    QRegularExpression m_matches;
    bool m_raw = false;
    bool m_showValue = true;
};

} // namespace omu
