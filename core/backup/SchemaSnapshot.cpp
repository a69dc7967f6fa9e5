#include "SchemaSnapshot.h"

#include "connection/QueryRows.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace omu {

namespace {

Error catalogError(const SqlFailure& failure, const QString& what, const QString& container)
{
    return makeError(QStringLiteral("reading the schema failed (%1): %2").arg(what, failure.text),
                     container,
                     QStringLiteral("The account must be able to read the catalog "
                                    "(information_schema / pg_catalog) and every table."));
}

// NULL and the empty string are different values; the description keeps them apart.
QString shown(const QString& value)
{
    return value.isNull() ? QStringLiteral("<null>") : value;
}

// A boolean as the driver spells it ("t" as text, "true" when typed).
bool isTrue(const QString& value)
{
    return value == QLatin1String("t") || value == QLatin1String("true");
}

QString tableKey(const QString& name)
{
    return QStringLiteral("table ") + name;
}

// ---- MySQL and MariaDB ----------------------------------------------------------------

Result<SchemaSnapshot> readMySql(DatabaseSession& session, const QString& database)
{
    SchemaSnapshot snapshot;
    snapshot.engine = QStringLiteral("mysql");
    snapshot.container = database;
    auto fail = [&](const SqlFailure& failure, const char* what) {
        return catalogError(failure, QLatin1String(what), database);
    };

    auto defaults = queryRows(session,
                              QStringLiteral("SELECT DEFAULT_CHARACTER_SET_NAME, "
                                             "DEFAULT_COLLATION_NAME FROM information_schema."
                                             "SCHEMATA WHERE SCHEMA_NAME = ?"),
                              {database});
    if (!defaults)
        return fail(defaults.error(), "database");
    if (defaults.value().isEmpty())
        return makeError(QStringLiteral("the database does not exist"), database);
    snapshot.characterSet = defaults.value().first().value(0);
    snapshot.collation = defaults.value().first().value(1);
    snapshot.objects.insert(QStringLiteral("database"),
                            {QStringLiteral("character set ") + snapshot.characterSet,
                             QStringLiteral("collation ") + snapshot.collation});

    auto tables = queryRows(session,
                            QStringLiteral("SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, "
                                           "CREATE_OPTIONS, TABLE_COMMENT FROM "
                                           "information_schema.TABLES WHERE TABLE_SCHEMA = ? AND "
                                           "TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"),
                            {database});
    if (!tables)
        return fail(tables.error(), "tables");
    QStringList names;
    for (const QStringList& row : tables.value()) {
        names << row.value(0);
        snapshot.objects[tableKey(row.value(0))]
            << QStringLiteral("engine %1, collation %2, options %3, comment %4")
                   .arg(shown(row.value(1)), shown(row.value(2)), shown(row.value(3)),
                        shown(row.value(4)));
    }

    auto columns = queryRows(
        session,
        QStringLiteral("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, "
                       "EXTRA, GENERATION_EXPRESSION, CHARACTER_SET_NAME, COLLATION_NAME, "
                       "COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
                       "ORDER BY TABLE_NAME, ORDINAL_POSITION"),
        {database});
    if (!columns)
        return fail(columns.error(), "columns");
    for (const QStringList& row : columns.value())
        if (snapshot.objects.contains(tableKey(row.value(0))))
            snapshot.objects[tableKey(row.value(0))]
                << QStringLiteral("column %1 %2 null=%3 default=%4 extra=%5 generated=%6 "
                                  "charset=%7 collation=%8 comment=%9")
                       .arg(row.value(1), row.value(2), row.value(3), shown(row.value(4)),
                            shown(row.value(5)), shown(row.value(6)), shown(row.value(7)),
                            shown(row.value(8)), shown(row.value(9)));

    auto indexes = queryRows(session,
                             QStringLiteral("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, "
                                            "SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, INDEX_TYPE FROM "
                                            "information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                                            "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"),
                             {database});
    if (!indexes)
        return fail(indexes.error(), "indexes");
    for (const QStringList& row : indexes.value())
        if (snapshot.objects.contains(tableKey(row.value(0))))
            snapshot.objects[tableKey(row.value(0))]
                << QStringLiteral("index %1 non-unique=%2 part %3 %4 prefix=%5 type=%6")
                       .arg(row.value(1), row.value(2), row.value(3), shown(row.value(4)),
                            shown(row.value(5)), row.value(6));

    auto constraints = queryRows(
        session,
        QStringLiteral("SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, t.CONSTRAINT_TYPE, "
                       "r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE FROM "
                       "information_schema.TABLE_CONSTRAINTS t LEFT JOIN "
                       "information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = "
                       "t.CONSTRAINT_SCHEMA AND r.TABLE_NAME = t.TABLE_NAME AND "
                       "r.CONSTRAINT_NAME = t.CONSTRAINT_NAME WHERE t.TABLE_SCHEMA = ? ORDER BY "
                       "t.TABLE_NAME, t.CONSTRAINT_TYPE, t.CONSTRAINT_NAME"),
        {database});
    if (!constraints)
        return fail(constraints.error(), "constraints");
    for (const QStringList& row : constraints.value())
        if (snapshot.objects.contains(tableKey(row.value(0))))
            snapshot.objects[tableKey(row.value(0))]
                << QStringLiteral("constraint %1 %2 references=%3 update=%4 delete=%5")
                       .arg(row.value(1), row.value(2), shown(row.value(3)), shown(row.value(4)),
                            shown(row.value(5)));

    // The server's own statement for each table: what rebuilds it, and (with its
    // AUTO_INCREMENT counter) part of the description.
    for (const QString& name : std::as_const(names)) {
        auto create = queryRows(
            session, QStringLiteral("SHOW CREATE TABLE %1.%2")
                         .arg(session.quoteIdentifier(database), session.quoteIdentifier(name)));
        if (!create)
            return fail(create.error(), "SHOW CREATE TABLE");
        const QString statement = create.value().value(0).value(1);
        if (statement.isEmpty())
            return makeError(QStringLiteral("SHOW CREATE TABLE returned nothing for %1").arg(name),
                             database);
        snapshot.createStatements << statement;
        snapshot.objects[tableKey(name)] << QStringLiteral("create ") + statement;
        // Loading the rows starts with TRUNCATE, which resets the counter: set it again
        // after, so the next insert gets the id it would have got.
        static const QRegularExpression counter(QStringLiteral(R"(\sAUTO_INCREMENT=(\d+))"));
        const QString options = statement.mid(statement.lastIndexOf(QLatin1Char('\n')) + 1);
        if (const auto match = counter.match(options); match.hasMatch())
            snapshot.finishStatements << QStringLiteral("ALTER TABLE %1 AUTO_INCREMENT = %2")
                                             .arg(session.quoteIdentifier(name), match.captured(1));
    }
    return snapshot;
}

// ---- PostgreSQL -----------------------------------------------------------------------

QString literal(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

struct PgColumn
{
    QString table, name, quotedName, type, defaultExpression, generated, identity, collation;
    bool notNull = false;
    bool nonDefaultCollation = false;
};

struct PgSequence
{
    QString name, quotedName, type, start, increment, minimum, maximum, cache;
    bool cycle = false;
    QString ownerTable, ownerColumn; // quoted
    QString ownerKind;               // "a" OWNED BY (serial), "i" identity, "" none
    QString lastValue;
    bool isCalled = false;
};

Result<SchemaSnapshot> readPostgres(DatabaseSession& session, const QString& schema)
{
    SchemaSnapshot snapshot;
    snapshot.engine = QStringLiteral("postgres");
    snapshot.container = schema;
    auto fail = [&](const SqlFailure& failure, const char* what) {
        return catalogError(failure, QLatin1String(what), schema);
    };

    auto extensions = queryRows(session, QStringLiteral("SELECT e.extname, e.extversion, "
                                                        "n.nspname FROM pg_extension e JOIN "
                                                        "pg_namespace n ON n.oid = "
                                                        "e.extnamespace ORDER BY e.extname"));
    if (!extensions)
        return fail(extensions.error(), "extensions");
    QStringList extensionStatements;
    for (const QStringList& row : extensions.value()) {
        const QString& name = row.value(0);
        const QString& where = row.value(2);
        snapshot.objects.insert(
            QStringLiteral("extension ") + name,
            {QStringLiteral("version %1 in schema %2").arg(row.value(1), where)});
        if (name == QLatin1String("plpgsql"))
            continue;
        if (where == schema) {
            snapshot.containerExtensions << name;
            continue;
        }
        if (where != QLatin1String("pg_catalog") && !snapshot.searchPath.contains(where))
            snapshot.searchPath << where;
        extensionStatements
            << QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(session.quoteIdentifier(where))
            << QStringLiteral("CREATE EXTENSION IF NOT EXISTS %1 SCHEMA %2")
                   .arg(session.quoteIdentifier(name), session.quoteIdentifier(where));
    }

    // Names come out unqualified when they are on the search path: the container's own
    // objects then read the same in the original and in a rebuilt copy.
    auto previous = queryValue(session, QStringLiteral("SELECT current_setting('search_path')"));
    if (!previous)
        return fail(previous.error(), "search path");
    QStringList path{session.quoteIdentifier(schema)};
    for (const QString& other : std::as_const(snapshot.searchPath))
        path << session.quoteIdentifier(other);
    path << QStringLiteral("pg_catalog");
    if (auto set = queryRows(session, QStringLiteral("SELECT set_config('search_path', ?, true)"),
                             {path.join(QStringLiteral(", "))});
        !set)
        return fail(set.error(), "search path");
    struct RestorePath
    {
        DatabaseSession& session;
        QString value;
        ~RestorePath()
        {
            static_cast<void>(queryRows(
                session, QStringLiteral("SELECT set_config('search_path', ?, true)"), {value}));
        }
    } restorePath{session, previous.value()};

    auto tables = queryRows(
        session,
        QStringLiteral("SELECT c.relname, quote_ident(c.relname), c.relpersistence, "
                       "COALESCE(array_to_string(c.reloptions, ', '), ''), c.relkind FROM "
                       "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname "
                       "= ? AND c.relkind IN ('r', 'p') ORDER BY c.relname"),
        {schema});
    if (!tables)
        return fail(tables.error(), "tables");
    QStringList names;
    QMap<QString, QString> quotedTable;
    QMap<QString, QString> tableOptions;
    for (const QStringList& row : tables.value()) {
        if (row.value(4) == QLatin1String("p"))
            return makeError(QStringLiteral("the table %1 is partitioned, which a rollback does "
                                            "not rebuild")
                                 .arg(row.value(0)),
                             schema,
                             QStringLiteral("Use pg_dump for this database; OpenMetadata's own "
                                            "schema has no partitioned tables."));
        names << row.value(0);
        quotedTable.insert(row.value(0), row.value(1));
        tableOptions.insert(
            row.value(0),
            (row.value(2) == QLatin1String("u") ? QStringLiteral("UNLOGGED ") : QString()) +
                QLatin1Char('|') + row.value(3));
        snapshot.objects[tableKey(row.value(0))]
            << QStringLiteral("persistence %1, options %2").arg(row.value(2), row.value(3));
    }

    auto columnRows = queryRows(
        session,
        QStringLiteral(
            "SELECT c.relname, a.attname, quote_ident(a.attname), format_type(a.atttypid, "
            "a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attgenerated, "
            "a.attidentity, CASE WHEN a.attcollation = 0 THEN NULL ELSE (SELECT "
            "quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
            "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) "
            "END, a.attcollation <> t.typcollation FROM pg_attribute a JOIN pg_class c ON c.oid "
            "= a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid "
            "= a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = "
            "a.attnum WHERE n.nspname = ? AND c.relkind = 'r' AND a.attnum > 0 AND NOT "
            "a.attisdropped ORDER BY c.relname, a.attnum"),
        {schema});
    if (!columnRows)
        return fail(columnRows.error(), "columns");
    QList<PgColumn> columns;
    for (const QStringList& row : columnRows.value()) {
        PgColumn column;
        column.table = row.value(0);
        column.name = row.value(1);
        column.quotedName = row.value(2);
        column.type = row.value(3);
        column.notNull = isTrue(row.value(4));
        column.defaultExpression = row.value(5);
        column.generated = row.value(6);
        column.identity = row.value(7);
        column.collation = row.value(8);
        column.nonDefaultCollation = isTrue(row.value(9));
        columns << column;
        snapshot.objects[tableKey(column.table)]
            << QStringLiteral("column %1 %2 notnull=%3 default=%4 generated=%5 identity=%6 "
                              "collation=%7")
                   .arg(column.name, column.type, row.value(4), shown(column.defaultExpression),
                        column.generated, column.identity, shown(column.collation));
    }

    auto sequenceRows = queryRows(
        session,
        QStringLiteral(
            "SELECT c.relname, quote_ident(c.relname), format_type(s.seqtypid, NULL), "
            "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
            "quote_ident(tc.relname), quote_ident(ta.attname), d.deptype FROM pg_sequence s JOIN "
            "pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT "
            "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND "
            "d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LEFT JOIN pg_class "
            "tc ON tc.oid = d.refobjid LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND "
            "ta.attnum = d.refobjsubid WHERE n.nspname = ? ORDER BY c.relname"),
        {schema});
    if (!sequenceRows)
        return fail(sequenceRows.error(), "sequences");
    QList<PgSequence> sequences;
    for (const QStringList& row : sequenceRows.value()) {
        PgSequence sequence;
        sequence.name = row.value(0);
        sequence.quotedName = row.value(1);
        sequence.type = row.value(2);
        sequence.start = row.value(3);
        sequence.increment = row.value(4);
        sequence.minimum = row.value(5);
        sequence.maximum = row.value(6);
        sequence.cache = row.value(7);
        sequence.cycle = isTrue(row.value(8));
        sequence.ownerTable = row.value(9);
        sequence.ownerColumn = row.value(10);
        sequence.ownerKind = row.value(11);
        // A sequence's value is not transactional: this is its value now, which with the
        // server stopped is its value at the snapshot.
        auto value =
            queryRows(session, QStringLiteral("SELECT last_value, is_called FROM %1.%2")
                                   .arg(session.quoteIdentifier(schema), sequence.quotedName));
        if (!value)
            return fail(value.error(), "sequence values");
        sequence.lastValue = value.value().value(0).value(0);
        sequence.isCalled = isTrue(value.value().value(0).value(1));
        sequences << sequence;
        snapshot.objects.insert(
            QStringLiteral("sequence ") + sequence.name,
            {QStringLiteral("%1 start %2 increment %3 min %4 max %5 cache %6 cycle %7")
                 .arg(sequence.type, sequence.start, sequence.increment, sequence.minimum,
                      sequence.maximum, sequence.cache, row.value(8)),
             QStringLiteral("value %1 called %2")
                 .arg(sequence.lastValue,
                      sequence.isCalled ? QStringLiteral("true") : QStringLiteral("false")),
             QStringLiteral("owned by %1.%2 (%3)")
                 .arg(shown(sequence.ownerTable), shown(sequence.ownerColumn),
                      shown(sequence.ownerKind))});
    }

    auto constraints = queryRows(
        session,
        QStringLiteral("SELECT c.relname, quote_ident(k.conname), k.contype, "
                       "pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid "
                       "= k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                       "n.nspname = ? AND k.contype IN ('p', 'u', 'c', 'f', 'x') ORDER BY "
                       "c.relname, k.contype, k.conname"),
        {schema});
    if (!constraints)
        return fail(constraints.error(), "constraints");
    QStringList keyStatements;
    QStringList foreignKeyStatements;
    for (const QStringList& row : constraints.value()) {
        snapshot.objects[tableKey(row.value(0))]
            << QStringLiteral("constraint %1 %2 %3").arg(row.value(1), row.value(2), row.value(3));
        const QString statement =
            QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3")
                .arg(quotedTable.value(row.value(0)), row.value(1), row.value(3));
        (row.value(2) == QLatin1String("f") ? foreignKeyStatements : keyStatements) << statement;
    }

    // Indexes of their own (those behind a key come with the key). The definition names
    // the table with its schema; the rebuilt copy must get its own.
    auto indexes = queryRows(
        session,
        QStringLiteral(
            "SELECT c.relname, ic.relname, replace(replace(pg_get_indexdef(i.indexrelid), ' ON "
            "ONLY ' || quote_ident(n.nspname) || '.', ' ON ONLY '), ' ON ' || "
            "quote_ident(n.nspname) || '.', ' ON ') FROM pg_index i JOIN pg_class c ON c.oid = "
            "i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class ic ON ic.oid "
            "= i.indexrelid WHERE n.nspname = ? AND c.relkind = 'r' AND NOT EXISTS (SELECT 1 "
            "FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid "
            "AND k.contype IN ('p', 'u', 'x')) ORDER BY c.relname, ic.relname"),
        {schema});
    if (!indexes)
        return fail(indexes.error(), "indexes");
    QStringList indexStatements;
    for (const QStringList& row : indexes.value()) {
        snapshot.objects[tableKey(row.value(0))]
            << QStringLiteral("index %1 %2").arg(row.value(1), row.value(2));
        indexStatements << row.value(2);
    }

    // The statements that rebuild it, in an order that works on an empty container.
    snapshot.createStatements << extensionStatements;
    for (const PgSequence& sequence : std::as_const(sequences)) {
        if (sequence.ownerKind == QLatin1String("i"))
            continue; // made by its identity column
        snapshot.createStatements
            << QStringLiteral("CREATE SEQUENCE %1 AS %2 INCREMENT BY %3 MINVALUE %4 MAXVALUE %5 "
                              "START WITH %6 CACHE %7 %8")
                   .arg(sequence.quotedName, sequence.type, sequence.increment, sequence.minimum,
                        sequence.maximum, sequence.start, sequence.cache,
                        sequence.cycle ? QStringLiteral("CYCLE") : QStringLiteral("NO CYCLE"));
    }
    QStringList identityAlways;
    for (const QString& table : std::as_const(names)) {
        QStringList definitions;
        for (const PgColumn& column : std::as_const(columns)) {
            if (column.table != table)
                continue;
            QString definition = column.quotedName + QLatin1Char(' ') + column.type;
            if (column.nonDefaultCollation && !column.collation.isEmpty())
                definition += QStringLiteral(" COLLATE ") + column.collation;
            if (column.generated == QLatin1String("s"))
                definition += QStringLiteral(" GENERATED ALWAYS AS (%1) STORED")
                                  .arg(column.defaultExpression);
            else if (!column.defaultExpression.isNull())
                definition += QStringLiteral(" DEFAULT ") + column.defaultExpression;
            if (!column.identity.isEmpty()) {
                // Loaded with the backup's values, so ALWAYS is set after the rows.
                QString options;
                for (const PgSequence& sequence : std::as_const(sequences))
                    if (sequence.ownerKind == QLatin1String("i") &&
                        sequence.ownerTable == quotedTable.value(table) &&
                        sequence.ownerColumn == column.quotedName)
                        options =
                            QStringLiteral(" (SEQUENCE NAME %1 INCREMENT BY %2 MINVALUE %3 "
                                           "MAXVALUE %4 START WITH %5 CACHE %6 %7)")
                                .arg(sequence.quotedName, sequence.increment, sequence.minimum,
                                     sequence.maximum, sequence.start, sequence.cache,
                                     sequence.cycle ? QStringLiteral("CYCLE")
                                                    : QStringLiteral("NO CYCLE"));
                definition += QStringLiteral(" GENERATED BY DEFAULT AS IDENTITY") + options;
                if (column.identity == QLatin1String("a"))
                    identityAlways << QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 SET "
                                                     "GENERATED ALWAYS")
                                          .arg(quotedTable.value(table), column.quotedName);
            }
            if (column.notNull)
                definition += QStringLiteral(" NOT NULL");
            definitions << definition;
        }
        const QStringList options = tableOptions.value(table).split(QLatin1Char('|'));
        snapshot.createStatements
            << QStringLiteral("CREATE %1TABLE %2 (%3)%4")
                   .arg(options.value(0), quotedTable.value(table),
                        definitions.join(QStringLiteral(", ")),
                        options.value(1).isEmpty()
                            ? QString()
                            : QStringLiteral(" WITH (%1)").arg(options.value(1)));
    }
    snapshot.finishStatements << keyStatements << indexStatements << foreignKeyStatements
                              << identityAlways;
    for (const PgSequence& sequence : std::as_const(sequences)) {
        if (sequence.ownerKind == QLatin1String("a"))
            snapshot.finishStatements
                << QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2.%3")
                       .arg(sequence.quotedName, sequence.ownerTable, sequence.ownerColumn);
        snapshot.finishStatements << QStringLiteral("SELECT pg_catalog.setval(%1, %2, %3)")
                                         .arg(literal(sequence.quotedName), sequence.lastValue,
                                              sequence.isCalled ? QStringLiteral("true")
                                                                : QStringLiteral("false"));
    }
    return snapshot;
}

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QStringList fromArray(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list << item.toString();
    return list;
}

} // namespace

Result<SchemaSnapshot> SchemaSnapshot::read(DatabaseSession& session, const QString& container)
{
    return session.engine() == Engine::MySql ? readMySql(session, container)
                                             : readPostgres(session, container);
}

QStringList SchemaSnapshot::tableNames() const
{
    QStringList names;
    for (auto it = objects.cbegin(); it != objects.cend(); ++it)
        if (it.key().startsWith(QLatin1String("table ")))
            names << it.key().mid(6);
    return names;
}

QStringList SchemaSnapshot::differences(const SchemaSnapshot& other, int limit) const
{
    QStringList found;
    auto add = [&](const QString& line) {
        if (found.size() < limit)
            found << line;
    };
    for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
        const auto theirs = other.objects.constFind(it.key());
        if (theirs == other.objects.constEnd()) {
            add(QStringLiteral("%1 is missing").arg(it.key()));
            continue;
        }
        const QStringList& mine = it.value();
        for (qsizetype i = 0; i < std::max(mine.size(), theirs->size()); ++i)
            if (mine.value(i) != theirs->value(i)) {
                // Where the two lines part, with a little context.
                const QString& a = mine.value(i);
                const QString& b = theirs->value(i);
                qsizetype at = 0;
                while (at < a.size() && at < b.size() && a.at(at) == b.at(at))
                    ++at;
                const qsizetype from = std::max<qsizetype>(0, at - 60);
                add(QStringLiteral("%1: expected \"%2\", found \"%3\"")
                        .arg(it.key(), a.mid(from, 160), b.mid(from, 160)));
                break;
            }
    }
    for (auto it = other.objects.cbegin(); it != other.objects.cend(); ++it)
        if (!objects.contains(it.key()))
            add(QStringLiteral("%1 is not in the backup").arg(it.key()));
    return found;
}

