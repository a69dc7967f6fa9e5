#include "SortMemoryTuner.h"

#include "journal/JournalNames.h"
#include "TuningRecorder.h"

#include "common/ByteSize.h"
#include "connection/DatabaseConnector.h"
#include "TuningAdvisor.h"
#include "TuningReader.h"
#include "TuningSnippets.h"
#include "TuningSql.h"

#include <QFile>
#include <QJsonObject>

#include <memory>

namespace omu {

namespace {

Result<std::unique_ptr<DatabaseSession>> openSession(const ConnectionProfile& profile)
{
    DatabaseConnector::Options options;
    // The query_entity scan is bounded separately; this only catches a dead server.
    options.readTimeoutSeconds = TuningReader::measureTimeoutSeconds + 30;
    options.applicationName = QStringLiteral("omupgrade-tuning");
    auto session = DatabaseConnector::open(profile, options);
    if (!session)
        return session.error().toError();
    return std::move(session).value();
}

QString levelText(const TuningChange& change)
{
    switch (change.route) {
    case TuningRoute::SetGlobal:
        return QStringLiteral("globally (SET GLOBAL)");
    case TuningRoute::AlterDatabase:
        return QStringLiteral("for database %1 (ALTER DATABASE)").arg(change.database);
    case TuningRoute::AlterRoleInDatabase:
        return QStringLiteral("for role %1 in database %2 (ALTER ROLE ... IN DATABASE)")
            .arg(change.user, change.database);
    default:
        break;
    }
    return QStringLiteral("on the server");
}

QString originalText(const TuningChange& change)
{
    if (!change.originalSet)
        return QStringLiteral("no setting at that level (revert is a RESET)");
    if (change.originalBytes >= 0)
        return ByteSize::withDescription(change.originalBytes, change.originalValue);
    return change.originalValue;
}

// The statement that sets `value` (or removes the setting, for an empty value on
// PostgreSQL) at the change's level.
QString statementFor(const TuningChange& change, const QString& value)
{
    if (change.engine == Engine::MySql)
        return TuningSnippets::mySqlSetGlobal(value);
    return TuningSnippets::postgresAlter(change.route, change.database, change.user, value);
}

Error refusal(const TuningReport& report, const TuningInstructions& instructions,
              const QString& what, const QString& where)
{
    QString advice;
    if (report.managed.isManaged() && report.engine == Engine::MySql) {
        advice = instructions.managedRoute;
    } else {
        advice = QStringLiteral("Ask a DBA to run:\n%1\n\nOr make it permanent in %2:\n%3")
                     .arg(instructions.dbaSql, instructions.configFile,
                          instructions.configSnippet.trimmed());
    }
    return makeError(what, where, advice);
}

// The server said no to a statement: say which privilege, and what to do instead.
Error statementFailure(const TuningReport& report, const TuningInstructions& instructions,
                       const QString& statement, const SqlFailure& failure, const QString& where)
{
    const bool denied =
        failure.code == QLatin1String("1227") || failure.code == QLatin1String("42501") ||
        failure.text.contains(QLatin1String("Access denied"), Qt::CaseInsensitive) ||
        failure.text.contains(QLatin1String("must be owner"), Qt::CaseInsensitive) ||
        failure.text.contains(QLatin1String("permission denied"), Qt::CaseInsensitive);
    QString what;
    if (denied && report.engine == Engine::MySql)
        what =
            QStringLiteral("The server refused %1: %2 lacks the %3 privilege (or the server is a "
                           "managed service that refuses SET GLOBAL). Nothing was changed. "
                           "Server said: %4")
                .arg(statement, report.user,
                     report.flavour == QLatin1String("mariadb")
                         ? QStringLiteral("SUPER")
                         : QStringLiteral("SYSTEM_VARIABLES_ADMIN (or SUPER)"),
                     failure.text);
    else if (denied)
        what = QStringLiteral("The server refused %1: %2 may not change that setting (ALTER "
                              "DATABASE needs the database's owner or a superuser). Nothing was "
                              "changed. Server said: %3")
                   .arg(statement, report.user, failure.text);
    else
        what = QStringLiteral("The server refused %1. Nothing was changed. Server said: %2")
                   .arg(statement, failure.text);
    Error error = refusal(report, instructions, what, where);
    if (denied && report.engine == Engine::MySql && !report.managed.isManaged())
        error.advice += QStringLiteral("\n\nOn Amazon RDS/Aurora, Cloud SQL or Azure, change it "
                                       "in the parameter group or server flags instead.");
    return error;
}

Result<TuningRoute> chooseRoute(const TuningReport& report, TuningScope scope,
                                const TuningInstructions& instructions, const QString& where)
{
    const auto& privileges = report.privileges;
    if (report.engine == Engine::MySql) {
        if (scope != TuningScope::Automatic)
            return makeError(QStringLiteral("MySQL has no database or role level for "
                                            "sort_buffer_size: it is set globally."),
                             QStringLiteral("scope"),
                             QStringLiteral("Leave the scope on automatic."));
        if (report.managed.isManaged())
            return refusal(report, instructions,
                           QStringLiteral("%1 refuses SET GLOBAL, so omupgrade does not try it "
                                          "(recognised by %2). Nothing was changed.")
                               .arg(report.managed.name, report.managed.evidence),
                           where);
        if (!privileges.canSetGlobal)
            return refusal(report, instructions,
                           QStringLiteral("%1 may not change sort_buffer_size: SET GLOBAL needs "
                                          "the %2 privilege, which %1 does not have. Nothing "
                                          "was changed.")
                               .arg(report.user, privileges.missing),
                           where);
        return TuningRoute::SetGlobal;
    }
    const bool roleDefaultExists = std::any_of(
        report.overrides.cbegin(), report.overrides.cend(), [](const SettingOverride& entry) {
            return entry.level == TuningRoute::AlterRoleInDatabase;
        });
    switch (scope) {
    case TuningScope::Automatic:
        return privileges.route;
    case TuningScope::RoleInDatabase:
        return TuningRoute::AlterRoleInDatabase;
    case TuningScope::Database:
        if (!privileges.superuser && !privileges.ownsDatabase)
            return refusal(report, instructions,
                           QStringLiteral("%1 may not set the default of database %2: ALTER "
                                          "DATABASE needs %3, which %1 does not have. Nothing "
                                          "was changed. (Without --scope database, omupgrade "
                                          "sets it for role %1 in %2, which reaches the "
                                          "migration too.)")
                               .arg(report.user, report.database,
                                    QStringLiteral("the database's owner or a superuser")),
                           where);
        if (roleDefaultExists)
            return makeError(QStringLiteral("Role %1 has its own work_mem default, which wins over "
                                            "the database's: a database-level value would not "
                                            "reach the migration. Nothing was changed.")
                                 .arg(report.user),
                             where,
                             QStringLiteral("Leave the scope on automatic (omupgrade then sets "
                                            "it for the role in this database)."));
        return TuningRoute::AlterDatabase;
    }
    return privileges.route;
}

// What a fresh connection of the migration's user gets, and (PostgreSQL) the setting at
// the change's level as that connection reads it.
struct Observation
{
    TuningReader::SessionValue session;
    qint64 globalBytes = -1;
    std::optional<SettingOverride> atLevel;
};

Result<Observation> observe(const ConnectionProfile& profile, const TuningChange& change)
{
    auto session = openSession(profile);
    if (!session)
        return session.error();
    Observation observation;
    auto value = TuningReader::sessionValue(*session.value());
    if (!value)
        return value.error();
    observation.session = value.value();
    if (change.engine == Engine::MySql) {
        auto global = TuningReader::globalBytes(*session.value());
        if (!global)
            return global.error();
        observation.globalBytes = global.value();
    } else {
        auto level = TuningReader::overrideAt(*session.value(), change.route, change.user);
        if (!level)
            return level.error();
        observation.atLevel = level.value();
    }
    return observation;
}

bool matchesOriginal(const TuningChange& change, const Observation& now)
{
    if (change.engine == Engine::MySql)
        return now.globalBytes == change.originalBytes;
    if (!change.originalSet)
        return !now.atLevel.has_value();
    return now.atLevel &&
           (now.atLevel->value == change.originalValue ||
            (change.originalBytes >= 0 && now.atLevel->bytes == change.originalBytes));
}

bool matchesApplied(const TuningChange& change, const Observation& now)
{
    if (change.engine == Engine::MySql)
        return now.globalBytes == change.appliedBytes;
    return now.atLevel && now.atLevel->bytes == change.appliedBytes;
}

QString nowText(const TuningChange& change, const Observation& now)
{
    if (change.engine == Engine::MySql)
        return ByteSize::withDescription(now.globalBytes, QString::number(now.globalBytes));
    return now.atLevel ? now.atLevel->value : QStringLiteral("no setting at that level");
}

} // namespace

SortMemoryTuner::SortMemoryTuner(ConnectionProfile profile, QString dataFolder)
    : m_profile(std::move(profile)), m_dataFolder(std::move(dataFolder))
{
}

UpgradeJournal SortMemoryTuner::journal() const
{
    return UpgradeJournal::forDeployment(m_profile, m_dataFolder);
}

Result<std::optional<TuningChange>> SortMemoryTuner::pendingChange() const
{
    const UpgradeJournal journal = this->journal();
    const auto entries = journal.entries();
    if (!entries)
        return entries.error();
    // Newest first: a revert closes what came before it; so does a failed first apply
    // (nothing changed, nothing pending before it). Anything else keeps looking back.
    const auto& all = entries.value();
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (it->step != QLatin1String(journal::step::tuning))
            continue;
        if (it->event == QLatin1String(journal::event::reverted))
            return std::optional<TuningChange>();
        if (it->event == QLatin1String(journal::event::applyFailed) &&
            !it->data.value(QStringLiteral("pending")).toBool())
            return std::optional<TuningChange>();
        if (it->event == QLatin1String(journal::event::applying) ||
            it->event == QLatin1String(journal::event::applied)) {
            auto change =
                TuningChange::fromJson(it->data.value(QStringLiteral("change")).toObject());
            if (!change)
                return makeError(QStringLiteral("The journal's tuning entry of %1 is damaged: the "
                                                "original value cannot be read from it.")
                                     .arg(it->time),
                                 journal.path(),
                                 QStringLiteral("Set the value back by hand (tune show gives the "
                                                "SQL) and keep the journal for support."));
            return std::optional<TuningChange>(*change);
        }
    }
    return std::optional<TuningChange>();
}

