#pragma once

#include "connection/ConnectionProfile.h"
#include "DatabaseMigrationState.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace omu {

// Reads the database's migration bookkeeping every few seconds on its own thread and
// connection (timeouts from the profile), so the progress the tool prints is confirmed
// by what the database really records. A failed read is reported and retried; it never
// stops the migration.
class ChangeLogPoller : public QObject
{
    Q_OBJECT

public:
    explicit ChangeLogPoller(QObject* parent = nullptr);
    ~ChangeLogPoller() override;

    void start(const ConnectionProfile& profile, int intervalMs = 2000);
    // Asks the thread to end; it finishes its current read (bounded by the timeouts).
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    void stateRead(const omu::DatabaseMigrationState& state);
    void readFailed(const QString& message);

private:
    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_stop;
};

} // namespace omu

Q_DECLARE_METATYPE(omu::DatabaseMigrationState)
