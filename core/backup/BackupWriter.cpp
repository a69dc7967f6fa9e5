#include "BackupWriter.h"

#include "BackupCatalog.h"
#include "BackupFiles.h"
#include "BackupFileWriter.h"
#include "common/AtomicFile.h"
#include "common/DisplayText.h"
#include "connection/DatabaseConnector.h"
#include "connection/SessionControl.h"
#include "ProgressMeter.h"
#include "SchemaSnapshot.h"
#include "TableDumper.h"
#include "TableReader.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace omu {

namespace {

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

Status BackupWriter::beginSnapshot(DatabaseSession& session)
{
    QSqlQuery query(session.database());
    QStringList statements;
    if (session.engine() == Engine::MySql) {
        // Keyset bounds are written with backslash escapes, which NO_BACKSLASH_ESCAPES
        // would turn into different values.
        statements << QStringLiteral("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, "
                                     "'NO_BACKSLASH_ESCAPES', '')")
                   // Rows are streamed: the server may wait on a busy client for a while.
                   << QStringLiteral("SET SESSION net_write_timeout = 600")
                   << QStringLiteral("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                   << QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    } else {
        // Output settings that make ::text exact and restorable anywhere; scans that start
        // at the table's first page, so an unchanged table comes out in the same order.
        statements << QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                   << QStringLiteral("SET LOCAL DateStyle = 'ISO, YMD'")
                   << QStringLiteral("SET LOCAL IntervalStyle = 'postgres'")
                   << QStringLiteral("SET LOCAL extra_float_digits = 3")
                   << QStringLiteral("SET LOCAL TimeZone = 'UTC'")
                   << QStringLiteral("SET LOCAL bytea_output = 'hex'")
                   << QStringLiteral("SET LOCAL statement_timeout = 0")
                   << QStringLiteral("SET LOCAL synchronize_seqscans = off");
    }
    for (const QString& statement : statements)
        if (!query.exec(statement))
            return makeError(QStringLiteral("could not start a consistent snapshot: %1")
                                 .arg(query.lastError().text().trimmed()),
                             session.profile().displayName(),
                             QStringLiteral("The account needs to read every table; check its "
                                            "privileges."));
    return {};
}

void BackupWriter::endSnapshot(DatabaseSession& session)
{
    if (session.database().isOpen()) // not after a lost connection
        QSqlQuery(session.database()).exec(QStringLiteral("ROLLBACK"));
}

namespace {

Status writePrivateFile(const QString& path, const QByteArray& content)
{
    const QByteArray name = path.toLocal8Bit();
    const int fd =
        ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return BackupFileWriter::writeError(errno, path);
    ::fchmod(fd, S_IRUSR | S_IWUSR);
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + done, size_t(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(name.constData());
            return BackupFileWriter::writeError(error, path);
        }
        done += n;
    }
    if (::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        ::unlink(name.constData());
        return BackupFileWriter::writeError(error, path);
    }
    ::close(fd);
    return {};
}

BackupOutcome failed(BackupOutcome outcome, Error error, const QElapsedTimer& timer)
{
    outcome.ending = TableReader::isCancelled(error) ? Ending::Cancelled : Ending::Failed;
    outcome.error = TableReader::isCancelled(error)
                        ? makeError(QStringLiteral("the backup was cancelled; nothing was kept"))
                        : std::move(error);
    outcome.file.clear();
    outcome.manifestFile.clear();
    outcome.seconds = timer.elapsed() / 1000.0;
    return outcome;
}

} // namespace

BackupOutcome BackupWriter::run(const ConnectionProfile& profile, const BackupOptions& options,
                                const ProgressCallback& progress, const CancelToken& cancel)
{
    QElapsedTimer timer;
    timer.start();
    BackupOutcome outcome;
    BackupProgress preparing;
    ProgressCallback report = progress; // watched once connected
    auto say = [&](const QString& message) {
        preparing.message = message;
        preparing.seconds = timer.elapsed() / 1000.0;
        if (report)
            report(preparing);
    };

    const QString folder = QDir(options.folder).absolutePath();
    if (options.folder.isEmpty() || !QFileInfo(folder).isDir())
        return failed(outcome,
                      makeError(QStringLiteral("the folder does not exist"), folder,
                                QStringLiteral("Create it or choose another folder.")),
                      timer);
    const QString fileName =
        options.fileName.isEmpty() ? BackupFiles::defaultFileName() : options.fileName;
    if (!BackupFiles::isUsableName(fileName))
        return failed(
            outcome,
            makeError(QStringLiteral("\"%1\" is not a usable file name")
                          .arg(DisplayText::value(fileName, 100)),
                      folder,
                      QStringLiteral("Give a plain name such as openmetadata_backup.sql: no "
                                     "folders, no line breaks or other control characters.")),
            timer);
    const QString path = QDir(folder).filePath(fileName);

    const QStringList cleaned = BackupFiles::cleanUpInterrupted(folder);
    outcome.notes << cleaned;
    // The name asked for belonged to a backup that crashed at its very end and is now
    // finished: say so, rather than only "already exists".
    for (const QString& note : cleaned)
        if (note.startsWith(QStringLiteral("finished the interrupted backup %1 ").arg(fileName)))
            return failed(
                outcome,
                makeError(QStringLiteral("an earlier run of this backup was interrupted at its "
                                         "end; it was complete and is now kept under this name"),
                          path,
                          QStringLiteral("Use it (omupgrade verify --input %1 checks it again), or "
                                         "choose another file name for a new backup.")
                              .arg(path)),
                timer);

    // Claim the name first: an unwritable folder or a name in use is reported before any
    // time is spent on the database.
    auto created = BackupFileWriter::create(path);
    if (!created)
        return failed(outcome, created.error(), timer);
    BackupFileWriter& file = *created.value();
    // The rows of the tables the official format leaves out, for a rollback.
    auto historyCreated = BackupFileWriter::create(BackupFiles::historyPath(path));
    if (!historyCreated)
        return failed(outcome, historyCreated.error(), timer);
    BackupFileWriter& history = *historyCreated.value();

    say(QStringLiteral("connecting to %1").arg(profile.displayName()));
    DatabaseConnector::Options connectOptions;
    connectOptions.readTimeoutSeconds = 600;
    connectOptions.applicationName = QStringLiteral("omupgrade-backup");
    auto opened = DatabaseConnector::open(profile, connectOptions);
    if (!opened)
        return failed(outcome, opened.error().toError(), timer);
    DatabaseSession& session = *opened.value();
    const QString schema =
        profile.engine == Engine::MySql ? profile.database : profile.effectiveSchema();
    // From here on nothing waits forever: lock waits are reported and bounded, a frozen
    // server is let go, and a cancel ends even a blocked statement.
    SessionWatchdog watchdog(session, cancel, options.limits, progress, schema);
    report = watchdog.progress();
    auto fail = [&](Error error) {
        if (cancel.isCancelled())
            return failed(outcome, TableReader::cancelledError(), timer);
        if (auto verdict = watchdog.verdict(error.message))
            return failed(outcome, *verdict, timer);
        return failed(outcome, std::move(error), timer);
    };
    if (cancel.isCancelled())
        return fail(TableReader::cancelledError());

    const QString startedAt = isoNow();
    if (Status status = SessionWatchdog::setServerLockTimeout(session, options.limits); !status)
        return fail(status.error());
    if (Status status = beginSnapshot(session); !status)
        return fail(status.error());
    say(QStringLiteral("reading the catalog"));
    auto catalog = BackupCatalog::read(session, schema);
    if (!catalog) {
        endSnapshot(session);
        return fail(catalog.error());
    }
    BackupCatalog::Contents contents = std::move(catalog).value();
    const auto server = BackupCatalog::server(session);
    const auto version = BackupCatalog::openMetadataVersion(session, contents);
    if (!version) {
        endSnapshot(session);
        return fail(version.error());
    }
    if (version.value().isEmpty())
        outcome.notes << QStringLiteral(
            "There is no SERVER_CHANGE_LOG table: the OpenMetadata "
            "version (1.0.x or older) is not recorded in the manifest.");
    say(QStringLiteral("reading the schema"));
    auto schemaSnapshot = SchemaSnapshot::read(session, schema);
    if (!schemaSnapshot) {
        endSnapshot(session);
        return fail(schemaSnapshot.error());
    }
    schemaSnapshot.value().databaseBytes = contents.databaseBytes;
    const qint64 sessionId = SessionControl::serverId(session);
    if (options.checkSpace) {
        if (Status status = BackupFiles::checkSpace(folder, contents.databaseBytes); !status) {
            endSnapshot(session);
            return fail(status.error());
        }
    }

    QList<ProgressMeter::TableWeight> weights;
    for (const BackupTable& table : contents.tables)
        weights << ProgressMeter::TableWeight{table.name, table.estimatedRows,
                                              std::max<qint64>(table.estimatedBytes, 8192)};
    ProgressMeter meter(BackupProgress::Phase::Dumping, weights, report);

    BackupManifest manifest;
    manifest.toolVersion = QStringLiteral(OMU_VERSION);
    manifest.engine = engineName(profile.engine);
    manifest.serverFlavour = server.flavour;
    manifest.serverVersion = server.version;
    manifest.openMetadataVersion = version.value();
    manifest.database = profile.database;
    manifest.schema = profile.engine == Engine::Postgres ? schema : QString();
    manifest.source = profile.displayName();
    manifest.file = fileName;
    manifest.startedAt = startedAt;
    manifest.snapshot =
        profile.engine == Engine::MySql
            ? QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY "
                             "(repeatable read)")
            : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    manifest.skippedTables = contents.skippedTables;

