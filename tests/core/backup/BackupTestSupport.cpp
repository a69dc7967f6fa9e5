#include "BackupTestSupport.h"

#include "backup/BackupCatalog.h"
#include "backup/BackupWriter.h"
#include "OpenMetadataFixture.h"
#include "TestServers.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace omu::test {

ScratchDatabase::ScratchDatabase(Engine engine, const QString& prefix)
    : m_engine(engine), m_name(TestServers::uniqueName(prefix))
{
    if (!TestServers::admin(engine)) {
        m_error = TestServers::unavailableMessage(engine);
        return;
    }
    m_ok = TestServers::createDatabase(engine, m_name, &m_error);
}

ScratchDatabase::~ScratchDatabase()
{
    if (m_ok)
        TestServers::dropDatabase(m_engine, m_name);
}

ConnectionProfile ScratchDatabase::profile() const
{
    auto admin = TestServers::admin(m_engine, m_name);
    return admin ? *admin : ConnectionProfile{};
}

bool ScratchDatabase::fill(qint64 rows, quint64 seed, qint64 megabytes, QString* error)
{
    fixture::FixtureOptions options;
    options.rowsPerEntityTable = std::max<qint64>(1, rows);
    options.targetMegabytes = megabytes;
    options.seed = seed;
    options.hostile = true;
    const auto built = fixture::OpenMetadataFixture::build(profile(), options);
    if (!built && error)
        *error = built.error().toString();
    return built.ok();
}

QString backUp(const ScratchDatabase& source, const QString& folder, const QString& name,
               QString* error)
{
    BackupOptions options;
    options.folder = folder;
    options.fileName = name;
    const BackupOutcome outcome = BackupWriter::run(source.profile(), options);
    if (outcome.ending != Ending::Succeeded) {
        *error =
            QStringLiteral("backup of %1 failed: %2").arg(source.name(), outcome.error.toString());
        return {};
    }
    return outcome.file;
}

RoundTrip::RoundTrip(Engine engine, const QString& targetPrefix)
    : source(engine, QStringLiteral("omu_bk_src")), target(engine, targetPrefix)
{
}

bool RoundTrip::prepare(FixtureFill sourceFill, FixtureFill targetFill, const QString& fileName,
                        QString* error)
{
    for (const ScratchDatabase* database : {&source, &target})
        if (!database->ok()) {
            *error = database->error();
            return false;
        }
    QString problem;
    if (!source.fill(sourceFill.rows, sourceFill.seed, 0, &problem)) {
        *error = QStringLiteral("filling the source: ") + problem;
        return false;
    }
    if (!target.fill(targetFill.rows, targetFill.seed, 0, &problem)) {
        *error = QStringLiteral("filling the target: ") + problem;
        return false;
    }
    file = backUp(source, folder.path(), fileName, error);
    return !file.isEmpty();
}

QMap<QString, QByteArray> contentDigests(Engine engine, const QString& database, bool everyTable)
{
    const auto profile = TestServers::admin(engine, database);
    if (!profile) {
        qWarning("%s", qPrintable(TestServers::unavailableMessage(engine)));
        return {};
    }
    return contentDigests(*profile, everyTable);
}

