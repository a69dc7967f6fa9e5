#include "DetectorFactory.h"

#include "AlertDetector.h"
#include "BrokenQueryDetector.h"
#include "CurrentVersionDetector.h"
#include "DatabaseRowsDetector.h"
#include "EnvVariableDetector.h"
#include "FlywayRepairDetector.h"
#include "GatedDetector.h"
#include "ManualCheckDetector.h"
#include "PythonImportDetector.h"
#include "PythonNameDetector.h"
#include "PythonSignatureDetector.h"
#include "ScriptTextDetector.h"
#include "SearchSettingDetector.h"
#include "SearchVersionDetector.h"
#include "ServerSettingDetector.h"
#include "SpecReader.h"
#include "YamlKeyAbsentDetector.h"
#include "YamlKeyMovedDetector.h"
#include "YamlKeyPresentDetector.h"
#include "YamlValueDetector.h"

namespace omu {

namespace {

using Creator = Result<std::shared_ptr<Detector>> (*)(SpecReader&);

const QList<QPair<QString, Creator>>& creators()
{
    static const QList<QPair<QString, Creator>> table{
        {QStringLiteral("yaml-key-present"), &YamlKeyPresentDetector::create},
        {QStringLiteral("yaml-key-absent"), &YamlKeyAbsentDetector::create},
        {QStringLiteral("yaml-value"), &YamlValueDetector::create},
        {QStringLiteral("yaml-key-moved"), &YamlKeyMovedDetector::create},
        {QStringLiteral("env-variable"), &EnvVariableDetector::create},
        {QStringLiteral("python-import"), &PythonImportDetector::create},
        {QStringLiteral("python-name"), &PythonNameDetector::create},
        {QStringLiteral("python-signature"), &PythonSignatureDetector::create},
        {QStringLiteral("script-text"), &ScriptTextDetector::create},
        {QStringLiteral("db-queries-without-service"), &BrokenQueryDetector::create},
        {QStringLiteral("db-alerts"), &AlertDetector::create},
        {QStringLiteral("db-flyway-failed"), &FlywayRepairDetector::create},
        {QStringLiteral("db-rows"), &DatabaseRowsDetector::create},
        {QStringLiteral("db-server-setting"), &ServerSettingDetector::create},
        {QStringLiteral("search-version"), &SearchVersionDetector::create},
        {QStringLiteral("search-setting"), &SearchSettingDetector::create},
        {QStringLiteral("current-version"), &CurrentVersionDetector::create},
        {QStringLiteral("manual"), &ManualCheckDetector::create},
    };
    return table;
}

} // namespace

QStringList DetectorFactory::knownTypes()
{
    QStringList types;
    for (const auto& creator : creators())
        types << creator.first;
    return types;
}

Result<std::shared_ptr<Detector>>
DetectorFactory::create(const YAML::Node& node, const std::shared_ptr<const AutoFixSpec>& entryFix)
{
    const QString type = node.IsMap() && node["type"].IsScalar()
                             ? QString::fromStdString(node["type"].Scalar())
                             : QString();
    SpecReader reader(node, QStringLiteral("detector \"%1\"").arg(type));
    reader.string("type", true);
    Creator creator = nullptr;
    for (const auto& entry : creators())
        if (entry.first == type)
            creator = entry.second;
    if (!creator) {
        if (!type.isEmpty())
            reader.fail(QStringLiteral("unknown detector type \"%1\" (known: %2)")
                            .arg(type, knownTypes().join(QStringLiteral(", "))));
        // The detector's own fields cannot be judged without a known type.
        auto error = reader.finish();
        QString message = error ? error->message : QString();
        message = message.section(QStringLiteral("; "), 0, 0);
        return makeError(message.isEmpty() ? QStringLiteral("a detector lacks its \"type\"")
                                           : message);
    }
    auto detector = creator(reader);

    std::optional<Result<std::shared_ptr<Detector>>> condition;
    if (auto onlyWhen = reader.node("onlyWhen", false))
        condition = create(*onlyWhen, nullptr);

    std::shared_ptr<const AutoFixSpec> fix;
    if (auto own = reader.node("autofix", false)) {
        auto parsed = AutoFixSpec::parse(*own);
        if (!parsed)
            reader.fail(parsed.error().message);
        else
            fix = std::make_shared<const AutoFixSpec>(parsed.value());
    }
    if (auto error = reader.finish())
        return *error;
    if (!detector)
        return detector.error();
    if (fix) {
        if (!detector.value()->supportsFix(fix->kind))
            return makeError(
                QStringLiteral("detector \"%1\" cannot carry out an autofix of type \"%2\"")
                    .arg(type, AutoFixSpec::kindName(fix->kind)));
        detector.value()->setAutoFix(fix);
    } else if (entryFix && detector.value()->supportsFix(entryFix->kind)) {
        detector.value()->setAutoFix(entryFix);
    }
    if (condition) {
        if (!*condition)
            return makeError(QStringLiteral("detector \"%1\": its onlyWhen: %2")
                                 .arg(type, condition->error().message));
        return std::shared_ptr<Detector>(
            std::make_shared<GatedDetector>(detector.value(), condition->value()));
    }
    return detector;
}

} // namespace omu
