#pragma once

// Data rows for a test that runs once per engine: addEngineRows() in its _data function,
// QFETCH(Engine, engine) in the test.
#include "connection/ConnectionProfile.h"

#include <QMetaType>
#include <QTest>

Q_DECLARE_METATYPE(omu::Engine)

namespace omu::test {

inline void addEngineRows()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("mariadb") << Engine::MySql;
    QTest::newRow("postgres") << Engine::Postgres;
}

} // namespace omu::test
