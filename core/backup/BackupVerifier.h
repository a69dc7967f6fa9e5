#pragma once

#include "BackupManifest.h"
#include "BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Ending.h"
#include "connection/ConnectionProfile.h"

#include <QString>
#include <QStringList>

namespace omu {

struct VerifyReport
{
    Ending ending = Ending::Failed; // Failed: verify could not run, or found problems
    Error error;                    // why it could not run, or a summary of problems
    bool manifestFound = false;
    bool verified = false; // every check passed against a complete manifest
    bool deep = false;     // the deep check (replay and compare) ran and passed
    QStringList problems;  // what does not match, one sentence each
    QStringList notes;
    BackupManifest manifest;
    int tables = 0;
    qint64 rows = 0;
    qint64 lines = 0;
    qint64 bytes = 0;
    QString sha256;
    double seconds = 0;
};

// Checks a backup file.
//   quick: the file against its manifest: whole-file and per-table SHA-256, per-table line
//          counts, every line a complete statement, the last line intact.
//   deep:  quick, then a scratch copy of every table's structure (a scratch database with
//          CREATE TABLE ... LIKE on MySQL, a scratch schema with LIKE ... INCLUDING ALL on
//          PostgreSQL), the file replayed into it, the copy dumped again and compared table
//          by table with the file (which quick found equal to the manifest): same rows, and
//          the same lines as a multiset, since the copy reads back in its own physical
//          order. The scratch copy is always dropped.
class BackupVerifier
{
public:
    static VerifyReport quick(const QString& file, const QString& manifestPath = {},
                              const ProgressCallback& progress = {},
                              const CancelToken& cancel = CancelToken());
    // `scratchName`: the scratch database (MySQL) or schema (PostgreSQL); empty picks a
    // fresh name. An existing one is used only when empty, and then only emptied again.
    static VerifyReport deep(const ConnectionProfile& profile, const QString& file,
                             const QString& scratchName = {}, const ProgressCallback& progress = {},
                             const CancelToken& cancel = CancelToken());
};

} // namespace omu
