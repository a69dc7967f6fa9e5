#pragma once

#include "common/Version.h"
#include "Detector.h"

namespace omu {

class SpecReader;

// `search-version`: the search engine's version against the target's minimum
// (Elasticsearch 8.10.2 / OpenSearch 2.7 for 1.2.0).
class SearchVersionDetector : public Detector
{
public:
    static Result<std::shared_ptr<Detector>> create(SpecReader& reader);

    QString type() const override { return QStringLiteral("search-version"); }
    Needs needs() const override { return Needs::Search; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    Version m_elasticsearch;
    Version m_openSearch;
};

} // namespace omu
