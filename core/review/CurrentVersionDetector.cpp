#include "CurrentVersionDetector.h"

#include "SpecReader.h"

namespace omu {

Result<std::shared_ptr<Detector>> CurrentVersionDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<CurrentVersionDetector>();
    if (const auto below = Version::parse(reader.string("below", true)))
        detector->m_below = *below;
    else
        reader.fail(QStringLiteral("\"below\" must be a version"));
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings CurrentVersionDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (context.from < m_below)
        result.hits.append(DetectorHit{{},
                                       0,
                                       0,
                                       QStringLiteral("this deployment runs %1, older than %2")
                                           .arg(context.from.toString(), m_below.toString()),
                                       {}});
    return result;
}

} // namespace omu
