#include "ReviewEngine.h"

#include "common/DisplayText.h"
#include "common/SecretMasker.h"

#include "connection/DatabaseConnector.h"
#include "connection/VariableExpander.h"
#include "FixEditor.h"
#include "releases/ReleaseRegistry.h"
#include "RequirementEntries.h"
#include "SearchEngineProbe.h"
#include "YamlPath.h"

#include <QHash>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <map>

namespace omu {

namespace {

std::optional<QString> scalarAt(const YAML::Node& root, const QString& path)
{
    const auto matches = YamlPath::parse(path)->find(root);
    if (matches.empty() || !matches.front().value.IsScalar())
        return std::nullopt;
    return QString::fromStdString(matches.front().value.Scalar());
}

// The files a fix may target, by path, as read for this review.
struct FixableFiles
{
    QHash<QString, const YamlSource*> yaml;
    QHash<QString, const EnvSource*> env;

    explicit FixableFiles(const ReviewWorkspace& workspace)
    {
        for (InputKind kind :
             {InputKind::Config, InputKind::Helm, InputKind::Workflows, InputKind::Compose})
            for (const YamlSource* source : workspace.yamlFiles(kind))
                yaml.insert(source->path(), source);
        for (const EnvSource& file : workspace.envFiles())
            env.insert(file.path, &file);
    }

