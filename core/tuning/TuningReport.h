#pragma once

#include "connection/ManagedServiceDetector.h"
#include "QueryEntitySize.h"
#include "TuningChange.h"
#include "TuningInstructions.h"
#include "TuningPrivileges.h"
#include "TuningRecommendation.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

// A PostgreSQL default from pg_db_role_setting that applies to the migration's sessions.
struct SettingOverride
{
    TuningRoute level = TuningRoute::None; // AlterDatabase, AlterRoleInDatabase, or None
    bool allDatabases = false;             // ALTER ROLE <user> SET without IN DATABASE
    QString value;                         // as written: "4MB", "4096" (kB)
    qint64 bytes = -1;

    QString levelName() const; // "database", "role", "role-in-database"
};

// What `tune show` and the Tuning page report: the value in force for the migration's new
// connections and where it comes from, the size of query_entity, the recommendation, what
// this user may do, what to do by hand, and any change still waiting to be reverted.
struct TuningReport
{
    Engine engine = Engine::Unknown;
    QString flavour;   // mysql, mariadb, postgresql
    QString parameter; // sort_buffer_size / work_mem
    QString database;
    QString user;

    qint64 globalBytes = -1;          // MySQL @@GLOBAL; -1 on PostgreSQL
    qint64 newSessionBytes = -1;      // what a brand-new session of this user gets
    QString newSessionValue;          // in the server's terms: "2097152", "4MB"
    QString source;                   // default, config-file, command-line, set-global, persisted,
                                      // database, role, role-in-database, other
    QString sourceText;               // the same for people, with the file when the server says
    qint64 serverDefaultBytes = -1;   // compiled-in default when the server tells
    QList<SettingOverride> overrides; // PostgreSQL database / role defaults that apply

    QueryEntitySize queryEntity;
    TuningRecommendation recommendation;
    TuningPrivileges privileges;
    ManagedService managed;
    TuningInstructions instructions;     // for the recommended value
    std::optional<TuningChange> pending; // applied by omupgrade and not reverted yet
    QStringList warnings;

    bool belowRecommendation() const { return newSessionBytes < recommendation.bytes; }
    // The override at one level (database, or role in this database), if set.
    std::optional<SettingOverride> overrideAt(TuningRoute level) const;
    QJsonObject toJson() const;
};

} // namespace omu
