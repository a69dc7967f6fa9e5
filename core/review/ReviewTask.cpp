#include "ReviewTask.h"

#include <QPointer>

#include <QMetaObject>

namespace omu {

ReviewTask::ReviewTask(QObject* parent)
    : QObject(parent), m_async(new AsyncTask(AsyncTask::Overlap::Supersede, this))
{
}

void ReviewTask::start(std::shared_ptr<const Catalog> catalog, const ReviewRequest& request)
{
    auto outcome = std::make_shared<std::optional<Outcome>>();
    const quint64 generation = m_async->generation() + 1; // the run start() begins below
    QPointer<ReviewTask> self(this);
    m_async->start(
        [catalog, request, outcome, self, generation](const CancelToken& cancel) {
            *outcome = ReviewEngine::run(
                *catalog, request, cancel, [self, generation](const QString& text) {
                    if (self)
                        self->m_async->post(generation,
                                            [self, text] { Q_EMIT self->progress(text); });
                });
        },
        [this, outcome] {
            if (!outcome->has_value())
                return;
            m_outcome.reset();
            m_outcome.emplace(std::move(**outcome));
            Q_EMIT finished();
        });
    Q_EMIT started();
}

void ReviewTask::cancel()
{
    m_async->cancel();
}

} // namespace omu
