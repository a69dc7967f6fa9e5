#pragma once

#include "common/Result.h"
#include "connection/DatabaseSession.h"

#include <QList>
#include <QStringList>
#include <QVariantList>

namespace omu {

// What a failed statement said: the driver's text and the server's error code (MySQL
// 1227, PostgreSQL 42501, ...), so callers can tell "not allowed" from other failures.
struct SqlFailure
{
    QString text;
    QString code;
};

// The few SQL calls the tuning step makes, on a session the caller owns.
class TuningSql
{
public:
    using Rows = QList<QStringList>; // NULL reads as a null QString

    static Result<Rows, SqlFailure> rows(DatabaseSession& session, const QString& sql,
                                         const QVariantList& bindings = {});
    // The first column of the first row; a null QString when there is no row.
    static Result<QString, SqlFailure> value(DatabaseSession& session, const QString& sql,
                                             const QVariantList& bindings = {});
    static Result<bool, SqlFailure> exec(DatabaseSession& session, const QString& sql);

    // 'text' with quotes doubled: for values inside ALTER ... SET, which take no bindings.
    static QString quoteLiteral(const QString& text);
    static bool isTrue(const QString& value); // t, true, 1
};

} // namespace omu
