#include "ChangeLogPoller.h"

#include "connection/DatabaseConnector.h"

#include <QPointer>

namespace omu {

ChangeLogPoller::ChangeLogPoller(QObject* parent) : QObject(parent) {}

ChangeLogPoller::~ChangeLogPoller()
{
    stop();
    if (m_thread)
        m_thread->wait(); // bounded: every call in the loop has a timeout
}

bool ChangeLogPoller::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void ChangeLogPoller::start(const ConnectionProfile& profile, int intervalMs)
{
    stop();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    auto stopFlag = std::make_shared<std::atomic_bool>(false);
    m_stop = stopFlag;
    QPointer<ChangeLogPoller> self(this);
    m_thread = QThread::create([profile, intervalMs, stopFlag, self] {
        DatabaseConnector::Options options;
        options.readTimeoutSeconds = 30;
        options.applicationName = QStringLiteral("omupgrade-progress");
        std::unique_ptr<DatabaseSession> session;
        while (!*stopFlag) {
            if (!session) {
                auto opened = DatabaseConnector::open(profile, options);
                if (opened) {
                    session = std::move(opened.value());
                    DatabaseMigrationState::limitStatementTime(*session, 30);
                } else if (!*stopFlag)
                    QMetaObject::invokeMethod(
                        self,
                        [self, message = opened.error().summary] {
                            if (self)
                                Q_EMIT self->readFailed(message);
                        },
                        Qt::QueuedConnection);
            }
            if (session && !*stopFlag) {
                auto state = DatabaseMigrationState::read(*session);
                if (state) {
                    QMetaObject::invokeMethod(
                        self,
                        [self, value = state.value()] {
                            if (self)
                                Q_EMIT self->stateRead(value);
                        },
                        Qt::QueuedConnection);
                } else {
                    session.reset(); // reconnect next time
                    QMetaObject::invokeMethod(
                        self,
                        [self, message = state.error().message] {
                            if (self)
                                Q_EMIT self->readFailed(message);
                        },
                        Qt::QueuedConnection);
                }
            }
            for (int waited = 0; waited < intervalMs && !*stopFlag; waited += 50)
                QThread::msleep(50);
        }
    });
    m_thread->setObjectName(QStringLiteral("omupgrade-changelog-poller"));
    m_thread->start();
}

void ChangeLogPoller::stop()
{
    if (m_stop)
        *m_stop = true;
}

} // namespace omu