    for (int i = 0; i < contents.tables.size(); ++i) {
        const BackupTable& table = contents.tables.at(i);
        if (options.beforeTable)
            options.beforeTable(table.name, i);
        if (cancel.isCancelled()) {
            endSnapshot(session);
            return fail(TableReader::cancelledError());
        }
        // An exact count of a small table, taken just before reading it (counting every
        // table up front would lock them all and make concurrent DDL wait on the backup).
        QList<BackupTable> one{table};
        if (Status status = BackupCatalog::countSmallTables(session, one, exactCountLimitBytes);
            !status) {
            endSnapshot(session);
            return fail(status.error());
        }
        meter.setTableEstimate(i, one.first().estimatedRows);
        meter.startTable(i);
        auto dumped =
            TableDumper::dump(session, table, file, cancel, [&](qint64 rows, qint64 bytes) {
                meter.update(rows, bytes, file.bytesWritten());
            });
        if (!dumped) {
            endSnapshot(session);
            return fail(dumped.error());
        }
        // A read that ended early without an error would show here (the count was taken
        // in the same snapshot).
        if (one.first().rowsExact && dumped.value().rows != one.first().estimatedRows) {
            endSnapshot(session);
            return fail(makeError(QStringLiteral("%1 rows were read but the table holds %2")
                                      .arg(dumped.value().rows)
                                      .arg(one.first().estimatedRows),
                                  table.name, QStringLiteral("Back up again.")));
        }
        meter.finishTable(dumped.value().rows, dumped.value().bytes, file.bytesWritten());
        BackupManifest::Table entry;
        entry.name = table.name;
        entry.sqlName = table.sqlName;
        entry.style = BackupTable::styleName(table.style);
        entry.columns = table.dumpColumnNames();
        entry.rows = dumped.value().rows;
        entry.bytes = dumped.value().bytes;
        manifest.tables << entry;
        manifest.rows += entry.rows;
    }
    for (const BackupTable& table : std::as_const(contents.changeLogTables)) {
        if (cancel.isCancelled()) {
            endSnapshot(session);
            return fail(TableReader::cancelledError());
        }
        say(QStringLiteral("reading %1").arg(table.name));
        auto dumped = TableDumper::dump(session, table, history, cancel);
        if (!dumped) {
            endSnapshot(session);
            return fail(dumped.error());
        }
        BackupManifest::Table entry;
        entry.name = table.name;
        entry.sqlName = table.sqlName;
        entry.style = BackupTable::styleName(table.style);
        entry.columns = table.dumpColumnNames();
        entry.rows = dumped.value().rows;
        entry.bytes = dumped.value().bytes;
        manifest.historyTables << entry;
    }
    // A driver that reconnected behind our back would have read later tables outside the
    // snapshot; make sure the session is still the one that began it.
    if (SessionControl::serverId(session) != sessionId || sessionId == 0) {
        endSnapshot(session);
        return fail(makeError(QStringLiteral("the connection to the server was re-established "
                                             "during the backup, so it no longer reads one "
                                             "snapshot"),
                              profile.displayName(), QStringLiteral("Back up again.")));
    }
    endSnapshot(session);

