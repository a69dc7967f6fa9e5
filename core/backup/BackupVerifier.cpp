#include "BackupVerifier.h"

#include "LineSetDigest.h"

#include "BackupCatalog.h"
#include "BackupFiles.h"
#include "BackupLine.h"
#include "BackupLineReader.h"
#include "BackupReplayer.h"
#include "connection/DatabaseConnector.h"
#include "ProgressMeter.h"
#include "Sha256.h"
#include "TableDumper.h"
#include "TableReader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <atomic>
#include <thread>

namespace omu {

namespace {

struct Section
{
    QString sqlName;
    qint64 rows = 0;
    qint64 lines = 0;
    qint64 bytes = 0;
    QString sha256;
};

constexpr int maxLineProblems = 5;

VerifyReport finish(VerifyReport report, const QElapsedTimer& timer)
{
    report.seconds = timer.elapsed() / 1000.0;
    if (report.ending == Ending::Cancelled) {
        report.verified = false;
        report.error = makeError(QStringLiteral("verification was cancelled"));
        return report;
    }
    if (!report.problems.isEmpty()) {
        report.ending = Ending::Failed;
        report.verified = false;
        report.error =
            makeError(QStringLiteral("the backup does not match its manifest: %1")
                          .arg(report.problems.first()),
                      QString(), QStringLiteral("Do not rely on this file. Take a new backup."));
    } else if (report.error.message.isEmpty()) {
        report.ending = Ending::Succeeded;
    }
    return report;
}

} // namespace

VerifyReport BackupVerifier::quick(const QString& file, const QString& manifestPathIn,
                                   const ProgressCallback& progress, const CancelToken& cancel,
                                   Engine engine)
{
    QElapsedTimer timer;
    timer.start();
    VerifyReport report;
    const QString manifestPath =
        manifestPathIn.isEmpty() ? BackupFiles::manifestPath(file) : manifestPathIn;

    BackupLineReader reader(file);
    if (Status status = reader.open(); !status) {
        report.error = status.error();
        return finish(report, timer);
    }
    if (QFileInfo::exists(manifestPath)) {
        auto manifest = BackupManifest::load(manifestPath);
        if (!manifest) {
            report.error = manifest.error();
            report.problems << manifest.error().message;
            return finish(report, timer);
        }
        report.manifestFound = true;
        report.manifest = manifest.value();
    } else {
        report.notes << QStringLiteral(
                            "There is no manifest (%1): this file cannot be verified. "
                            "Files made by OpenMetadata's own `metadata backup` have none.")
                            .arg(QFileInfo(manifestPath).fileName());
    }

    // Literals are read the way the server that will run the lines reads them.
    if (engine == Engine::Unknown && report.manifestFound)
        engine = engineFromName(report.manifest.engine).value_or(Engine::Unknown);
    const BackupLine::Dialect dialect = engine == Engine::MySql      ? BackupLine::Dialect::MySql
                                        : engine == Engine::Postgres ? BackupLine::Dialect::Postgres
                                                                     : BackupLine::Dialect::Either;

    QList<ProgressMeter::TableWeight> weights;
    for (const BackupManifest::Table& table : report.manifest.tables)
        weights << ProgressMeter::TableWeight{table.sqlName, table.rows, table.bytes};
    ProgressMeter meter(BackupProgress::Phase::Verifying, weights, progress);
    QSet<QByteArray> tablesSeen;

    // The whole-file hash runs on a second thread over its own read of the file (from the
    // page cache after the first pass), in parallel with the per-table hashes here.
    std::atomic_bool stopWhole = false;
    QByteArray wholeDigest;
    qint64 wholeBytes = -1;
    std::thread wholeThread([&] {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly))
            return;
        Sha256 whole;
        QByteArray block(1024 * 1024, Qt::Uninitialized);
        qint64 total = 0;
        for (;;) {
            if (stopWhole.load(std::memory_order_relaxed) || cancel.isCancelled())
                return;
            const qint64 n = input.read(block.data(), block.size());
            if (n < 0)
                return;
            if (n == 0)
                break;
            whole.addData(QByteArrayView(block.constData(), n));
            total += n;
        }
        wholeDigest = whole.hexDigest();
        wholeBytes = total;
    });
    struct Joiner
    {
        std::thread& thread;
        std::atomic_bool& stop;
        ~Joiner()
        {
            stop = true;
            if (thread.joinable())
                thread.join();
        }
    } joiner{wholeThread, stopWhole};
    QList<Section> sections;
    Sha256 sectionHash;
    int lineProblems = 0;
    auto lineProblem = [&](const QString& text) {
        if (++lineProblems <= maxLineProblems)
            report.problems << text;
        else if (lineProblems == maxLineProblems + 1)
            report.problems << QStringLiteral("(more malformed lines follow)");
    };
    auto closeSection = [&] {
        if (!sections.isEmpty() && sections.last().sha256.isEmpty())
            sections.last().sha256 = QString::fromLatin1(sectionHash.hexDigest());
    };

    QByteArrayView line;    // into the reader's buffer: no copy per line
    QByteArray currentName; // the section's table, as bytes, to compare without conversions
    while (reader.next(line)) {
        if (cancel.isCancelled()) {
            report.ending = Ending::Cancelled;
            return finish(report, timer);
        }
        const qint64 number = reader.lineNumber();
        ++report.lines;
        const bool newline = reader.lastHadNewline();
        const BackupLine::Statement statement = BackupLine::parse(line, dialect);
        if (!newline) {
            report.cutShort = true;
            report.problems << QStringLiteral("the file ends in the middle of line %1 (no newline "
                                              "after it): it was cut short")
                                   .arg(number);
        } else if (!statement.ok()) {
            if (report.badLines.size() < maxLineProblems)
                report.badLines << BadLine{number, statement.problem, BackupLine::excerpt(line)};
            ++report.badLineCount;
            lineProblem(QStringLiteral("line %1 is not a backup statement (%2): %3")
                            .arg(number)
                            .arg(statement.problem, BackupLine::excerpt(line)));
        }
        // A line that is not one still counts where it seems to belong.
        const BackupLine::Kind kind = statement.ok() ? statement.kind : BackupLine::kind(line);
        const QByteArrayView written =
            statement.ok() ? statement.table : BackupLine::tableNameView(line);
        if (!written.isEmpty() && !tablesSeen.contains(written.toByteArray())) {
            tablesSeen.insert(written.toByteArray());
            report.tableNames << BackupLine::resolvedName(written, dialect);
        }
        bool newSection = false;
        if (kind == BackupLine::Kind::Truncate || kind == BackupLine::Kind::Delete) {
            closeSection();
            currentName = written.toByteArray();
            Section section;
            section.sqlName = QString::fromUtf8(currentName);
            for (const Section& earlier : std::as_const(sections))
                if (earlier.sqlName == section.sqlName)
                    lineProblem(QStringLiteral("line %1: the table %2 appears a second time")
                                    .arg(number)
                                    .arg(section.sqlName));
            sections << section;
            newSection = true;
        } else if (kind == BackupLine::Kind::Insert) {
            if (sections.isEmpty())
                lineProblem(QStringLiteral("line %1: an INSERT before any TRUNCATE TABLE line")
                                .arg(number));
            else if (written != currentName)
                lineProblem(
                    QStringLiteral("line %1: an INSERT into %2 inside the lines of %3")
                        .arg(number)
                        .arg(QString::fromUtf8(written.toByteArray()), sections.last().sqlName));
            if (!sections.isEmpty())
                ++sections.last().rows;
            ++report.rows;
        }
        if (!sections.isEmpty()) {
            Section& section = sections.last();
            ++section.lines;
            // The newline follows the line in the reader's buffer: one hash update for both.
            const qsizetype withNewline = line.size() + (newline ? 1 : 0);
            section.bytes += withNewline;
            sectionHash.addData(QByteArrayView(line.data(), withNewline));
        }
        if (newSection || (number & 1023) == 0)
            meter.updateBytes(reader.position(), reader.size(),
                              sections.isEmpty() ? QString() : sections.last().sqlName,
                              sections.isEmpty() ? 0 : sections.last().rows);
    }
    if (reader.error()) {
        report.error = *reader.error();
        return finish(report, timer);
    }
    closeSection();
    report.bytes = reader.position();
    wholeThread.join();
    report.sha256 = QString::fromLatin1(wholeDigest);
    if (wholeBytes != report.bytes)
        report.problems << QStringLiteral("the file changed while it was being checked");
    report.tables = int(sections.size());
    if (report.lines == 0)
        report.problems << QStringLiteral("the file is empty");

    if (!report.manifestFound) {
        // Well formed or not, there is nothing to verify it against: callers look at
        // `verified` and `manifestFound`.
        report.verified = false;
        return finish(report, timer);
    }

    const BackupManifest& manifest = report.manifest;
    const QString fileName = QFileInfo(file).fileName();
    if (!manifest.complete)
        report.problems << QStringLiteral("the manifest does not say the backup completed");
    const bool sameBytes = manifest.sha256 == report.sha256 && manifest.bytes == report.bytes;
    if (!sameBytes) {
        if (!manifest.file.isEmpty() && manifest.file != fileName)
            report.problems.prepend(
                QStringLiteral("the manifest was written for another file (%1), "
                               "not for %2")
                    .arg(manifest.file, fileName));
        report.problems << QStringLiteral("the file's SHA-256 (%1, %2 bytes) differs from the "
                                          "manifest's (%3, %4 bytes)")
                               .arg(report.sha256.left(16))
                               .arg(report.bytes)
                               .arg(manifest.sha256.left(16))
                               .arg(manifest.bytes);
    } else if (!manifest.file.isEmpty() && manifest.file != fileName) {
        report.notes << QStringLiteral("The file was renamed from %1.").arg(manifest.file);
    }
    for (const BackupManifest::Table& expected : manifest.tables) {
        const Section* found = nullptr;
        for (const Section& section : std::as_const(sections))
            if (section.sqlName == expected.sqlName)
                found = &section;
        if (!found) {
            report.problems << QStringLiteral(
                                   "the table %1 is in the manifest (%2 rows) but not in "
                                   "the file")
                                   .arg(expected.sqlName)
                                   .arg(expected.rows);
            continue;
        }
        if (found->rows != expected.rows)
            report.problems << QStringLiteral("the table %1 has %2 rows in the file, the manifest "
                                              "says %3")
                                   .arg(expected.sqlName)
                                   .arg(found->rows)
                                   .arg(expected.rows);
        else if (found->sha256 != expected.sha256)
            report.problems << QStringLiteral("the table %1 has the right number of rows but its "
                                              "content differs from the manifest's")
                                   .arg(expected.sqlName);
    }
    for (const Section& section : std::as_const(sections))
        if (!manifest.findTable(section.sqlName))
            report.problems << QStringLiteral("the table %1 is in the file but not in the manifest")
                                   .arg(section.sqlName);
    report.verified = report.problems.isEmpty();
    return finish(report, timer);
}

