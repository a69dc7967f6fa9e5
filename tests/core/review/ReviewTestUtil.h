#pragma once

#include "review/Catalog.h"
#include "review/ReviewEngine.h"
#include "TestData.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace omu::test {

// Shared helpers of the review tests.
inline const Catalog& builtInCatalog()
{
    static const Catalog catalog = [] {
        auto loaded = Catalog::loadBuiltIn();
        if (!loaded)
            qFatal("catalog: %s", qPrintable(loaded.error().toString()));
        return std::move(loaded).value();
    }();
    return catalog;
}

// A catalog of one entry, test-entry (since 1.4.0), around detectors written as YAML; extra
// adds entry fields (before, scope...).
inline Catalog catalogWith(const QByteArray& detectors, const QByteArray& extra = {})
{
    const QByteArray yaml = "id: test-entry\nsince: 1.4.0\nseverity: warning\ntitle: T\nwhy: W\n"
                            "fix: F\nsource: {file: openmetadata-releases.md, section: S}\n" +
                            extra + "detectors:\n" + detectors;
    auto catalog = Catalog::parse({{QStringLiteral("test-entry.yaml"), yaml}});
    if (!catalog)
        qFatal("%s", qPrintable(catalog.error().toString()));
    return std::move(catalog).value();
}

// Runs a review that must not fail, keeping only what the catalog's own entries found: the
// release registry's requirement checks and the coverage gap, which every review adds, are
// tested elsewhere. From and to default to 1.3.0 -> 1.4.0 (the step of catalogWith's
// entry), and no search engine is asked.
inline ReviewReport runReview(const Catalog& catalog, ReviewRequest request)
{
    if (request.from.isEmpty())
        request.from = QStringLiteral("1.3.0");
    if (request.to.isEmpty())
        request.to = QStringLiteral("1.4.0");
    if (request.searchUrl.isEmpty())
        request.checkSearch = false;
    auto report = ReviewEngine::run(catalog, request);
    if (!report)
        qFatal("%s", qPrintable(report.error().toString()));
    ReviewReport result = report.value();
    auto fromCatalog = [&](const QString& id) { return catalog.find(id) != nullptr; };
    result.findings.removeIf([&](const Finding& finding) { return !fromCatalog(finding.id); });
    result.notChecked.removeIf([&](const NotChecked& skipped) { return !fromCatalog(skipped.id); });
    return result;
}

// Copies a folder below tests/data (recursively) into target.
inline bool copyData(const QString& relative, const QString& target)
{
    const QDir source(dataPath(relative));
    QDir().mkpath(target);
    for (const QFileInfo& entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString to = QDir(target).filePath(entry.fileName());
        if (entry.isDir()) {
            if (!copyData(relative + QLatin1Char('/') + entry.fileName(), to))
                return false;
        } else if (!QFile::copy(entry.filePath(), to) ||
                   !QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner |
                                                  QFile::ReadGroup)) {
            return false;
        }
    }
    return true;
}

// The review request for a sample deployment in folder (tests/data/review/deployment or a
// copy, deployment-1.13), without database or search engine.
inline ReviewRequest deploymentRequest(const QString& folder, const QString& from,
                                       const QString& to)
{
    const QDir dir(folder);
    ReviewRequest request;
    request.from = from;
    request.to = to;
    request.configFile = dir.filePath(QStringLiteral("openmetadata.yaml"));
    request.envFiles = {dir.filePath(QStringLiteral("docker.env"))};
    request.helmValuesFile = dir.filePath(QStringLiteral("values.yaml"));
    request.workflowsFolder = dir.filePath(QStringLiteral("workflows"));
    request.codeFolder = dir.filePath(QStringLiteral("code"));
    if (QFileInfo(dir.filePath(QStringLiteral("scripts"))).isDir())
        request.scriptsFolder = dir.filePath(QStringLiteral("scripts"));
    request.checkSearch = false;
    return request;
}

inline QStringList idsOf(const ReviewReport& report)
{
    QStringList ids;
    for (const auto& finding : report.findings)
        if (!ids.contains(finding.id))
            ids << finding.id;
    return ids;
}

inline const Finding* findingOf(const ReviewReport& report, const QString& id,
                                const QString& fileEnd = {})
{
    for (const auto& finding : report.findings)
        if (finding.id == id && (fileEnd.isEmpty() || finding.file.endsWith(fileEnd)))
            return &finding;
    return nullptr;
}

} // namespace omu::test
