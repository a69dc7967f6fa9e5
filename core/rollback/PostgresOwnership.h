#pragma once

#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QString>
#include <QStringList>

namespace omu {

// On PostgreSQL the rebuilt schema is created by the account running the rollback, which
// is often not the account OpenMetadata runs as. Before the swap the rebuilt schema, its
// tables and its sequences get the owners and the grants the same-named live ones have
// (USAGE on the schema for PUBLIC, as PostgreSQL 15 gives `public`; SELECT for a reporting
// role), so the server finds its tables as it left them. MySQL needs none of this: its
// grants name the database, which the tables are renamed back into.
class PostgresOwnership
{
public:
    // The statements, for the swap's transaction: each object's owner first, then its
    // grants, given as a member of the owner (a grant made while the account still owned
    // the object would be rewritten, or lost when the account granted to itself, as the
    // ownership moves).
    static Result<QStringList> carryOver(DatabaseSession& session, const QString& live,
                                         const QString& scratch);

    // The roles owning live tables or sequences that the account cannot hand objects to
    // (it is not a member of them): the rollback could not give the tables back to them.
    static Result<QStringList> ownersOutOfReach(DatabaseSession& session, const QString& live);
};

} // namespace omu
