#include "BackupCatalog.h"

#include "connection/QueryRows.h"

#include "common/Version.h"
#include "TableReader.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <algorithm>

namespace omu {

namespace {

Error queryError(const QSqlQuery& query, const QString& what)
{
    return makeError(QStringLiteral("reading the catalog failed (%1): %2")
                         .arg(what, query.lastError().text().trimmed()),
                     QString(),
                     QStringLiteral("Check that the account may read the catalog "
                                    "(information_schema / pg_catalog) and try again."));
}

bool run(QSqlQuery& query, const QString& sql, const QVariantList& bindings)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant& value : bindings)
        query.addBindValue(value);
    return query.exec();
}

bool isPlainIdentifier(const QString& name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_$]*$"));
    return plain.match(name).hasMatch();
}

// MySQL and MariaDB have no catalog of reserved words that both share, so ask the server:
// a name that works unquoted as a column reference needs no quotes.
class MySqlIdentifiers
{
public:
    explicit MySqlIdentifiers(DatabaseSession& session) : m_session(session) {}

    QString sqlName(const QString& name)
    {
        auto found = m_cache.constFind(name);
        if (found != m_cache.constEnd())
            return *found;
        QString result = m_session.quoteIdentifier(name);
        if (isPlainIdentifier(name)) {
            QSqlQuery probe(m_session.database());
            if (probe.exec(QStringLiteral("SELECT %1 FROM (SELECT 1 AS %2) AS omu_probe")
                               .arg(name, m_session.quoteIdentifier(name))))
                result = name;
        }
        m_cache.insert(name, result);
        return result;
    }

private:
    DatabaseSession& m_session;
    QHash<QString, QString> m_cache;
};

BackupColumn::Kind mySqlKind(const QString& dataType)
{
    static const QStringList numbers{
        QStringLiteral("tinyint"), QStringLiteral("smallint"), QStringLiteral("mediumint"),
        QStringLiteral("int"),     QStringLiteral("integer"),  QStringLiteral("bigint"),
        QStringLiteral("decimal"), QStringLiteral("numeric"),  QStringLiteral("float"),
        QStringLiteral("double"),  QStringLiteral("real")};
    static const QStringList temporal{QStringLiteral("date"), QStringLiteral("datetime"),
                                      QStringLiteral("timestamp"), QStringLiteral("time"),
                                      QStringLiteral("year")};
    static const QStringList binary{
        QStringLiteral("binary"),   QStringLiteral("varbinary"),  QStringLiteral("tinyblob"),
        QStringLiteral("blob"),     QStringLiteral("mediumblob"), QStringLiteral("longblob"),
        QStringLiteral("geometry"), QStringLiteral("point"),      QStringLiteral("linestring"),
        QStringLiteral("polygon"),  QStringLiteral("bit")};
    const QString type = dataType.toLower();
    if (numbers.contains(type))
        return BackupColumn::Kind::Number;
    if (temporal.contains(type))
        return BackupColumn::Kind::Temporal;
    if (binary.contains(type))
        return BackupColumn::Kind::Binary;
    return BackupColumn::Kind::Text;
}

