#pragma once

#include "BackupManifest.h"
#include "BackupProgress.h"
#include "common/CancelToken.h"
#include "common/Ending.h"
#include "connection/ConnectionProfile.h"
#include "SessionWatchdog.h"

#include <QString>
#include <QStringList>

namespace omu {

// A line that is not a backup statement: where, why, and how it starts.
struct BadLine
{
    qint64 line = 0;
    QString problem;
    QString statement;
};

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
    // What restore looks at before it runs anything.
    QList<BadLine> badLines; // the first few lines that are not backup statements
    qint64 badLineCount = 0;
    bool cutShort = false;  // the last line has no newline: the file was cut short
    QStringList tableNames; // every table the lines name, as the server resolves them
};

// Checks a backup file.
//   quick: every line a backup statement (read literal by literal, see BackupLine), the
//          last line intact, and, with a manifest, the file against it: whole-file and
//          per-table SHA-256, per-table line counts. Also what restore checks before it
//          runs a line: the lines that are not statements, the tables named.
//   deep:  quick, then a scratch copy of every table's structure (a scratch database with
//          CREATE TABLE ... LIKE on MySQL, a scratch schema with LIKE ... INCLUDING ALL on
//          PostgreSQL), the file replayed into it, the copy dumped again and compared table
//          by table with the file (which quick found equal to the manifest): same rows, and
//          the same lines as a multiset, since the copy reads back in its own physical
//          order. The scratch copy is always dropped.
class BackupVerifier
{
public:
    // `engine`: whose lexer reads the literals (Unknown: the manifest's, else either).
    static VerifyReport quick(const QString& file, const QString& manifestPath = {},
                              const ProgressCallback& progress = {},
                              const CancelToken& cancel = CancelToken(),
                              Engine engine = Engine::Unknown);
    // `scratchName`: the scratch database (MySQL) or schema (PostgreSQL); empty picks a
    // fresh name. An existing one is used only when empty, and then only emptied again.
    static VerifyReport deep(const ConnectionProfile& profile, const QString& file,
                             const QString& scratchName = {}, const ProgressCallback& progress = {},
                             const CancelToken& cancel = CancelToken(),
                             const WaitLimits& limits = WaitLimits());
};

} // namespace omu