Result<TuningReport> SortMemoryTuner::show() const
{
    const auto pending = pendingChange();
    auto session = openSession(m_profile);
    if (!session)
        return session.error();
    auto report = TuningReader::read(*session.value(), m_managed);
    if (!report)
        return report;
    TuningReport& result = report.value();
    if (!pending)
        result.warnings << QStringLiteral("The upgrade journal cannot be read (%1), so omupgrade "
                                          "cannot tell whether it changed this value before.")
                               .arg(pending.error().toString());
    else if (pending.value() && pending.value()->engine == result.engine) {
        result.pending = pending.value();
        result.warnings << QStringLiteral("omupgrade set %1 to %2 and has not reverted it yet: "
                                          "the original was %3.")
                               .arg(result.parameter, result.pending->appliedValue,
                                    originalText(*result.pending));
    }
    result.instructions = TuningSnippets::build(result, result.recommendation.bytes);
    return report;
}

Result<TuningOutcome> SortMemoryTuner::apply(std::optional<qint64> requested,
                                             TuningScope scope) const
{
    const QString where = m_profile.displayName();
    const auto pendingResult = pendingChange();
    if (!pendingResult) // without the journal the original could be lost: change nothing
        return pendingResult.error();
    const std::optional<TuningChange> pending = pendingResult.value();

    auto session = openSession(m_profile);
    if (!session)
        return session.error();
    auto reportResult = TuningReader::read(*session.value(), m_managed);
    if (!reportResult)
        return reportResult.error();
    TuningReport report = reportResult.value();
    report.pending = pending;

    qint64 target = requested.value_or(report.recommendation.bytes);
    if (report.engine == Engine::Postgres)
        target = ByteSize::roundUpToKiB(target); // work_mem counts whole kB
    if (auto valid = TuningAdvisor::checkValue(target, report.engine); !valid)
        return valid.error();
    const TuningInstructions instructions = TuningSnippets::build(report, target);
    const auto route = chooseRoute(report, scope, instructions, where);
    if (!route)
        return route.error();

    TuningChange change;
    change.engine = report.engine;
    change.parameter = report.parameter;
    change.route = route.value();
    change.database = report.database;
    change.user = report.user;
    change.appliedBytes = target;
    change.appliedValue = TuningAdvisor::serverValue(target, report.engine);

    if (pending) {
        // A second apply keeps the first original: that is what revert must put back.
        if (pending->route != change.route || pending->user != change.user ||
            pending->database != change.database || pending->engine != change.engine)
            return makeError(QStringLiteral("An earlier change by omupgrade (%1) is still to be "
                                            "reverted; applying at another level now would make "
                                            "the original hard to restore. Nothing was changed.")
                                 .arg(levelText(*pending)),
                             where, QStringLiteral("Revert first, then apply again."));
        change.originalSet = pending->originalSet;
        change.originalValue = pending->originalValue;
        change.originalBytes = pending->originalBytes;
    } else if (report.newSessionBytes == target) {
        // Already in force for new connections: nothing to change, nothing to revert.
        auto seen = observe(m_profile, change);
        if (!seen)
            return seen.error();
        TuningOutcome outcome;
        outcome.action = QStringLiteral("apply");
        outcome.status = QStringLiteral("already-in-force");
        outcome.verifiedBytes = seen.value().session.bytes;
        outcome.verifiedValue = seen.value().session.text;
        outcome.verified = outcome.verifiedBytes == target;
        outcome.message = QStringLiteral("%1 is already %2 for new connections (%3); nothing was "
                                         "changed.")
                              .arg(report.parameter, outcome.verifiedValue, report.sourceText);
        return outcome;
    } else if (report.engine == Engine::MySql) {
        change.originalSet = true;
        change.originalBytes = report.globalBytes;
        change.originalValue = QString::number(report.globalBytes);
    } else if (const auto existing = report.overrideAt(change.route)) {
        change.originalSet = true;
        change.originalValue = existing->value;
        change.originalBytes = existing->bytes;
    } else {
        change.originalSet = false;
        change.originalBytes = -1;
    }

    const TuningRecorder recorder(journal());
    // The original goes to disk before anything changes: a crash after this line leaves
    // enough for revert.
    if (auto written = recorder.applying(change, bool(pending)); !written)
        return makeError(QStringLiteral("The original value could not be recorded, so nothing was "
                                        "changed: %1")
                             .arg(written.error().message),
                         written.error().where, written.error().advice);

    const QString statement = statementFor(change, change.appliedValue);
    if (const auto done = TuningSql::exec(*session.value(), statement); !done) {
        // Unrecorded, a later revert would merely find the original still in place.
        static_cast<void>(recorder.applyFailed(change, bool(pending), done.error().text));
        return statementFailure(report, instructions, statement, done.error(), where);
    }
    session.value().reset();

    // The proof: a brand-new connection as the migration's user.
    const auto seen = observe(m_profile, change);
    TuningOutcome outcome;
    outcome.action = QStringLiteral("apply");
    outcome.status = QStringLiteral("applied");
    outcome.changed = true;
    outcome.change = change;
    if (seen) {
        outcome.verifiedBytes = seen.value().session.bytes;
        outcome.verifiedValue = seen.value().session.text;
        outcome.verified = outcome.verifiedBytes == target;
    }
    // The "applying" entry already holds the original, so revert works even if this fails.
    if (auto written = recorder.applied(change, outcome.verified, outcome.verifiedBytes); !written)
        outcome.warnings << written.error().toString();
    if (!seen)
        return makeError(QStringLiteral("%1 = %2 was set, but a new connection to check it failed: "
                                        "%3")
                             .arg(report.parameter, change.appliedValue, seen.error().message),
                         where,
                         QStringLiteral("Run 'omupgrade tune show' to check it; 'omupgrade tune "
                                        "revert' puts back %1.")
                             .arg(originalText(change)));
    if (!outcome.verified)
        return makeError(
            QStringLiteral("%1 = %2 was set %3, but a new connection as %4 reads %5: the "
                           "migration would not get it.")
                .arg(report.parameter, change.appliedValue, levelText(change), report.user,
                     outcome.verifiedValue),
            where,
            report.engine == Engine::Postgres
                ? QStringLiteral(
                      "Something with higher precedence sets work_mem for %1 (a role "
                      "default, PGOPTIONS, or options= in the JDBC URL). 'omupgrade tune "
                      "revert' puts back %2.")
                      .arg(report.user, originalText(change))
                : QStringLiteral("Another session may have changed it at the same moment. "
                                 "'omupgrade tune revert' puts back %1.")
                      .arg(originalText(change)));
    outcome.message =
        QStringLiteral("%1 = %2 is now set %3. Verified: a new connection as %4 reads %5.%6")
            .arg(report.parameter, ByteSize::withDescription(target, change.appliedValue),
                 levelText(change), report.user, outcome.verifiedValue,
                 report.engine == Engine::MySql
                     ? QStringLiteral(" It lasts until the server restarts.")
                     : QString());
    return outcome;
}

