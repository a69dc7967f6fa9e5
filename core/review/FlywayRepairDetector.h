#pragma once

#include "Detector.h"

namespace omu {

class SpecReader;

// `db-flyway-failed`: flyway migrations marked failed, which need `repair` first.
class FlywayRepairDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("db-flyway-failed"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;
};

} // namespace omu
