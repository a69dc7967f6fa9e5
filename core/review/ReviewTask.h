#pragma once

#include "Catalog.h"
#include "ReviewEngine.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

namespace omu {

// Runs ReviewEngine::run on a worker thread (the database connection, if any, is opened
// there) and emits finished() in the owner's thread. Starting again supersedes a run
// under way; cancel() stops it between checks.
class ReviewTask : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<ReviewReport>;

    explicit ReviewTask(QObject* parent = nullptr);
    ~ReviewTask() override;

    void start(std::shared_ptr<const Catalog> catalog, const ReviewRequest& request);
    void cancel();
    bool isRunning() const { return m_running; }
    const std::optional<Outcome>& outcome() const { return m_outcome; }

Q_SIGNALS:
    void started();
    void progress(const QString& text);
    void finished();

private:
    QList<QPointer<QThread>> m_threads;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::optional<Outcome> m_outcome;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace omu