Result<TuningOutcome> SortMemoryTuner::revert(bool force) const
{
    const QString where = m_profile.displayName();
    const auto pendingResult = pendingChange();
    if (!pendingResult)
        return pendingResult.error();
    TuningOutcome outcome;
    outcome.action = QStringLiteral("revert");
    if (!pendingResult.value()) {
        outcome.status = QStringLiteral("nothing-to-revert");
        outcome.message = QStringLiteral("omupgrade has no change of %1 to revert for this "
                                         "deployment; nothing was changed.")
                              .arg(TuningAdvisor::parameterName(m_profile.engine));
        return outcome;
    }
    const TuningChange change = *pendingResult.value();
    outcome.change = change;
    if (change.engine != m_profile.engine)
        return makeError(QStringLiteral("The journal's change was made on %1, but this connection "
                                        "is %2.")
                             .arg(engineName(change.engine), engineName(m_profile.engine)),
                         where, QStringLiteral("Connect to the same deployment and try again."));

    auto before = observe(m_profile, change);
    if (!before)
        return before.error();
    const TuningRecorder recorder(journal());
    const bool alreadyOriginal = matchesOriginal(change, before.value());
    if (!alreadyOriginal && !matchesApplied(change, before.value()) && !force)
        return makeError(QStringLiteral("%1 is now %2 %3: neither the value omupgrade set (%4) "
                                        "nor the original (%5). Someone changed it after "
                                        "omupgrade did, so it was left alone.")
                             .arg(change.parameter, nowText(change, before.value()),
                                  levelText(change), change.appliedValue, originalText(change)),
                         where,
                         QStringLiteral("To put the original back anyway, run 'omupgrade tune "
                                        "revert --force'."));

    if (!alreadyOriginal) {
        auto session = openSession(m_profile);
        if (!session)
            return session.error();
        const QString restore =
            change.engine == Engine::MySql
                ? change.originalValue
                : (change.originalSet ? change.originalValue : QString()); // empty: RESET
        const QString statement = statementFor(change, restore);
        if (const auto done = TuningSql::exec(*session.value(), statement); !done) {
            static_cast<void>(recorder.revertFailed(change, done.error().text));
            return makeError(QStringLiteral("The server refused %1, so the original was not put "
                                            "back. Server said: %2")
                                 .arg(statement, done.error().text),
                             where,
                             QStringLiteral("Connect as a user who may run it (the one that "
                                            "applied it), or ask a DBA to run:\n%1")
                                 .arg(statement));
        }
        outcome.changed = true;
    }

    const auto after = observe(m_profile, change);
    if (after) {
        outcome.verifiedBytes = after.value().session.bytes;
        outcome.verifiedValue = after.value().session.text;
        outcome.verified = matchesOriginal(change, after.value());
    }
    // Unrecorded, the next revert finds the original in place and just records it then.
    if (auto written =
            recorder.reverted(change, alreadyOriginal, outcome.verified, outcome.verifiedBytes);
        !written)
        outcome.warnings << written.error().toString();
    if (!after)
        return makeError(QStringLiteral("The original was put back, but a new connection to check "
                                        "it failed: %1")
                             .arg(after.error().message),
                         where, QStringLiteral("Run 'omupgrade tune show' to check it."));
    if (!outcome.verified)
        return makeError(
            QStringLiteral("The original was put back, but a new connection reads %1 "
                           "%2 instead of %3.")
                .arg(nowText(change, after.value()), levelText(change), originalText(change)),
            where,
            QStringLiteral("Another session may have changed it at the same moment; "
                           "run 'omupgrade tune show'."));
    outcome.status =
        alreadyOriginal ? QStringLiteral("already-original") : QStringLiteral("reverted");
    const QString restored =
        change.originalSet
            ? QStringLiteral("%1 is back to %2 %3, as before omupgrade changed it.")
                  .arg(change.parameter, originalText(change), levelText(change))
            : QStringLiteral("%1 is no longer set %2: RESET, as there was no setting there "
                             "before omupgrade.")
                  .arg(change.parameter, levelText(change));
    outcome.message =
        alreadyOriginal
            ? QStringLiteral("%1 was already the original %2 (%3), for instance after a server "
                             "restart; nothing needed changing. A new connection as %4 reads %5.")
                  .arg(change.parameter, levelText(change), originalText(change), m_profile.user,
                       outcome.verifiedValue)
            : QStringLiteral("%1 Verified: a new connection as %2 reads %3.")
                  .arg(restored, m_profile.user, outcome.verifiedValue);
    return outcome;
}

} // namespace omu