// ---- deep ------------------------------------------------------------------------------

namespace {

class ScratchCopy
{
public:
    ScratchCopy(DatabaseSession& session, QString name, QString liveSchema)
        : m_session(session), m_name(std::move(name)), m_live(std::move(liveSchema))
    {
    }
    ~ScratchCopy() { drop(); }

    Status create(const BackupManifest& manifest, const BackupCatalog::Contents& live)
    {
        QSqlQuery query(m_session.database());
        const QString scratch = m_session.quoteIdentifier(m_name);
        auto fail = [&](const QString& what) {
            return makeError(
                QStringLiteral("%1: %2").arg(what, query.lastError().text().trimmed()), m_name,
                QStringLiteral("The deep check needs to create a scratch %1; give "
                               "one you may create with --scratch-database, or "
                               "run the quick check only.")
                    .arg(m_session.engine() == Engine::MySql ? QStringLiteral("database")
                                                             : QStringLiteral("schema")));
        };
        const bool mysql = m_session.engine() == Engine::MySql;
        query.prepare(mysql
                          ? QStringLiteral("SELECT COUNT(*) FROM information_schema.SCHEMATA "
                                           "WHERE SCHEMA_NAME = ?")
                          : QStringLiteral("SELECT COUNT(*) FROM pg_namespace WHERE nspname = ?"));
        query.addBindValue(m_name);
        if (!query.exec() || !query.next())
            return fail(QStringLiteral("cannot look for the scratch copy"));
        const bool exists = query.value(0).toLongLong() > 0;
        query.finish();
        if (exists) {
            query.prepare(mysql ? QStringLiteral("SELECT COUNT(*) FROM information_schema.TABLES "
                                                 "WHERE TABLE_SCHEMA = ?")
                                : QStringLiteral("SELECT COUNT(*) FROM pg_class c JOIN "
                                                 "pg_namespace n ON n.oid = c.relnamespace "
                                                 "WHERE n.nspname = ?"));
            query.addBindValue(m_name);
            if (!query.exec() || !query.next())
                return fail(QStringLiteral("cannot look into the scratch copy"));
            if (query.value(0).toLongLong() > 0)
                return makeError(
                    QStringLiteral("the scratch %1 already exists and is not empty")
                        .arg(mysql ? QStringLiteral("database") : QStringLiteral("schema")),
                    m_name,
                    QStringLiteral("Give the name of an empty or new one; nothing in "
                                   "it was touched."));
            query.finish();
        } else {
            const QString create =
                mysql ? QStringLiteral("CREATE DATABASE %1 CHARACTER SET utf8mb4").arg(scratch)
                      : QStringLiteral("CREATE SCHEMA %1").arg(scratch);
            if (!query.exec(create))
                return fail(QStringLiteral("cannot create the scratch copy"));
            m_createdContainer = true;
        }
        m_active = true;
        for (const BackupManifest::Table& table : manifest.tables) {
            const BackupTable* source = nullptr;
            for (const BackupTable& candidate : live.tables)
                if (candidate.name == table.name)
                    source = &candidate;
            if (!source)
                return makeError(QStringLiteral("the table %1 of the backup does not exist in the "
                                                "database")
                                     .arg(table.name),
                                 m_session.profile().displayName(),
                                 QStringLiteral("The deep check copies the table structures of the "
                                                "database the backup came from (same OpenMetadata "
                                                "version). Connect to that one."));
            const QString target =
                scratch + QLatin1Char('.') + m_session.quoteIdentifier(table.name);
            const QString sql =
                mysql ? QStringLiteral("CREATE TABLE %1 LIKE %2").arg(target, source->selectName)
                      : QStringLiteral("CREATE TABLE %1 (LIKE %2 INCLUDING ALL)")
                            .arg(target, source->selectName);
            if (!query.exec(sql))
                return fail(QStringLiteral("cannot copy the structure of %1").arg(table.name));
            m_tables << target;
        }
        // Unqualified names in the file now reach the scratch copy and nothing else.
        const QString use = mysql
                                ? QStringLiteral("USE %1").arg(scratch)
                                : QStringLiteral("SET search_path TO %1, pg_catalog").arg(scratch);
        if (!query.exec(use))
            return fail(QStringLiteral("cannot switch to the scratch copy"));
        return {};
    }

