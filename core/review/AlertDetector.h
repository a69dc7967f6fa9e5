#pragma once

#include "Detector.h"

namespace omu {

class SpecReader;

// `db-alerts`: the alerts (event subscriptions) 1.3.0 will delete.
class AlertDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("db-alerts"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;
};

} // namespace omu
