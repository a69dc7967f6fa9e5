#pragma once

// SET GLOBAL sort_buffer_size changes the one shared MariaDB test server. Every test that
// changes it (test_tuning, test_cli_tune, test_wizard_tuning may run in parallel) holds
// this server-wide named lock while it does, and puts the original value back before
// letting go.
#include "TestServers.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <memory>

namespace omu::test {

class SortBufferLock
{
public:
    SortBufferLock()
    {
        QString error;
        QSqlDatabase db = TestServers::open(Engine::MySql, {}, &error);
        if (!db.isOpen()) {
            m_error = error;
            return;
        }
        m_connection = db.connectionName();
        QSqlQuery query(db);
        if (!query.exec(
                QStringLiteral("SELECT GET_LOCK('omupgrade_test_sort_buffer_size', 600)")) ||
            !query.next() || query.value(0).toInt() != 1) {
            m_error = QStringLiteral("could not take the sort_buffer_size test lock");
            return;
        }
        if (query.exec(QStringLiteral("SELECT @@GLOBAL.sort_buffer_size")) && query.next())
            m_original = query.value(0).toLongLong();
        m_locked = true;
    }
    ~SortBufferLock()
    {
        if (m_locked) {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            QSqlQuery query(db);
            if (m_original > 0)
                query.exec(QStringLiteral("SET GLOBAL sort_buffer_size = %1").arg(m_original));
            query.exec(QStringLiteral("SELECT RELEASE_LOCK('omupgrade_test_sort_buffer_size')"));
        }
        if (!m_connection.isEmpty()) {
            QSqlDatabase::database(m_connection, false).close();
            QSqlDatabase::removeDatabase(m_connection);
        }
    }
    SortBufferLock(const SortBufferLock&) = delete;
    SortBufferLock& operator=(const SortBufferLock&) = delete;

    bool locked() const { return m_locked; }
    QString error() const { return m_error; }
    // The global value when the lock was taken; restored when it is released.
    qint64 original() const { return m_original; }

private:
    QString m_connection;
    QString m_error;
    qint64 m_original = -1;
    bool m_locked = false;
};

// The lock for a test that runs on `engine`: only MariaDB's value is server-wide.
inline std::unique_ptr<SortBufferLock> sortBufferLockFor(Engine engine)
{
    return engine == Engine::MySql ? std::make_unique<SortBufferLock>() : nullptr;
}

} // namespace omu::test