    // Whether the fix can be done on the file as it is now.
    std::optional<Result<FixEditor::Outcome>> tryFix(const AutoFixSpec& spec,
                                                     const FixTarget& target) const
    {
        if (const YamlSource* source = yaml.value(target.file))
            return FixEditor::tryOn(spec, target, *source);
        if (const EnvSource* file = env.value(target.file))
            return FixEditor::apply(spec, target, file->bytes);
        return std::nullopt;
    }
};

// The blocker a review gets when releases on its way are newer than the catalog covers:
// those releases were not checked, so the review must not look like an all-clear.
std::optional<Finding> coverageFinding(const Catalog& catalog, const ReleaseRegistry& registry,
                                       const Version& from, const Version& to, ReviewReport& report)
{
    const Version covered = catalog.coverage();
    if (covered.isNull())
        return std::nullopt; // a catalog of the caller's files, which declares nothing
    report.coverage = covered.toString();
    QList<const Release*> unchecked;
    for (const Release* release : registry.between(from, to))
        if (covered < release->version)
            unchecked << release;
    if (unchecked.isEmpty())
        return std::nullopt;
    for (const Release* release : unchecked)
        report.notCovered << release->version.toString();
    Finding finding;
    finding.id = QStringLiteral("omupgrade-coverage");
    finding.severity = Severity::Blocker;
    finding.since = unchecked.first()->version.toString();
    finding.title = QStringLiteral("Not covered by this version of omupgrade");
    finding.why = QStringLiteral("This omupgrade's breaking-change catalog covers OpenMetadata up "
                                 "to %1. Deprecations and breaking changes of the releases after "
                                 "it were not checked, so no finding here means nothing for them.")
                      .arg(report.coverage);
    finding.fix = QStringLiteral("Use an omupgrade whose catalog covers %1, or read the release "
                                 "notes and upgrade pages of the releases named here yourself, "
                                 "then acknowledge this blocker.")
                      .arg(to.toString());
    finding.message = QStringLiteral("not checked: %1").arg(describeReleases(unchecked));
    finding.detector = QStringLiteral("coverage");
    return finding;
}

} // namespace

QString ReviewEngine::configuredSearchUrl(const ReviewWorkspace& workspace, QString* user,
                                          QString* password)
{
    auto build = [&](const YAML::Node& root, const QString& prefix,
                     const VariableSet& variables) -> QString {
        const VariableExpander expander(variables);
        auto value = [&](const char* key) {
            const auto written = scalarAt(root, prefix + QString::fromLatin1(key));
            return written ? expander.expand(*written).text.trimmed() : QString();
        };
        const QString host = value("host");
        if (host.isEmpty())
            return {};
        QString scheme = value("scheme");
        if (scheme.isEmpty())
            scheme = QStringLiteral("http");
        QString port = value("port");
        if (port.isEmpty())
            port = QStringLiteral("9200");
        if (user)
            *user = value("username");
        if (password)
            *password = value("password");
        return QStringLiteral("%1://%2:%3").arg(scheme, host, port);
    };
    if (const YamlSource* config = workspace.config())
        for (const YAML::Node& document : config->documents())
            if (const QString url =
                    build(document, QStringLiteral("elasticsearch."), workspace.variables());
                !url.isEmpty())
                return url;
    const VariableSet none;
    if (const YamlSource* helm = workspace.helm())
        for (const YAML::Node& document : helm->documents())
            if (const QString url =
                    build(document, QStringLiteral("openmetadata.config.elasticsearch."), none);
                !url.isEmpty())
                return url;
    return {};
}

Result<ReviewReport> ReviewEngine::run(const Catalog& catalog, const ReviewRequest& request,
                                       const CancelToken& cancel, const Progress& progress)
{
    const auto from = Version::parse(request.from);
    const auto to = Version::parse(request.to);
    if (!from)
        return makeError(
            QStringLiteral("the current release \"%1\" is not a version").arg(request.from), {},
            QStringLiteral("Give it as numbers, e.g. 1.1.5."));
    if (!to)
        return makeError(
            QStringLiteral("the target release \"%1\" is not a version").arg(request.to), {},
            QStringLiteral("Give it as numbers, e.g. 1.3.0."));
    const ReleaseRegistry& registry =
        request.registry ? *request.registry : ReleaseRegistry::builtIn();
    if (registry.isEmpty())
        return makeError(ReleaseRegistry::builtInError());
    if (const auto known = registry.resolveTarget(request.to, QStringLiteral("the target release"));
        !known)
        return known.error();
    if (*to < *from)
        return makeError(
            QStringLiteral("the target release %1 is older than the current one %2")
                .arg(request.to, request.from),
            {}, QStringLiteral("OpenMetadata cannot be downgraded; check the two versions."));
    auto say = [&](const QString& text) {
        if (progress)
            progress(text);
    };
    auto cancelled = [&] { return cancel.isCancelled(); };

    SecretMasker masker;
    if (request.database)
        masker.add(request.database->password);

    ReviewReport report;
    report.from = from->toString();
    report.to = to->toString();
    auto entries = catalog.applicable(*from, *to);
    report.applicableEntries = int(entries.size());
    // What the target needs around it, from the registry, checked like catalog entries.
    const std::vector<CatalogEntry> requirements = RequirementEntries::build(registry, *from, *to);
    for (const CatalogEntry& entry : requirements)
        entries.push_back(&entry);

    say(QStringLiteral("Reading the deployment's files"));
    const ReviewWorkspace workspace = ReviewWorkspace::load(request, cancel);
    report.problems = workspace.problems();

    bool needDatabase = false;
    bool needSearch = false;
    for (const CatalogEntry* entry : entries)
        for (const auto& detector : entry->detectors) {
            needDatabase = needDatabase || detector->uses(Detector::Needs::Database);
            needSearch = needSearch || detector->uses(Detector::Needs::Search);
        }

    DetectorContext context{workspace,           *from, *to, nullptr, {}, std::nullopt, {},
                            request.environment, {}};
    std::map<QString, Result<QByteArray>> searchAnswers;
    std::unique_ptr<DatabaseSession> session;
    if (needDatabase && !cancelled()) {
        if (!request.database) {
            context.databaseUnavailable = request.databaseUnavailableReason.isEmpty()
                                              ? QStringLiteral("no database connection was given")
                                              : request.databaseUnavailableReason;
        } else {
            say(QStringLiteral("Connecting to the metadata database"));
            auto opened = DatabaseConnector::open(*request.database);
            if (opened) {
                session = std::move(opened).value();
                context.database = session.get();
            } else {
                context.databaseUnavailable =
                    QStringLiteral("the database could not be reached: %1")
                        .arg(opened.error().summary);
            }
        }
    }
    if (needSearch && !cancelled()) {
        QString user;
        QString password;
        const QString url = request.searchUrl.isEmpty()
                                ? configuredSearchUrl(workspace, &user, &password)
                                : request.searchUrl;
        if (!request.checkSearch) {
            context.searchUnavailable = QStringLiteral("the search engine check was turned off");
        } else if (url.isEmpty()) {
            context.searchUnavailable = QStringLiteral(
                "no search engine URL was given and no elasticsearch section was found in "
                "openmetadata.yaml or the Helm values");
        } else {
            say(QStringLiteral("Asking the search engine for its version"));
            auto info =
                SearchEngineProbe::probe(QUrl(url), request.searchTimeoutMs, user, password);
            if (info) {
                context.search = info.value();
                report.search = info.value();
                const int timeout = request.searchTimeoutMs;
                context.searchGet = [&searchAnswers, url, timeout, user,
                                     password](const QString& path) -> Result<QByteArray> {
                    auto known = searchAnswers.find(path);
                    if (known == searchAnswers.end())
                        known = searchAnswers
                                    .emplace(path, SearchEngineProbe::get(QUrl(url), path, timeout,
                                                                          user, password))
                                    .first;
                    return known->second;
                };
            } else {
                context.searchUnavailable = info.error().message;
            }
        }
    }

    const FixableFiles fixable(workspace);
    say(QStringLiteral("Checking %1 catalog entries and %2 requirements")
            .arg(report.applicableEntries)
            .arg(requirements.size()));
    QSet<QString> seen;
    for (const CatalogEntry* entry : entries) {
        for (const auto& detector : entry->detectors) {
            if (cancelled())
                return makeError(QStringLiteral("the review was cancelled"));
            const DetectorFindings result = detector->run(context);
            if (!result.notChecked.isEmpty())
                report.notChecked.append({entry->id, detector->type(), result.notChecked});
            for (const DetectorHit& hit : result.hits) {
                Finding finding;
                finding.id = entry->id;
                finding.severity = entry->severity;
                finding.since = entry->since.toString();
                finding.title = entry->title;
                finding.why = entry->why;
                finding.fix = entry->fix;
                finding.file = hit.file;
                finding.line = hit.line;
                finding.column = hit.column;
                // Messages may quote a file's lines: never a secret, never a control byte.
                finding.message = DisplayText::escaped(masker.mask(hit.message));
                finding.detector = detector->type();
                finding.manual = detector->isManual();
                if (detector->autoFix() && hit.target) {
                    finding.autofixSpec = detector->autoFix();
                    finding.target = hit.target;
                    if (const auto outcome =
                            fixable.tryFix(*finding.autofixSpec, *finding.target)) {
                        if (*outcome && outcome->value().changed) {
                            finding.autofix = true;
                            finding.autofixDescription = outcome->value().description;
                        } else if (!*outcome) {
                            finding.autofixUnavailable = outcome->error().message;
                        }
                    }
                }
                if (seen.contains(finding.key()))
                    continue;
                seen.insert(finding.key());
                report.findings.append(finding);
            }
        }
    }
    // One finding per fact: where the catalog's own search-version check for this step
    // already reports the engine, the registry's range check does not say it again.
    const bool catalogSearchHit =
        std::any_of(report.findings.cbegin(), report.findings.cend(),
                    [](const Finding& f) { return f.detector == QLatin1String("search-version"); });
    if (catalogSearchHit)
        report.findings.removeIf(
            [](const Finding& f) { return f.id == QLatin1String("requirement-search-engine"); });
    if (auto gap = coverageFinding(catalog, registry, *from, *to, report))
        report.findings.append(*gap);
    std::stable_sort(report.findings.begin(), report.findings.end(), &ReviewReport::ordersBefore);
    say(QStringLiteral("Review finished"));
    return report;
}

} // namespace omu
