#include "DatabaseRowsDetector.h"

#include "connection/DatabaseSession.h"
#include "connection/QueryRows.h"
#include "DatabaseFacts.h"
#include "SpecReader.h"

#include <QRegularExpression>

namespace omu {

namespace {

// Every table a query names with {table:name}.
QStringList namedTables(const QString& sql)
{
    static const QRegularExpression named(QStringLiteral("\\{table:([A-Za-z0-9_]+)\\}"));
    QStringList names;
    auto it = named.globalMatch(sql);
    while (it.hasNext())
        names << it.next().captured(1);
    return names;
}

// The query for one table, its table names quoted for the engine.
QString bound(DatabaseSession& session, QString sql, const QString& table)
{
    for (const QString& other : namedTables(sql))
        sql.replace(QStringLiteral("{table:%1}").arg(other),
                    DatabaseFacts::tableName(session, other));
    return sql.replace(QStringLiteral("{table}"), DatabaseFacts::tableName(session, table));
}

// Runs the statements in a read-only transaction that is always rolled back.
class ReadOnlyTransaction
{
public:
    explicit ReadOnlyTransaction(DatabaseSession& session) : m_session(session)
    {
        const bool postgres = session.engine() == Engine::Postgres;
        m_open = queryRows(session, postgres ? QStringLiteral("BEGIN READ ONLY")
                                             : QStringLiteral("START TRANSACTION READ ONLY"))
                     .ok();
        if (m_open && postgres)
            static_cast<void>(
                queryRows(session, QStringLiteral("SET LOCAL statement_timeout = '60s'")));
    }
    ~ReadOnlyTransaction()
    {
        if (m_open)
            static_cast<void>(queryRows(m_session, QStringLiteral("ROLLBACK")));
    }
    ReadOnlyTransaction(const ReadOnlyTransaction&) = delete;
    ReadOnlyTransaction& operator=(const ReadOnlyTransaction&) = delete;

private:
    DatabaseSession& m_session;
    bool m_open = false;
};

} // namespace

Result<std::shared_ptr<Detector>> DatabaseRowsDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<DatabaseRowsDetector>();
    detector->m_tables = reader.stringList("tables", true);
    detector->m_mysql = reader.string("mysql", true);
    detector->m_postgres = reader.string("postgres", true);
    const QStringList what = reader.stringList("what", true);
    if (what.size() != 2)
        reader.fail(QStringLiteral("\"what\" must be [singular, plural]"));
    else {
        detector->m_singular = what.at(0);
        detector->m_plural = what.at(1);
    }
    detector->m_message = reader.string("message", true);
    detector->m_showTable = reader.boolean("showTable", false);
    for (const QString& sql : {detector->m_mysql, detector->m_postgres})
        if (!sql.isEmpty() && !sql.contains(QLatin1String("{table}")))
            reader.fail(QStringLiteral("each query must name its table as {table}"));
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings DatabaseRowsDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    DatabaseSession& session = *context.database;
    const auto existing = DatabaseFacts::existingTables(session);
    if (!existing) {
        result.notChecked = existing.error().message;
        return result;
    }
    const QString sql = session.engine() == Engine::Postgres ? m_postgres : m_mysql;
    QStringList rows;
    QStringList failures;
    bool looked = false;
    {
        ReadOnlyTransaction transaction(session);
        for (const QString& table : m_tables) {
            bool complete = existing.value().contains(table);
            for (const QString& other : namedTables(sql))
                complete = complete && existing.value().contains(other);
            if (!complete)
                continue; // the release running now has no such table: nothing to find there
            looked = true;
            const auto found = queryRows(session, bound(session, sql, table));
            if (!found) {
                failures << QStringLiteral("%1: %2").arg(table, found.error().text);
                continue;
            }
            for (const QStringList& row : found.value())
                rows << (m_showTable ? QStringLiteral("%1 (%2)").arg(row.value(0), table)
                                     : row.value(0));
        }
    }
    if (!failures.isEmpty()) {
        result.notChecked =
            QStringLiteral("the query failed on %1").arg(failures.join(QStringLiteral("; ")));
        return result;
    }
    if (!looked) {
        result.notChecked =
            QStringLiteral("%1 has none of the tables %2")
                .arg(session.profile().displayName(), m_tables.join(QStringLiteral(", ")));
        return result;
    }
    if (rows.isEmpty())
        return result;
    QStringList shown = rows.mid(0, namesShown);
    for (QString& name : shown) {
        // Control characters are what some of these rows are about; show them, safely.
        QString visible;
        for (const QChar c : std::as_const(name))
            visible += c.category() == QChar::Other_Control
                           ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                           : QString(c);
        name = QStringLiteral("\"%1\"").arg(visible);
    }
    QString names = shown.join(QStringLiteral(", "));
    if (rows.size() > namesShown)
        names += QStringLiteral(" and %1 more").arg(rows.size() - namesShown);
    result.hits.append(DetectorHit{{},
                                   0,
                                   0,
                                   QStringLiteral("%1 %2 in %3 %4: %5")
                                       .arg(rows.size())
                                       .arg(rows.size() == 1 ? m_singular : m_plural,
                                            session.profile().displayName(), m_message, names),
                                   {}});
    return result;
}

} // namespace omu
