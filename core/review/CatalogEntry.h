#pragma once

#include "AutoFixSpec.h"
#include "common/Version.h"
#include "Detector.h"
#include "Severity.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace omu {

// Where an entry comes from: an upgrade-notes file and the section heading in it.
struct CatalogSource
{
    QString file;
    QString section;
};

// One deprecation or breaking change, as resources/catalog/<id>.yaml describes it.
struct CatalogEntry
{
    QString id;
    Version since;
    Severity severity = Severity::Notice;
    QString title;
    QString why;
    QString fix;
    QList<CatalogSource> sources;
    // A prerequisite (backup, sort buffer, flyway repair) that matters for every upgrade
    // reaching `since` or later, not only for the one that crosses it.
    bool everyUpgrade = false;
    // When set, the entry only applies to targets older than this release: advice that a
    // later entry replaces (a prerequisite whose rule changed, a deprecation that became a
    // removal).
    std::optional<Version> before;
    std::vector<std::shared_ptr<const Detector>> detectors;
    std::shared_ptr<const AutoFixSpec> autofix;
    QString catalogFile; // the entry's file, for error messages

    // from < since <= to (numeric versions); for everyUpgrade entries from < to and
    // since <= to; and to < before when `before` is set.
    bool appliesTo(const Version& from, const Version& to) const;
    // Only manual detectors: the tool cannot see this, the user must check.
    bool isManual() const;
    bool hasAutoFix() const;
};

} // namespace omu
