#pragma once

// Shared by the migration tests: an OpenMetadata 1.1.5-shaped database per engine (the
// fixture), fake distributions, and small helpers to read the database back.
#include "FakeDistribution.h"
#include "OpenMetadataFixture.h"
#include "TestServers.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace omu::test {

// A fixture database that is dropped when the object goes.
class FixtureDatabase
{
public:
    FixtureDatabase() = default;
    FixtureDatabase(const FixtureDatabase&) = delete;
    FixtureDatabase& operator=(const FixtureDatabase&) = delete;
    ~FixtureDatabase()
    {
        if (!m_name.isEmpty())
            TestServers::dropDatabase(m_engine, m_name);
    }

    // Creates and fills it; on failure returns false with `error` set.
    bool create(Engine engine, QString* error, qint64 rows = 20)
    {
        m_engine = engine;
        const auto admin = TestServers::admin(engine);
        if (!admin) {
            *error = TestServers::unavailableMessage(engine);
            return false;
        }
        m_name = TestServers::uniqueName(QStringLiteral("omu_mig"));
        if (!TestServers::createDatabase(engine, m_name, error))
            return false;
        fixture::FixtureOptions options;
        options.rowsPerEntityTable = rows;
        const auto built = fixture::OpenMetadataFixture::build(profile(), options);
        if (!built) {
            *error = built.error().toString();
            return false;
        }
        return true;
    }

    ConnectionProfile profile() const { return *TestServers::admin(m_engine, m_name); }
    Engine engine() const { return m_engine; }
    QString name() const { return m_name; }

    QString table(const char* lower) const
    {
        return m_engine == Engine::MySql ? QString::fromLatin1(lower).toUpper()
                                         : QString::fromLatin1(lower);
    }

    // The first column of every row, as text; an error fails the running test.
    QStringList column(const QString& sql) const
    {
        QString error;
        QSqlDatabase db = TestServers::open(m_engine, m_name, &error);
        QStringList values;
        {
            QSqlQuery query(db);
            if (!query.exec(sql))
                QTest::qFail(
                    qPrintable(sql + QStringLiteral(": ") + query.lastError().text() + error),
                    __FILE__, __LINE__);
            while (query.next())
                values << query.value(0).toString();
        }
        const QString connection = db.connectionName();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        return values;
    }

    bool exec(const QString& sql, QString* error = nullptr) const
    {
        return TestServers::exec(m_engine, m_name, sql, error);
    }

    QStringList appliedVersions() const
    {
        return column(QStringLiteral("SELECT version FROM %1 ORDER BY installed_rank")
                          .arg(table("server_change_log")));
    }

private:
    Engine m_engine = Engine::Unknown;
    QString m_name;
};

inline QString assembled(QTemporaryDir& dir, const QString& version)
{
    const QString folder = dir.filePath(QStringLiteral("openmetadata-") + version);
    if (QDir(folder).exists())
        return folder;
    QString error;
    if (!FakeDistribution::assemble(version, folder, &error))
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    return folder;
}

} // namespace omu::test
