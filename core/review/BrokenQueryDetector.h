#pragma once

#include "Detector.h"

namespace omu {

class SpecReader;

// `db-queries-without-service`: the queries the 1.2.0 migration will delete.
class BrokenQueryDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("db-queries-without-service"); }
    Needs needs() const override { return Needs::Database; }
    DetectorFindings run(const DetectorContext& context) const override;
};

} // namespace omu