QMap<QString, QByteArray> contentDigests(const ConnectionProfile& profile, bool everyTable)
{
    const Engine engine = profile.engine;
    QMap<QString, QByteArray> digests;
    QString error;
    QSqlDatabase db = TestServers::open(profile, &error);
    if (!db.isOpen()) {
        qWarning("cannot open %s: %s", qPrintable(profile.database), qPrintable(error));
        return digests;
    }
    const QString connection = db.connectionName();
    {
        QSqlQuery query(db);
        QStringList tables;
        query.exec(
            engine == Engine::MySql
                ? QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                                 "TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")
                : QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
        while (query.next())
            tables << query.value(0).toString();
        for (const QString& table : std::as_const(tables)) {
            if (BackupCatalog::isChangeLogTable(table) && !everyTable)
                continue;
            QSqlQuery rows(db);
            rows.setForwardOnly(true);
            const QString quoted = engine == Engine::MySql ? QStringLiteral("`%1`").arg(table)
                                                           : QStringLiteral("\"%1\"").arg(table);
            if (!rows.exec(QStringLiteral("SELECT * FROM %1").arg(quoted))) {
                qWarning("%s: %s", qPrintable(table), qPrintable(rows.lastError().text()));
                continue;
            }
            QList<QByteArray> rowHashes;
            while (rows.next()) {
                QCryptographicHash hash(QCryptographicHash::Sha256);
                const int columns = rows.record().count();
                for (int i = 0; i < columns; ++i) {
                    const QVariant value = rows.value(i);
                    hash.addData(QByteArrayView("\x1f"));
                    if (value.isNull())
                        hash.addData(QByteArrayView("\x01NULL"));
                    else if (value.typeId() == QMetaType::QDateTime)
                        hash.addData(value.toDateTime().toString(Qt::ISODateWithMs).toUtf8());
                    else if (value.typeId() == QMetaType::QByteArray)
                        hash.addData(value.toByteArray());
                    else
                        hash.addData(value.toString().toUtf8());
                }
                rowHashes << hash.result();
            }
            std::sort(rowHashes.begin(), rowHashes.end());
            QCryptographicHash all(QCryptographicHash::Sha256);
            for (const QByteArray& row : std::as_const(rowHashes))
                all.addData(row);
            digests.insert(table, QByteArray::number(rowHashes.size()) + " rows " +
                                      all.result().toHex().left(16));
        }
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connection);
    return digests;
}

bool runEachLineWithClient(Engine engine, const QString& database, const QString& file,
                           QString* error, int* linesRun)
{
    const auto admin = TestServers::admin(engine, database);
    if (!admin) {
        *error = TestServers::unavailableMessage(engine);
        return false;
    }
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        *error = input.errorString();
        return false;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString program;
    QStringList arguments;
    if (engine == Engine::Postgres) {
        program = QStringLiteral("psql");
        arguments << QStringLiteral("-X") << QStringLiteral("-q") << QStringLiteral("-v")
                  << QStringLiteral("ON_ERROR_STOP=1") << QStringLiteral("-h") << admin->host
                  << QStringLiteral("-p") << QString::number(admin->port) << QStringLiteral("-U")
                  << admin->user << QStringLiteral("-d") << database << QStringLiteral("-f")
                  << QStringLiteral("-");
        environment.insert(QStringLiteral("PGPASSWORD"), admin->password);
    } else {
        program = QStringLiteral("mariadb");
        arguments << QStringLiteral("--no-defaults") << QStringLiteral("-h") << admin->host
                  << QStringLiteral("-P") << QString::number(admin->port) << QStringLiteral("-u")
                  << admin->user << QStringLiteral("--default-character-set=utf8mb4") << database;
        environment.insert(QStringLiteral("MYSQL_PWD"), admin->password);
    }
    int number = 0;
    while (!input.atEnd()) {
        const QByteArray line = input.readLine();
        ++number;
        QProcess client;
        client.setProcessEnvironment(environment);
        client.start(program, arguments);
        if (!client.waitForStarted(10'000)) {
            *error = QStringLiteral("cannot start %1: %2").arg(program, client.errorString());
            return false;
        }
        client.write(line);
        client.closeWriteChannel();
        if (!client.waitForFinished(60'000)) {
            client.kill();
            client.waitForFinished();
            *error = QStringLiteral("line %1: the client did not finish").arg(number);
            return false;
        }
        const QByteArray complaints = client.readAllStandardError();
        if (client.exitStatus() != QProcess::NormalExit || client.exitCode() != 0 ||
            !complaints.trimmed().isEmpty()) {
            *error = QStringLiteral("line %1 failed in %2 (exit %3): %4\n%5")
                         .arg(number)
                         .arg(program)
                         .arg(client.exitCode())
                         .arg(QString::fromUtf8(complaints.trimmed()),
                              QString::fromUtf8(line.left(300)));
            return false;
        }
    }
    if (linesRun)
        *linesRun = number;
    return true;
}

QStringList filesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

QStringList completeLookingFiles(const QString& folder)
{
    QStringList found;
    for (const QString& name : filesIn(folder)) {
        if (name.endsWith(QLatin1String(".sql")))
            found << name;
        else if (name.endsWith(QLatin1String(".manifest.json")) &&
                 readFile(QDir(folder).filePath(name)).contains("\"complete\": true"))
            found << name;
    }
    return found;
}

} // namespace omu::test
