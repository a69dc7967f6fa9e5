#pragma once

#include "backup/BackupManifest.h"
#include "backup/BackupProgress.h"
#include "backup/SchemaSnapshot.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QString>

namespace omu {

// A backup a rollback or a restore into a new database can build from: the file in the
// official format, its manifest, and the two files beside it that carry the schema and
// the history tables' rows. The two files beside it are checked against the manifest's
// hashes here; the file itself against its per-table hashes as it loads.
struct RollbackSource
{
    QString file;
    QString schemaFile;
    QString historyFile;
    BackupManifest manifest;
    SchemaSnapshot schema;

    QString containerLabel() const; // "database" (MySQL) or "schema" (PostgreSQL)

    static Result<RollbackSource> load(const QString& file,
                                       const CancelToken& cancel = CancelToken());
};

} // namespace omu