    preparing.phase = BackupProgress::Phase::Finishing;
    say(QStringLiteral("writing to disk"));
    if (Status status = file.flushToDisk(); !status)
        return fail(status.error());
    if (cancel.isCancelled())
        return fail(TableReader::cancelledError());
    manifest.bytes = file.bytesWritten();
    manifest.sha256 = QString::fromLatin1(file.sha256());
    const QList<QByteArray> tableHashes = file.tableSha256();
    if (tableHashes.size() != manifest.tables.size())
        return fail(makeError(QStringLiteral("internal error: %1 table hashes for %2 tables")
                                  .arg(tableHashes.size())
                                  .arg(manifest.tables.size())));
    for (qsizetype i = 0; i < tableHashes.size(); ++i)
        manifest.tables[i].sha256 = QString::fromLatin1(tableHashes.at(i));
    if (Status status = history.flushToDisk(); !status)
        return fail(status.error());
    const QList<QByteArray> historyHashes = history.tableSha256();
    for (qsizetype i = 0; i < historyHashes.size() && i < manifest.historyTables.size(); ++i)
        manifest.historyTables[i].sha256 = QString::fromLatin1(historyHashes.at(i));
    manifest.historyFile = {QFileInfo(history.finalPath()).fileName(), history.bytesWritten(),
                            QString::fromLatin1(history.sha256())};
    const QByteArray schemaJson = schemaSnapshot.value().toJson();
    Sha256 schemaHash;
    schemaHash.addData(schemaJson);
    const QString schemaFile = BackupFiles::schemaPath(path);
    manifest.schemaFile = {QFileInfo(schemaFile).fileName(), schemaJson.size(),
                           QString::fromLatin1(schemaHash.hexDigest())};
    manifest.finishedAt = isoNow();
    manifest.seconds = timer.elapsed() / 1000.0;
    manifest.complete = true;

