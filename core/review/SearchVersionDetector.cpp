#include "SearchVersionDetector.h"

#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> SearchVersionDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<SearchVersionDetector>();
    const auto elasticsearch = Version::parse(reader.string("elasticsearch", true));
    const auto openSearch = Version::parse(reader.string("opensearch", true));
    if (!elasticsearch || !openSearch)
        reader.fail(QStringLiteral("\"elasticsearch\" and \"opensearch\" must be versions"));
    else {
        detector->m_elasticsearch = *elasticsearch;
        detector->m_openSearch = *openSearch;
    }
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings SearchVersionDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.search) {
        result.notChecked = context.searchUnavailable;
        return result;
    }
    const SearchEngineInfo& info = *context.search;
    const Version& minimum = info.isOpenSearch() ? m_openSearch : m_elasticsearch;
    const QString name = info.productName();
    const auto version = info.parsedVersion();
    if (!version) {
        result.hits.append(DetectorHit{
            {},
            0,
            0,
            QStringLiteral("%1 at %2 reports version \"%3\", which cannot be compared with %4")
                .arg(name, info.url, info.version, minimum.toString()),
            {}});
    } else if (*version < minimum) {
        result.hits.append(DetectorHit{
            {},
            0,
            0,
            QStringLiteral("%1 at %2 is %3; the target needs %1 %4 or later, and its indexes "
                           "cannot be upgraded in place: they must be deleted and rebuilt")
                .arg(name, info.url, info.version, minimum.toString()),
            {}});
    }
    return result;
}

} // namespace omu
