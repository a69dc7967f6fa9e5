#pragma once

#include "TuningChange.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

// What apply() or revert() did, and what a brand-new connection read back afterwards.
struct TuningOutcome
{
    QString action; // "apply" or "revert"
    // applied, already-in-force, reverted, already-original, nothing-to-revert
    QString status;
    bool changed = false;      // a statement changed the server
    bool verified = false;     // a new connection as the migration's user saw the expected state
    qint64 verifiedBytes = -1; // what that connection's session got
    QString verifiedValue;     // the same in the server's terms
    QString message;           // one or two sentences for the user
    std::optional<TuningChange> change;
    QStringList warnings; // e.g. the journal could not record the result

    QJsonObject toJson() const
    {
        return QJsonObject{
            {QStringLiteral("action"), action},
            {QStringLiteral("status"), status},
            {QStringLiteral("changed"), changed},
            {QStringLiteral("verified"), verified},
            {QStringLiteral("verifiedBytes"), verifiedBytes},
            {QStringLiteral("verifiedValue"), verifiedValue},
            {QStringLiteral("message"), message},
            {QStringLiteral("change"),
             change ? QJsonValue(change->toJson()) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
        };
    }
};

} // namespace omu