bool isHashColumn(const QString& name)
{
    return name.compare(QLatin1String("fqnHash"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("nameHash"), Qt::CaseInsensitive) == 0;
}

// Decides the line style and the dumped columns from generated-ness alone.
void classify(BackupTable& table)
{
    bool anyGenerated = false;
    bool anyInvisible = false;
    table.dumpColumns.clear();
    for (int i = 0; i < table.columns.size(); ++i) {
        const BackupColumn& column = table.columns.at(i);
        anyGenerated = anyGenerated || column.generated;
        anyInvisible = anyInvisible || column.invisible;
        if (!column.generated)
            table.dumpColumns << i;
    }
    if (!anyGenerated && !anyInvisible) {
        table.style = BackupTable::Style::CopiedWhole;
        return;
    }
    const QStringList names = table.dumpColumnNames();
    const bool entity = anyGenerated && !names.isEmpty() &&
                        names.first().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0 &&
                        (names.size() == 1 || (names.size() == 2 && isHashColumn(names.at(1))));
    table.style = entity ? BackupTable::Style::Entity : BackupTable::Style::Columns;
}

struct KeyCandidate
{
    QString index;
    bool primary = false;
    QStringList columns;
    bool usable = true;
};

// The primary key, else the unique key with no nullable column, else the one with the
// fewest; shorter keys first, then by name so the choice is stable.
void chooseKey(BackupTable& table, const QList<KeyCandidate>& candidates)
{
    const KeyCandidate* best = nullptr;
    int bestNullable = 0;
    auto indexOf = [&](const QString& column) {
        for (int i = 0; i < table.columns.size(); ++i)
            if (table.columns.at(i).name == column)
                return i;
        return -1;
    };
    for (const KeyCandidate& candidate : candidates) {
        if (!candidate.usable || candidate.columns.isEmpty())
            continue;
        int nullable = 0;
        bool known = true;
        for (const QString& column : candidate.columns) {
            const int index = indexOf(column);
            if (index < 0) {
                known = false;
                break;
            }
            nullable += table.columns.at(index).nullable ? 1 : 0;
        }
        if (!known)
            continue;
        auto better = [&] {
            if (!best)
                return true;
            if (candidate.primary != best->primary)
                return candidate.primary;
            if ((nullable == 0) != (bestNullable == 0))
                return nullable == 0;
            if (nullable != bestNullable)
                return nullable < bestNullable;
            if (candidate.columns.size() != best->columns.size())
                return candidate.columns.size() < best->columns.size();
            return candidate.index < best->index;
        };
        if (better()) {
            best = &candidate;
            bestNullable = nullable;
        }
    }
    table.keyColumns.clear();
    if (!best) {
        // No key: order by every dumped column. Equal rows are then identical lines.
        table.keyColumns = table.dumpColumns;
        table.keyIsUnique = false;
        table.keyHasNullable = true;
        table.keyIndex.clear();
        return;
    }
    for (const QString& column : best->columns)
        table.keyColumns << indexOf(column);
    table.keyIndex = best->index;
    table.keyIsUnique = true;
    table.keyHasNullable = bestNullable > 0;
}

void finish(QList<BackupTable>& tables, BackupCatalog::Contents& contents)
{
    std::sort(tables.begin(), tables.end(), [](const BackupTable& a, const BackupTable& b) {
        return a.name.toUtf8() < b.name.toUtf8();
    });
    for (const BackupTable& table : tables) {
        contents.databaseBytes += table.totalBytes;
        if (BackupCatalog::isChangeLogTable(table.name)) {
            contents.skippedTables << table.name;
            contents.changeLogTables << table;
            if (table.name.compare(QLatin1String("SERVER_CHANGE_LOG"), Qt::CaseInsensitive) == 0)
                contents.changeLogSelectName = table.selectName;
            continue;
        }
        contents.tables << table;
    }
}

Result<BackupCatalog::Contents> readMySql(DatabaseSession& session, const QString& schema)
{
    MySqlIdentifiers identifiers(session);
    QSqlQuery query(session.database());
    QList<BackupTable> tables;
    QHash<QString, int> byName;

    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0), "
                            "COALESCE(INDEX_LENGTH, 0), COALESCE(AVG_ROW_LENGTH, 0) FROM "
                            "information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = "
                            "'BASE TABLE'"),
             {schema}))
        return queryError(query, QStringLiteral("tables"));
    while (query.next()) {
        BackupTable table;
        table.name = query.value(0).toString();
        table.estimatedRows = query.value(1).toLongLong();
        table.estimatedBytes = query.value(2).toLongLong();
        table.totalBytes = table.estimatedBytes + query.value(3).toLongLong();
        table.averageRowBytes = query.value(4).toLongLong();
        byName.insert(table.name, int(tables.size()));
        tables << table;
    }

    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, "
                            "COALESCE(EXTRA, ''), COALESCE(GENERATION_EXPRESSION, '') FROM "
                            "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY "
                            "TABLE_NAME, ORDINAL_POSITION"),
             {schema}))
        return queryError(query, QStringLiteral("columns"));
    while (query.next()) {
        const auto found = byName.constFind(query.value(0).toString());
        if (found == byName.constEnd())
            continue; // a view
        BackupColumn column;
        column.name = query.value(1).toString();
        column.kind = mySqlKind(query.value(2).toString());
        column.nullable = query.value(3).toString() == QLatin1String("YES");
        const QString extra = query.value(4).toString().toUpper();
        const bool defaultGenerated = extra.contains(QLatin1String("DEFAULT_GENERATED"));
        column.generated =
            !defaultGenerated &&
            (extra.contains(QLatin1String("VIRTUAL GENERATED")) ||
             extra.contains(QLatin1String("STORED GENERATED")) ||
             extra.contains(QLatin1String("PERSISTENT")) || !query.value(5).toString().isEmpty());
        column.invisible = extra.contains(QLatin1String("INVISIBLE"));
        tables[*found].columns << column;
    }
    query.finish();
    for (BackupTable& table : tables) {
        table.sqlName = identifiers.sqlName(table.name);
        table.selectName = session.quoteIdentifier(schema) + QLatin1Char('.') +
                           session.quoteIdentifier(table.name);
        for (BackupColumn& column : table.columns)
            column.sqlName = identifiers.sqlName(column.name);
        classify(table);
    }

    // SELECT *: MySQL 8 marks invisible indexes (IS_VISIBLE), MariaDB ignored ones
    // (IGNORED); FORCE INDEX cannot use either, and each server has only one of the columns.
    if (!run(query,
             QStringLiteral("SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                            "AND NON_UNIQUE = 0 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"),
             {schema}))
        return queryError(query, QStringLiteral("keys"));
    const QSqlRecord fields = query.record();
    const int tableField = fields.indexOf(QStringLiteral("TABLE_NAME"));
    const int indexField = fields.indexOf(QStringLiteral("INDEX_NAME"));
    const int columnField = fields.indexOf(QStringLiteral("COLUMN_NAME"));
    const int prefixField = fields.indexOf(QStringLiteral("SUB_PART"));
    const int visibleField = fields.indexOf(QStringLiteral("IS_VISIBLE"));
    const int ignoredField = fields.indexOf(QStringLiteral("IGNORED"));
    QHash<QString, QList<KeyCandidate>> candidates;
    while (query.next()) {
        const QString table = query.value(tableField).toString();
        const QString index = query.value(indexField).toString();
        QList<KeyCandidate>& list = candidates[table];
        if (list.isEmpty() || list.last().index != index) {
            KeyCandidate candidate;
            candidate.index = index;
            candidate.primary = index == QLatin1String("PRIMARY");
            list << candidate;
        }
        // A prefix or functional key part does not order the whole column.
        const bool hidden =
            (visibleField >= 0 && query.value(visibleField).toString() == QLatin1String("NO")) ||
            (ignoredField >= 0 && query.value(ignoredField).toString() == QLatin1String("YES"));
        if (query.isNull(columnField) || !query.isNull(prefixField) || hidden)
            list.last().usable = false;
        else
            list.last().columns << query.value(columnField).toString();
    }
    for (BackupTable& table : tables)
        chooseKey(table, candidates.value(table.name));

    BackupCatalog::Contents contents;
    finish(tables, contents);
    return contents;
}

