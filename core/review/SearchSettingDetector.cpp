#include "SearchSettingDetector.h"

#include "SpecReader.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace omu {

Result<std::shared_ptr<Detector>> SearchSettingDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<SearchSettingDetector>();
    detector->m_flavour = reader.string("flavour", false);
    if (!detector->m_flavour.isEmpty() && detector->m_flavour != QLatin1String("opensearch") &&
        detector->m_flavour != QLatin1String("elasticsearch"))
        reader.fail(QStringLiteral("\"flavour\" must be elasticsearch or opensearch"));
    detector->m_setting = reader.string("setting", true);
    bool ok = false;
    detector->m_atLeast = reader.string("atLeast", true).toLongLong(&ok);
    if (!ok)
        reader.fail(QStringLiteral("\"atLeast\" must be a whole number"));
    if (reader.has("default")) {
        detector->m_default = reader.string("default", true).toLongLong(&ok);
        if (!ok)
            reader.fail(QStringLiteral("\"default\" must be a whole number"));
    }
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings SearchSettingDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.search || !context.searchGet) {
        result.notChecked = context.searchUnavailable;
        return result;
    }
    if (!m_flavour.isEmpty() && context.search->flavour != m_flavour)
        return result; // the other engine: the setting does not apply
    const auto body = context.searchGet(
        QStringLiteral("/_cluster/settings?include_defaults=true&flat_settings=true"));
    if (!body) {
        result.notChecked =
            QStringLiteral("the cluster settings could not be read: %1").arg(body.error().message);
        return result;
    }
    const QJsonObject settings = QJsonDocument::fromJson(body.value()).object();
    QString value;
    QString source;
    for (const char* section : {"persistent", "transient", "defaults"}) {
        const QJsonValue found = settings.value(QLatin1String(section)).toObject().value(m_setting);
        if (!found.isUndefined() && !found.isNull()) {
            value = found.isString() ? found.toString() : QString::number(found.toDouble());
            source = QLatin1String(section);
            break;
        }
    }
    if (value.isEmpty() && m_default >= 0) {
        value = QString::number(m_default);
        source = QStringLiteral("not reported, the engine's default");
    }
    if (value.isEmpty()) {
        result.notChecked =
            QStringLiteral("%1 does not report %2").arg(context.search->url, m_setting);
        return result;
    }
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok) {
        result.notChecked = QStringLiteral("%1 is \"%2\", not a number").arg(m_setting, value);
        return result;
    }
    if (number < m_atLeast)
        result.hits.append(DetectorHit{
            {},
            0,
            0,
            QStringLiteral("%1 at %2 has %3 = %4 (%5); it needs at "
                           "least %6")
                .arg(context.search->flavour, context.search->url, m_setting, value, source)
                .arg(m_atLeast),
            {}});
    return result;
}

} // namespace omu