QByteArray SchemaSnapshot::toJson() const
{
    QJsonObject described;
    for (auto it = objects.cbegin(); it != objects.cend(); ++it)
        described.insert(it.key(), toArray(it.value()));
    const QJsonObject object{
        {QStringLiteral("format"), QLatin1String(formatName)},
        {QStringLiteral("formatVersion"), currentFormatVersion},
        {QStringLiteral("engine"), engine},
        {QStringLiteral("container"), container},
        {QStringLiteral("characterSet"), characterSet},
        {QStringLiteral("collation"), collation},
        {QStringLiteral("searchPath"), toArray(searchPath)},
        {QStringLiteral("containerExtensions"), toArray(containerExtensions)},
        {QStringLiteral("databaseBytes"), databaseBytes},
        {QStringLiteral("objects"), described},
        {QStringLiteral("create"), toArray(createStatements)},
        {QStringLiteral("finish"), toArray(finishStatements)},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<SchemaSnapshot> SchemaSnapshot::fromJson(const QByteArray& json, const QString& where)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(QStringLiteral("the schema file is not valid JSON (%1 at byte %2)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset),
                         where, QStringLiteral("It was damaged; take a new backup."));
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("format")).toString() != QLatin1String(formatName))
        return makeError(QStringLiteral("this is not an omupgrade schema file"), where);
    if (object.value(QStringLiteral("formatVersion")).toInt() > currentFormatVersion)
        return makeError(QStringLiteral("the schema file is of a newer format"), where,
                         QStringLiteral("Use a newer omupgrade."));
    SchemaSnapshot snapshot;
    snapshot.engine = object.value(QStringLiteral("engine")).toString();
    snapshot.container = object.value(QStringLiteral("container")).toString();
    snapshot.characterSet = object.value(QStringLiteral("characterSet")).toString();
    snapshot.collation = object.value(QStringLiteral("collation")).toString();
    snapshot.searchPath = fromArray(object.value(QStringLiteral("searchPath")));
    snapshot.containerExtensions = fromArray(object.value(QStringLiteral("containerExtensions")));
    snapshot.databaseBytes = qint64(object.value(QStringLiteral("databaseBytes")).toDouble());
    const QJsonObject described = object.value(QStringLiteral("objects")).toObject();
    for (auto it = described.begin(); it != described.end(); ++it)
        snapshot.objects.insert(it.key(), fromArray(it.value()));
    snapshot.createStatements = fromArray(object.value(QStringLiteral("create")));
    snapshot.finishStatements = fromArray(object.value(QStringLiteral("finish")));
    return snapshot;
}

Result<SchemaSnapshot> SchemaSnapshot::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the schema file: %1").arg(file.errorString()),
                         path,
                         QStringLiteral("It is written beside the backup; keep the two "
                                        "together."));
    return fromJson(file.readAll(), path);
}

} // namespace omu