Result<BackupCatalog::Contents> readPostgres(DatabaseSession& session, const QString& schema)
{
    QSqlQuery query(session.database());
    QList<BackupTable> tables;
    QHash<QString, int> byName;

    // Ordinary and partitioned tables; partitions are read through their parent.
    if (!run(query,
             QStringLiteral(
                 "SELECT c.relname, quote_ident(c.relname), quote_ident(n.nspname) || '.' || "
                 "quote_ident(c.relname), GREATEST(c.reltuples, -1)::bigint, pg_table_size(c.oid), "
                 "pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                 "c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT "
                 "c.relispartition"),
             {schema}))
        return queryError(query, QStringLiteral("tables"));
    while (query.next()) {
        BackupTable table;
        table.name = query.value(0).toString();
        table.sqlName = query.value(1).toString();
        table.selectName = query.value(2).toString();
        table.estimatedRows = query.value(3).toLongLong(); // -1: never analysed
        table.estimatedBytes = query.value(4).toLongLong();
        table.totalBytes = query.value(5).toLongLong();
        byName.insert(table.name, int(tables.size()));
        tables << table;
    }

    if (!run(query,
             QStringLiteral(
                 "SELECT c.relname, a.attname, quote_ident(a.attname), a.attgenerated <> '', "
                 "NOT a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN "
                 "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN "
                 "('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
                 "ORDER BY c.relname, a.attnum"),
             {schema}))
        return queryError(query, QStringLiteral("columns"));
    while (query.next()) {
        const auto found = byName.constFind(query.value(0).toString());
        if (found == byName.constEnd())
            continue;
        BackupColumn column;
        column.name = query.value(1).toString();
        column.sqlName = query.value(2).toString();
        column.generated = query.value(3).toBool();
        column.nullable = query.value(4).toBool();
        column.kind = BackupColumn::Kind::Text; // every value is read as ::text
        tables[*found].columns << column;
    }
    for (BackupTable& table : tables)
        classify(table);

    if (!run(query,
             QStringLiteral(
                 "SELECT c.relname, ic.relname, i.indisprimary, array_to_string(ARRAY(SELECT "
                 "a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) JOIN "
                 "pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE k.ord <= "
                 "i.indnkeyatts ORDER BY k.ord), chr(1)), i.indexprs IS NULL AND i.indpred IS NULL "
                 "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON "
                 "n.oid = c.relnamespace JOIN pg_class ic ON ic.oid = i.indexrelid WHERE "
                 "n.nspname = ? AND i.indisunique AND i.indisvalid ORDER BY c.relname, ic.relname"),
             {schema}))
        return queryError(query, QStringLiteral("keys"));
    QHash<QString, QList<KeyCandidate>> candidates;
    while (query.next()) {
        KeyCandidate candidate;
        candidate.index = query.value(1).toString();
        candidate.primary = query.value(2).toBool();
        candidate.columns = query.value(3).toString().split(QChar(1), Qt::SkipEmptyParts);
        candidate.usable = query.value(4).toBool();
        candidates[query.value(0).toString()] << candidate;
    }
    for (BackupTable& table : tables)
        chooseKey(table, candidates.value(table.name));

    BackupCatalog::Contents contents;
    finish(tables, contents);
    return contents;
}

} // namespace

