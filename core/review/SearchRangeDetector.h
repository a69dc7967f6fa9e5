#pragma once

#include "Detector.h"
#include "releases/VersionRange.h"

namespace omu {

// From the release registry: the search engine's version (GET /) against the versions
// the target accepts. Elasticsearch 8 under a 1.12 target is a blocker (its 9.x client
// cannot talk to 8.x servers), as is Elasticsearch 7 under 1.2 and later.
class SearchRangeDetector : public Detector
{
public:
    SearchRangeDetector(QString target, VersionRange elasticsearch, VersionRange openSearch);

    QString type() const override { return QStringLiteral("requirement-search"); }
    Needs needs() const override { return Needs::Search; }
    DetectorFindings run(const DetectorContext& context) const override;

private:
    QString m_target;
    VersionRange m_elasticsearch;
    VersionRange m_openSearch;
};

} // namespace omu