    // The manifest takes its name first and the backup its own after it: at no instant is
    // there a complete-looking backup without its complete manifest. Cut off between the
    // two, the folder holds the manifest and the unlocked partial, which the next backup
    // into it checks against each other and finishes (or removes).
    // The sidecars are named before the manifest, so a manifest never names a missing one;
    // without their backup, the next backup into the folder removes them.
    const QByteArray schemaName = QFile::encodeName(schemaFile);
    const QString schemaPartial = BackupFiles::partialPath(schemaFile);
    if (Status status = writePrivateFile(schemaPartial, schemaJson); !status)
        return fail(status.error());
    if (::link(QFile::encodeName(schemaPartial).constData(), schemaName.constData()) != 0) {
        const Error error = BackupFileWriter::writeError(errno, schemaFile);
        ::unlink(QFile::encodeName(schemaPartial).constData());
        return fail(error);
    }
    ::unlink(QFile::encodeName(schemaPartial).constData());
    auto removeSidecars = [&] {
        ::unlink(schemaName.constData());
        if (history.isCommitted())
            ::unlink(QFile::encodeName(history.finalPath()).constData());
    };
    if (Status status = history.commit(); !status && !history.isCommitted()) {
        removeSidecars();
        return fail(status.error());
    }
    const QString manifestFile = BackupFiles::manifestPath(path);
    const QString manifestPartial = BackupFiles::partialPath(manifestFile);
    const QByteArray manifestName = QFile::encodeName(manifestFile);
    if (Status status = writePrivateFile(manifestPartial, manifest.toJson()); !status) {
        removeSidecars();
        return fail(status.error());
    }
    if (::link(QFile::encodeName(manifestPartial).constData(), manifestName.constData()) != 0) {
        const Error error = BackupFileWriter::writeError(errno, manifestFile);
        ::unlink(QFile::encodeName(manifestPartial).constData());
        removeSidecars();
        return fail(error);
    }
    ::unlink(QFile::encodeName(manifestPartial).constData());
    if (Status status = AtomicFile::syncFolder(folder); !status) {
        ::unlink(manifestName.constData());
        removeSidecars();
        return fail(status.error());
    }
    // Test hook: a crash right here must leave nothing complete-looking behind.
    if (qEnvironmentVariable("OMU_TEST_CRASH_POINT") == QLatin1String("after-manifest"))
        ::_exit(86);
    if (Status status = file.commit(); !status) {
        if (file.isCommitted()) { // named, only the folder's fsync failed
            outcome.notes << status.error().toString();
        } else {
            ::unlink(manifestName.constData()); // ours, named a moment ago: no backup, no manifest
            removeSidecars();
            return fail(status.error());
        }
    }

    outcome.ending = Ending::Succeeded;
    outcome.file = path;
    outcome.manifestFile = manifestFile;
    outcome.manifest = manifest;
    outcome.seconds = timer.elapsed() / 1000.0;
    return outcome;
}

} // namespace omu