Result<QStringList> BackupCatalog::tableNames(DatabaseSession& session, const QString& schema)
{
    const auto rows = queryRows(
        session,
        session.engine() == Engine::MySql
            ? QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA "
                             "= ? AND TABLE_TYPE = 'BASE TABLE'")
            : QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                             "c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p')"),
        {schema});
    if (!rows)
        return makeError(QStringLiteral("cannot list the tables: %1").arg(rows.error().text),
                         session.profile().displayName());
    QStringList names;
    for (const QStringList& row : rows.value())
        names << row.value(0);
    return names;
}

bool BackupCatalog::isChangeLogTable(const QString& name)
{
    for (const char* skipped :
         {"DATABASE_CHANGE_LOG", "SERVER_CHANGE_LOG", "SERVER_MIGRATION_SQL_LOGS"})
        if (name.compare(QLatin1String(skipped), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

Result<BackupCatalog::Contents> BackupCatalog::read(DatabaseSession& session, const QString& schema)
{
    auto contents = session.engine() == Engine::MySql ? readMySql(session, schema)
                                                      : readPostgres(session, schema);
    if (contents.ok() && contents.value().tables.isEmpty() &&
        contents.value().skippedTables.isEmpty())
        return makeError(QStringLiteral("there are no tables in %1").arg(schema),
                         session.profile().displayName(),
                         QStringLiteral("Check the database (and on PostgreSQL the schema) name."));
    return contents;
}

Status BackupCatalog::countSmallTables(DatabaseSession& session, QList<BackupTable>& tables,
                                       qint64 limitBytes)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    for (BackupTable& table : tables) {
        if (table.estimatedBytes > limitBytes && table.estimatedRows >= 0)
            continue;
        if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table.selectName)) ||
            !query.next())
            return TableReader::failure(table.name, query.lastError());
        table.estimatedRows = query.value(0).toLongLong();
        table.rowsExact = true;
        query.finish();
    }
    for (BackupTable& table : tables)
        table.estimatedRows = std::max<qint64>(0, table.estimatedRows);
    return {};
}

