#pragma once

#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace omu {

// The schema of a MySQL database or a PostgreSQL schema as the server describes it, taken
// from the catalog (information_schema and SHOW CREATE TABLE; pg_catalog) so any release's
// schema works: every table's columns (types, generated expressions, defaults, identity,
// per-column character set and collation), keys, indexes and constraints, the table's
// engine, character set and collation; PostgreSQL sequences with their values and owners,
// the extensions in the database; MySQL's database default character set.
//
// Two uses: `objects` is the description, compared object by object to tell whether a
// rebuilt copy equals the original; `createStatements` and `finishStatements` rebuild it
// in an empty container (run with unqualified names reaching that container), the first
// before the rows are loaded, the second after (PostgreSQL keys, indexes, sequence values).
struct SchemaSnapshot
{
    static constexpr const char* formatName = "omupgrade-schema";
    static constexpr int currentFormatVersion = 1;

    QString engine;       // "mysql" or "postgres"
    QString container;    // the database (MySQL) or schema (PostgreSQL) it was read from
    QString characterSet; // MySQL: the database's defaults
    QString collation;
    // PostgreSQL: schemas (of extensions) whose names the statements use unqualified, to be
    // on the search path after the container when building and describing.
    QStringList searchPath;
    QStringList containerExtensions; // PostgreSQL extensions installed in the container itself
    qint64 databaseBytes = 0;        // data and indexes, as the catalog reported them
    QMap<QString, QStringList>
        objects; // "table NAME", "sequence NAME", "extension NAME", "database"
    QStringList createStatements;
    QStringList finishStatements;

    // Reads the container's schema. PostgreSQL: run it in the backup's transaction, so
    // the description matches the rows; it sets and restores the search path itself.
    static Result<SchemaSnapshot> read(DatabaseSession& session, const QString& container);

    // Where `other` differs, one line each (the object and the first differing line); empty
    // when they describe the same schema.
    QStringList differences(const SchemaSnapshot& other, int limit = 10) const;

    QStringList tableNames() const;

    QByteArray toJson() const;
    static Result<SchemaSnapshot> fromJson(const QByteArray& json, const QString& where);
    static Result<SchemaSnapshot> load(const QString& path);
};

} // namespace omu
