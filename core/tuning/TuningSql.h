#pragma once

#include "common/Result.h"
#include "connection/QueryRows.h"

#include <QString>

namespace omu {

// The SQL calls the tuning step makes besides queryRows() and queryValue()
// (connection/QueryRows.h), on a session the caller owns.
class TuningSql
{
public:
    static Result<bool, SqlFailure> exec(DatabaseSession& session, const QString& sql);

    // 'text' with quotes doubled: for values inside ALTER ... SET, which take no bindings.
    static QString quoteLiteral(const QString& text);
    static bool isTrue(const QString& value); // t, true, 1
};

} // namespace omu
