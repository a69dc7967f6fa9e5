#pragma once

#include "connection/ConnectionProfile.h"
#include "TestData.h" // readFile, writeFile

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace omu::test {

// A database (MariaDB) or database (PostgreSQL) with a unique name, dropped however the
// test ends.
class ScratchDatabase
{
public:
    ScratchDatabase(Engine engine, const QString& prefix);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    bool ok() const { return m_ok; }
    const QString& error() const { return m_error; }
    const QString& name() const { return m_name; }
    Engine engine() const { return m_engine; }
    ConnectionProfile profile() const; // the admin account, pointing at this database

    // Fills it with the OpenMetadata-shaped fixture (hostile content included).
    bool fill(qint64 rows, quint64 seed, qint64 megabytes = 0, QString* error = nullptr);

private:
    Engine m_engine;
    QString m_name;
    QString m_error;
    bool m_ok = false;
};

// Backs `source` up with BackupWriter as `folder`/`name`: the backup file, or an empty
// string with `error` saying why not.
QString backUp(const ScratchDatabase& source, const QString& folder, const QString& name,
               QString* error);

// Rows a table and seed for ScratchDatabase::fill().
struct FixtureFill
{
    qint64 rows = 0;
    quint64 seed = 0;
};

// Where a backup-and-restore test starts: a source database with the fixture, backed up
// to a temporary folder, and a target of the same shape with other content. Tests take
// the parts by name: `const auto& [source, target, folder, file] = trip;`.
struct RoundTrip
{
    explicit RoundTrip(Engine engine, const QString& targetPrefix = QStringLiteral("omu_bk_dst"));

    // Fills both databases and backs the source up as `fileName`; false with `error`
    // saying which step failed.
    bool prepare(FixtureFill sourceFill, FixtureFill targetFill, const QString& fileName,
                 QString* error);

    ScratchDatabase source;
    ScratchDatabase target;
    QTemporaryDir folder;
    QString file; // the backup, once prepare() succeeded
};

// Every table's content as a digest that does not depend on row order or on any code of
// omupgrade: SELECT * through the Qt driver, each row's values hashed, the row hashes
// sorted and hashed again. Change-log tables are left out (a backup does not hold them)
// unless `everyTable`, which tests use to show a database was not touched at all.
QMap<QString, QByteArray> contentDigests(Engine engine, const QString& database,
                                         bool everyTable = false);
// The same on any server (a throwaway one).
QMap<QString, QByteArray> contentDigests(const ConnectionProfile& profile, bool everyTable);

// Runs each line of `file` on its own through the command-line client (psql or mariadb),
// as OpenMetadata's `metadata restore` runs each line on its own. Stops at the first line
// the client rejects and says which.
bool runEachLineWithClient(Engine engine, const QString& database, const QString& file,
                           QString* error, int* lines = nullptr);

// Names of the files in a folder (no . and ..), sorted.
QStringList filesIn(const QString& folder);

// The backup files (name ending .sql) and manifests saying "complete": true in a folder:
// what must never be left by a backup that did not finish.
QStringList completeLookingFiles(const QString& folder);

} // namespace omu::test
