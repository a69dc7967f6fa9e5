#pragma once

#include "connection/ConnectionProfile.h"
#include "TuningRoute.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace omu {

// One change omupgrade made (or is about to make), as the journal keeps it: enough for
// another process, on another day, to put back exactly what was there. No secrets.
struct TuningChange
{
    Engine engine = Engine::Unknown;
    QString parameter; // sort_buffer_size / work_mem
    TuningRoute route = TuningRoute::None;
    QString database;
    QString user; // the role a role-level setting belongs to

    // What was there before. MySQL: the global value (always set). PostgreSQL: the
    // setting at the route's level, or none at all (then revert means RESET).
    bool originalSet = false;
    QString originalValue; // as the server wrote it: "2097152", "4MB"
    qint64 originalBytes = -1;

    QString appliedValue; // "20971520", "20MB"
    qint64 appliedBytes = -1;

    QJsonObject toJson() const;
    static std::optional<TuningChange> fromJson(const QJsonObject& json);
};

} // namespace omu
