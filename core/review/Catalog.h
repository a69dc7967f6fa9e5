#pragma once

#include "CatalogEntry.h"
#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <vector>

namespace omu {

// The breaking-change catalog: YAML files, one entry each, compiled into the program
// as Qt resources under :/catalog. Loading validates every entry (required fields,
// version, severity, known detectors and their parameters, autofixes the detectors can
// carry out, unique ids) and fails with every problem found, each naming its entry.
class Catalog
{
public:
    static constexpr const char* builtInFolder = ":/catalog";

    static Result<Catalog> loadBuiltIn();
    static Result<Catalog> loadFolder(const QString& folder);
    // (file name, YAML text) pairs, in order.
    static Result<Catalog> parse(const QList<QPair<QString, QByteArray>>& files);

    const std::vector<CatalogEntry>& entries() const { return m_entries; }
    // The newest release whose breaking changes the catalog covers (coverage.yaml). The
    // built-in catalog must declare it (loading fails otherwise); a catalog made of other
    // files (tests) may leave it null, and then no coverage is held against a review.
    Version coverage() const { return m_coverage; }
    const CatalogEntry* find(const QString& id) const;
    // Entries that apply to an upgrade from `from` to `to`, in catalog order.
    std::vector<const CatalogEntry*> applicable(const Version& from, const Version& to) const;

    static constexpr const char* coverageFile = "coverage.yaml";

private:
    std::vector<CatalogEntry> m_entries;
    Version m_coverage;
};

} // namespace omu
