#pragma once

#include "common/Result.h"
#include "DatabaseSession.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlError;

namespace omu {

// What a failed statement said: the driver's text and the server's error code (MySQL
// 1227, PostgreSQL 42501, ...), so callers can tell "not allowed" from other failures.
struct SqlFailure
{
    QString text;
    QString code;

    static SqlFailure from(const QSqlError& error);
};

// A query's rows, each value as text; NULL reads as a null QString.
using QueryRows = QList<QStringList>;

// Runs `sql` on a session the caller owns, with `bindings` as its positional (?) values
// when there are any, and reads every row.
Result<QueryRows, SqlFailure> queryRows(DatabaseSession& session, const QString& sql,
                                        const QVariantList& bindings = {});
// The first column of the first row; a null QString when there is no row.
Result<QString, SqlFailure> queryValue(DatabaseSession& session, const QString& sql,
                                       const QVariantList& bindings = {});

// Runs `statements` one after the other (session settings, say); the first that fails
// ends it with "preparing the session failed: <what the server said>".
Status prepareSession(DatabaseSession& session, const QStringList& statements);

} // namespace omu
