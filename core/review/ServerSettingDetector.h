#pragma once

#include "connection/ConnectionProfile.h"
#include "Detector.h"

#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QStringList>

#include <optional>

namespace omu {

class SpecReader;

// `db-server-setting`: server variables of the metadata database's server that a release
// trips over, e.g. binary logging without log_bin_trust_function_creators, which stops
// Airflow 3's migration on MySQL (1.11). `all` maps each variable to a pattern its value
// must match for a hit; `engine` limits the check to mysql or postgres (on the other
// engine it does not apply); `whenSchemaHasTables` only reports it when some schema of
// the server holds all these tables (Airflow's database next to OpenMetadata's).
class ServerSettingDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("db-server-setting"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    std::optional<Engine> m_engine;
    QList<QPair<QString, QRegularExpression>> m_all;
    QStringList m_schemaTables;
    QString m_message;
};

} // namespace omu
