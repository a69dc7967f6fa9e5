#pragma once

#include "common/Version.h"
#include "VersionRange.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// One requirement that differs between two releases: what, and its value before/after.
struct RequirementChange
{
    QString key;  // "java", "elasticsearch", ..., stable for JSON and tests
    QString what; // "Java", "Elasticsearch", ...
    QString before;
    QString after;
};

// One requirement and its value, for listings: ("java", "Java", "21").
struct RequirementValue
{
    QString key;
    QString what;
    QString value;
};

// What a release line needs around it, as resources/releases/<line>.yaml states it.
struct Requirements
{
    int java = 0;                   // the server's Java major version (bare metal)
    VersionRange elasticsearch;     // accepted Elasticsearch server versions
    VersionRange openSearch;        // accepted OpenSearch server versions
    Version mysql;                  // minimum MySQL server
    Version postgres;               // minimum PostgreSQL server
    VersionRange python;            // ingestion Python, min..below (3.10 .. 3.13 = 3.10-3.12)
    QStringList migrationTools;     // bootstrap/ scripts the release ships, preferred first
    QStringList postgresExtensions; // extensions the migration creates (pg_trgm)
    QString ingestionClient;        // "exact": client == server release; "minor": same x.y
    QString backup;                 // "metadata-cli" (metadata backup) or "native" (dump tools)

    // Every requirement whose value differs, in a fixed order.
    static QList<RequirementChange> changes(const Requirements& before, const Requirements& after);
    // Every requirement with its value, in the same order.
    QList<RequirementValue> listing() const;

    static QString pythonText(const VersionRange& range); // "3.10-3.12"
    static QString backupText(const QString& backup);
};

} // namespace omu
