#pragma once

// Throwaway OpenMetadata-shaped databases on the test servers: each test creates what it
// needs by engine, and every one is dropped when the owner goes (the end of the test case).
// Header-only so that only tests linking omupgrade_fixture include it.
#include "OpenMetadataFixture.h"
#include "TestServers.h"

#include <QList>
#include <QPair>
#include <QString>

namespace omu::test {

class FixtureDatabases
{
public:
    FixtureDatabases() = default;
    FixtureDatabases(const FixtureDatabases&) = delete;
    FixtureDatabases& operator=(const FixtureDatabases&) = delete;
    ~FixtureDatabases() { dropAll(); }

    // A new database named <prefix>_<unique> holding the 1.1.5-shaped fixture.
    QString create(Engine engine, const QString& prefix, int rowsPerEntityTable = 20)
    {
        const QString name = TestServers::uniqueName(prefix);
        QString error;
        if (!TestServers::createDatabase(engine, name, &error))
            qFatal("%s", qPrintable(error));
        m_databases << qMakePair(engine, name);
        fixture::FixtureOptions options;
        options.rowsPerEntityTable = rowsPerEntityTable;
        const auto built =
            fixture::OpenMetadataFixture::build(*TestServers::admin(engine, name), options);
        if (!built)
            qFatal("%s", qPrintable(built.error().toString()));
        return name;
    }

    void dropAll()
    {
        for (const auto& [engine, name] : std::as_const(m_databases))
            TestServers::dropDatabase(engine, name);
        m_databases.clear();
    }

private:
    QList<QPair<Engine, QString>> m_databases;
};

} // namespace omu::test
