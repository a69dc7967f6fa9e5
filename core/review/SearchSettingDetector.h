#pragma once

#include "Detector.h"

namespace omu {

class SpecReader;

// `search-setting`: a cluster setting of the search engine below what a release needs,
// e.g. OpenSearch's indices.query.bool.max_clause_count under 4096 (1.7). Read from
// GET /_cluster/settings?include_defaults=true&flat_settings=true (persistent, then
// transient, then the node's own value or default); `flavour` limits the check to
// elasticsearch or opensearch; `default` is the engine's value when none is reported.
class SearchSettingDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("search-setting"); }
    Needs needs() const override { return Needs::Search; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_flavour;
    QString m_setting;
    qint64 m_atLeast = 0;
    qint64 m_default = -1;
};

} // namespace omu