    void drop()
    {
        if (!m_active)
            return;
        m_active = false;
        QSqlQuery query(m_session.database());
        const bool mysql = m_session.engine() == Engine::MySql;
        if (mysql && !m_live.isEmpty())
            query.exec(QStringLiteral("USE %1").arg(m_session.quoteIdentifier(m_live)));
        else if (!mysql)
            query.exec(
                QStringLiteral("SET search_path TO %1").arg(m_session.quoteIdentifier(m_live)));
        if (m_createdContainer) {
            query.exec(
                mysql ? QStringLiteral("DROP DATABASE %1").arg(m_session.quoteIdentifier(m_name))
                      : QStringLiteral("DROP SCHEMA %1 CASCADE")
                            .arg(m_session.quoteIdentifier(m_name)));
        } else {
            for (const QString& table : std::as_const(m_tables))
                query.exec(QStringLiteral("DROP TABLE %1").arg(table));
        }
    }

private:
    DatabaseSession& m_session;
    QString m_name;
    QString m_live;
    QStringList m_tables;
    bool m_active = false;
    bool m_createdContainer = false;
};

} // namespace

VerifyReport BackupVerifier::deep(const ConnectionProfile& profile, const QString& file,
                                  const QString& scratchName, const ProgressCallback& progressIn,
                                  const CancelToken& cancel, const WaitLimits& limits)
{
    ProgressCallback progress = progressIn; // watched once connected
    QElapsedTimer timer;
    timer.start();
    VerifyReport report = quick(file, {}, progress, cancel);
    if (report.ending != Ending::Succeeded || !report.verified) {
        if (report.ending == Ending::Succeeded) { // no manifest
            report.ending = Ending::Failed;
            report.error = makeError(
                QStringLiteral("there is no manifest to compare the scratch copy with"), file);
        }
        return report;
    }
    const BackupManifest manifest = report.manifest;
    if (manifest.engine != engineName(profile.engine)) {
        report.ending = Ending::Failed;
        report.verified = false;
        report.error =
            makeError(QStringLiteral("the backup is from %1 but the connection is to %2")
                          .arg(manifest.engine, engineName(profile.engine)),
                      file, QStringLiteral("Deep-verify it against the same kind of server."));
        return report;
    }

    DatabaseConnector::Options connectOptions;
    connectOptions.readTimeoutSeconds = 600;
    connectOptions.applicationName = QStringLiteral("omupgrade-verify");
    auto opened = DatabaseConnector::open(profile, connectOptions);
    if (!opened) {
        report.ending = Ending::Failed;
        report.verified = false;
        report.error = opened.error().toError();
        return report;
    }
    DatabaseSession& session = *opened.value();
    const QString liveSchema =
        profile.engine == Engine::MySql ? profile.database : profile.effectiveSchema();
    SessionWatchdog watchdog(session, cancel, limits, progressIn, liveSchema);
    progress = watchdog.progress();
    static_cast<void>(SessionWatchdog::setServerLockTimeout(session, limits));
    auto live = BackupCatalog::read(session, liveSchema);
    if (!live) {
        report.ending = Ending::Failed;
        report.verified = false;
        report.error = live.error();
        return report;
    }
    const QString name = scratchName.isEmpty() ? QStringLiteral("omu_verify_%1")
                                                     .arg(QRandomGenerator::global()->generate(), 8,
                                                          16, QLatin1Char('0'))
                                               : scratchName;
    ScratchCopy scratch(session, name, liveSchema);
    auto abandon = [&](Error error, Ending ending = Ending::Failed) {
        if (cancel.isCancelled()) {
            ending = Ending::Cancelled;
            error = makeError(QStringLiteral("verification was cancelled"));
        } else if (auto verdict = watchdog.verdict(error.message)) {
            error = *verdict;
        }
        if (watchdog.reason() != SessionWatchdog::Reason::Stalled)
            watchdog.standDown();
        scratch.drop();
        report.ending = ending;
        report.verified = false;
        report.error = std::move(error);
        report.seconds = timer.elapsed() / 1000.0;
        return report;
    };
    if (Status status = scratch.create(manifest, live.value()); !status)
        return abandon(status.error());
    if (session.engine() == Engine::Postgres) {
        QSqlQuery query(session.database());
        for (const char* setting : {"SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'",
                                    "SET extra_float_digits = 3", "SET TimeZone = 'UTC'",
                                    "SET bytea_output = 'hex'", "SET synchronize_seqscans = off"})
            query.exec(QString::fromLatin1(setting));
    }

    RestoreOptions replayOptions;
    replayOptions.resetSequences = false; // the scratch tables share the live sequences
    const RestoreOutcome replayed = BackupReplayer::replay(
        session, file, replayOptions, progress, cancel, BackupProgress::Phase::Replaying);
    if (replayed.ending == Ending::Cancelled)
        return abandon(makeError(QStringLiteral("verification was cancelled")), Ending::Cancelled);
    if (replayed.ending != Ending::Succeeded) {
        report.problems << QStringLiteral("replaying the file into the scratch copy failed: %1")
                               .arg(replayed.error.message);
        return abandon(replayed.error);
    }

    auto copy = BackupCatalog::read(session, name);
    if (!copy)
        return abandon(copy.error());
    QList<ProgressMeter::TableWeight> weights;
    for (const BackupTable& table : copy.value().tables)
        weights << ProgressMeter::TableWeight{
            table.name,
            manifest.findTable(table.sqlName) ? manifest.findTable(table.sqlName)->rows : 0,
            manifest.findTable(table.sqlName) ? manifest.findTable(table.sqlName)->bytes : 1};
    ProgressMeter meter(BackupProgress::Phase::Comparing, weights, progress);
    auto expectedSets = fileLineSets(file, cancel);
    if (!expectedSets) {
        if (TableReader::isCancelled(expectedSets.error()))
            return abandon(makeError(QStringLiteral("verification was cancelled")),
                           Ending::Cancelled);
        return abandon(expectedSets.error());
    }
    qint64 total = 0;
    int compared = 0;
    for (int i = 0; i < copy.value().tables.size(); ++i) {
        const BackupTable& table = copy.value().tables.at(i);
        meter.startTable(i);
        LineSetSink sink;
        auto dumped =
            TableDumper::dump(session, table, sink, cancel, [&](qint64 rows, qint64 bytes) {
                meter.update(rows, bytes, total + bytes);
            });
        if (!dumped) {
            if (TableReader::isCancelled(dumped.error()))
                return abandon(makeError(QStringLiteral("verification was cancelled")),
                               Ending::Cancelled);
            return abandon(dumped.error());
        }
        total += dumped.value().bytes;
        meter.finishTable(dumped.value().rows, dumped.value().bytes, total);
        const BackupManifest::Table* expected = manifest.findTable(table.sqlName);
        if (!expected)
            continue; // a table the file does not hold was never filled
        ++compared;
        if (dumped.value().rows != expected->rows)
            report.problems << QStringLiteral(
                                   "the table %1 holds %2 rows after replaying the file, "
                                   "the manifest says %3")
                                   .arg(table.sqlName)
                                   .arg(dumped.value().rows)
                                   .arg(expected->rows);
        else if (const auto found = expectedSets.value().constFind(table.sqlName);
                 found == expectedSets.value().constEnd() || !(sink.digest() == *found))
            report.problems << QStringLiteral("the table %1 reads back differently after replaying "
                                              "the file (the database changed a value)")
                                   .arg(table.sqlName);
    }
    if (compared != manifest.tables.size())
        report.problems << QStringLiteral("only %1 of the %2 tables could be compared")
                               .arg(compared)
                               .arg(manifest.tables.size());
    scratch.drop();
    report.deep = report.problems.isEmpty();
    report.verified = report.problems.isEmpty();
    report.notes << QStringLiteral("Deep check: replayed %1 statements into the scratch %2 %3, "
                                   "read every table back and compared it line for line with the "
                                   "file, which matches the manifest.")
                        .arg(replayed.statements)
                        .arg(profile.engine == Engine::MySql ? QStringLiteral("database")
                                                             : QStringLiteral("schema"),
                             name);
    return finish(report, timer);
}

} // namespace omu