BackupCatalog::ServerIdentity BackupCatalog::server(DatabaseSession& session)
{
    static const QRegularExpression number(QStringLiteral(R"((\d+(?:\.\d+)+))"));
    ServerIdentity identity;
    QSqlQuery query(session.database());
    if (session.engine() == Engine::MySql) {
        if (query.exec(QStringLiteral("SELECT VERSION(), @@version_comment")) && query.next()) {
            const QString version = query.value(0).toString();
            const bool mariadb =
                version.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ||
                query.value(1).toString().contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
            identity.flavour = mariadb ? QStringLiteral("mariadb") : QStringLiteral("mysql");
            identity.version = number.match(version).captured(1);
        }
    } else if (query.exec(QStringLiteral("SHOW server_version")) && query.next()) {
        identity.flavour = QStringLiteral("postgresql");
        identity.version = number.match(query.value(0).toString()).captured(1);
    }
    return identity;
}

Result<QString> BackupCatalog::openMetadataVersion(DatabaseSession& session,
                                                   const Contents& contents)
{
    if (contents.changeLogSelectName.isEmpty())
        return QString();
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT version FROM %1").arg(contents.changeLogSelectName)))
        return makeError(QStringLiteral("reading SERVER_CHANGE_LOG failed: %1")
                             .arg(query.lastError().text().trimmed()),
                         session.profile().displayName());
    std::optional<Version> highest;
    while (query.next()) {
        const auto version = Version::parse(query.value(0).toString());
        if (version && (!highest || *highest < *version))
            highest = version;
    }
    return highest ? highest->toString() : QString();
}

Result<QString> BackupCatalog::openMetadataVersion(DatabaseSession& session, const QString& schema)
{
    QSqlQuery query(session.database());
    query.setForwardOnly(true);
    QString selectName;
    if (session.engine() == Engine::MySql) {
        if (!run(query,
                 QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                                "TABLE_SCHEMA = ? AND UPPER(TABLE_NAME) = 'SERVER_CHANGE_LOG'"),
                 {schema}))
            return queryError(query, QStringLiteral("tables"));
        if (query.next())
            selectName = session.quoteIdentifier(schema) + QLatin1Char('.') +
                         session.quoteIdentifier(query.value(0).toString());
    } else {
        if (!run(query,
                 QStringLiteral("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
                                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                "WHERE n.nspname = ? AND upper(c.relname) = 'SERVER_CHANGE_LOG' "
                                "AND c.relkind IN ('r', 'p')"),
                 {schema}))
            return queryError(query, QStringLiteral("tables"));
        if (query.next())
            selectName = query.value(0).toString();
    }
    Contents contents;
    contents.changeLogSelectName = selectName;
    return openMetadataVersion(session, contents);
}

} // namespace omu
