#pragma once

#include "Detector.h"

namespace omu {

class SpecReader;

// `manual`: something the tool cannot see (the JDK the server runs on, the Python of
// the ingestion containers, bots configured with SSO). Always reported, as a manual
// check the user confirms, never silently dropped.
class ManualCheckDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("manual"); }
    Needs needs() const override { return Needs::Nothing; }
    bool isManual() const override { return true; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_check;
};

} // namespace omu
