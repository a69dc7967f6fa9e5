#include "SearchRangeDetector.h"

namespace omu {

SearchRangeDetector::SearchRangeDetector(QString target, VersionRange elasticsearch,
                                         VersionRange openSearch)
    : m_target(std::move(target)), m_elasticsearch(elasticsearch), m_openSearch(openSearch)
{
}

DetectorFindings SearchRangeDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.search) {
        result.notChecked = context.searchUnavailable;
        return result;
    }
    const SearchEngineInfo& info = *context.search;
    const bool openSearch = info.flavour == QLatin1String("opensearch");
    const VersionRange& accepted = openSearch ? m_openSearch : m_elasticsearch;
    const QString name =
        openSearch ? QStringLiteral("OpenSearch") : QStringLiteral("Elasticsearch");
    const auto version = Version::parse(info.version);
    if (version && accepted.contains(*version))
        return result;
    result.hits.append(DetectorHit{
        {},
        0,
        0,
        version
            ? QStringLiteral("%1 at %2 is %3; OpenMetadata %4 accepts %1 %5 (or %6 %7)")
                  .arg(name, info.url, info.version, m_target, accepted.describe(),
                       openSearch ? QStringLiteral("Elasticsearch") : QStringLiteral("OpenSearch"),
                       (openSearch ? m_elasticsearch : m_openSearch).describe())
            : QStringLiteral("%1 at %2 reports version \"%3\", which cannot be compared with "
                             "the %4 OpenMetadata %5 accepts")
                  .arg(name, info.url, info.version, accepted.describe(), m_target),
        {}});
    return result;
}

} // namespace omu
