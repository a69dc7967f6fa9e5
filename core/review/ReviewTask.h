#pragma once

#include "Catalog.h"
#include "ReviewEngine.h"

#include "common/AsyncTask.h"

#include <QObject>

#include <memory>
#include <optional>

namespace omu {

// ReviewEngine::run off the UI thread (AsyncTask; the database connection, if any, is
// opened there); finished() in the owner's thread. Starting again supersedes a run
// under way; cancel() stops it between checks.
class ReviewTask : public QObject
{
    Q_OBJECT

public:
    using Outcome = Result<ReviewReport>;

    explicit ReviewTask(QObject* parent = nullptr);

    void start(std::shared_ptr<const Catalog> catalog, const ReviewRequest& request);
    void cancel();
    bool isRunning() const { return m_async->isRunning(); }
    const std::optional<Outcome>& outcome() const { return m_outcome; }

Q_SIGNALS:
    void started();
    void progress(const QString& text);
    void finished();

private:
    AsyncTask* m_async;
    std::optional<Outcome> m_outcome;
};

} // namespace omu
