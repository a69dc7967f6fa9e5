#include "PostgresOwnership.h"

#include "connection/QueryRows.h"

#include <QHash>

namespace omu {

namespace {

const QString relationKinds = QStringLiteral("('r', 'p', 'S', 'v', 'm')");

Error sqlError(const SqlFailure& failure, const QString& what)
{
    return makeError(QStringLiteral("reading %1 failed: %2").arg(what, failure.text));
}

bool isTrue(const QString& value)
{
    return value == QLatin1String("t") || value == QLatin1String("true");
}

// One GRANT, for a privilege_type / grantee / is_grantable row of aclexplode().
QString grant(DatabaseSession& session, const QString& privilege, const QString& onWhat,
              const QString& grantee, bool grantable)
{
    return QStringLiteral("GRANT %1 ON %2 TO %3%4")
        .arg(privilege, onWhat,
             grantee.isEmpty() ? QStringLiteral("PUBLIC") : session.quoteIdentifier(grantee),
             grantable ? QStringLiteral(" WITH GRANT OPTION") : QString());
}

} // namespace

Result<QStringList> PostgresOwnership::carryOver(DatabaseSession& session, const QString& live,
                                                 const QString& scratch)
{
    const auto quote = [&](const QString& name) { return session.quoteIdentifier(name); };
    QStringList statements;

    // The schema: its owner, then its grants (but the owner's own).
    const auto schema = queryRows(
        session,
        QStringLiteral("SELECT pg_get_userbyid(n.nspowner), a.privilege_type, CASE WHEN "
                       "a.grantee = 0 THEN '' ELSE pg_get_userbyid(a.grantee) END, "
                       "a.is_grantable, a.grantee = n.nspowner, (SELECT "
                       "pg_get_userbyid(s.nspowner) FROM pg_namespace s WHERE s.nspname = ?) "
                       "FROM pg_namespace n LEFT JOIN LATERAL aclexplode(n.nspacl) a ON true "
                       "WHERE n.nspname = ?"),
        {scratch, live});
    if (!schema)
        return sqlError(schema.error(), QStringLiteral("the schema's grants"));
    if (!schema.value().isEmpty() &&
        schema.value().first().value(0) != schema.value().first().value(5))
        statements << QStringLiteral("ALTER SCHEMA %1 OWNER TO %2")
                          .arg(quote(scratch), quote(schema.value().first().value(0)));
    for (const QStringList& row : schema.value())
        if (!row.value(1).isNull() && !isTrue(row.value(4)))
            statements << grant(session, row.value(1), QStringLiteral("SCHEMA ") + quote(scratch),
                                row.value(2), isTrue(row.value(3)));

    // The tables and sequences: each as its live namesake is.
    const auto liveRelations = queryRows(
        session,
        QStringLiteral("SELECT c.relname, pg_get_userbyid(c.relowner), a.privilege_type, CASE "
                       "WHEN a.grantee = 0 THEN '' ELSE pg_get_userbyid(a.grantee) END, "
                       "a.is_grantable, a.grantee = c.relowner FROM pg_class c JOIN "
                       "pg_namespace n ON n.oid = c.relnamespace LEFT JOIN LATERAL "
                       "aclexplode(c.relacl) a ON true WHERE n.nspname = ? AND c.relkind IN %1")
            .arg(relationKinds),
        {live});
    if (!liveRelations)
        return sqlError(liveRelations.error(), QStringLiteral("the tables' owners and grants"));
    QHash<QString, QString> ownerOf;
    QHash<QString, int> tablesOwned;
    QHash<QString, QList<QStringList>> grantsOf;
    for (const QStringList& row : liveRelations.value()) {
        if (!ownerOf.contains(row.value(0)))
            ++tablesOwned[row.value(1)];
        ownerOf.insert(row.value(0), row.value(1));
        if (!row.value(2).isNull() && !isTrue(row.value(5)))
            grantsOf[row.value(0)] << row;
    }
    // A table the migration dropped has no namesake: it goes to whoever owns most tables.
    QString usualOwner;
    for (auto it = tablesOwned.cbegin(); it != tablesOwned.cend(); ++it)
        if (usualOwner.isEmpty() || it.value() > tablesOwned.value(usualOwner))
            usualOwner = it.key();

    const auto built = queryRows(
        session,
        QStringLiteral("SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner), EXISTS "
                       "(SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND "
                       "d.objid = c.oid AND d.deptype IN ('a', 'i')) FROM pg_class c JOIN "
                       "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND "
                       "c.relkind IN %1 ORDER BY c.relname")
            .arg(relationKinds),
        {scratch});
    if (!built)
        return sqlError(built.error(), QStringLiteral("the rebuilt tables"));
    for (const QStringList& row : built.value()) {
        const QString& name = row.value(0);
        const bool sequence = row.value(1) == QLatin1String("S");
        const QString qualified = quote(scratch) + QLatin1Char('.') + quote(name);
        const QString kind = sequence ? QStringLiteral("SEQUENCE ") : QStringLiteral("TABLE ");
        const QString owner = ownerOf.value(name, usualOwner);
        // A sequence a column owns (serial, identity) follows its table.
        if (!owner.isEmpty() && owner != row.value(2) && !isTrue(row.value(3)))
            statements
                << QStringLiteral("ALTER %1%2 OWNER TO %3").arg(kind, qualified, quote(owner));
        for (const QStringList& g : grantsOf.value(name))
            statements << grant(session, g.value(2), kind + qualified, g.value(3),
                                isTrue(g.value(4)));
    }
    return statements;
}

Result<QStringList> PostgresOwnership::ownersOutOfReach(DatabaseSession& session,
                                                        const QString& live)
{
    const auto rows = queryRows(
        session,
        QStringLiteral("SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN "
                       "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND "
                       "c.relkind IN %1 AND NOT pg_has_role(c.relowner, 'MEMBER') ORDER BY 1")
            .arg(relationKinds),
        {live});
    if (!rows)
        return sqlError(rows.error(), QStringLiteral("the tables' owners"));
    QStringList roles;
    for (const QStringList& row : rows.value())
        roles << row.value(0);
    return roles;
}

} // namespace omu
