#include "MigrationCommandPreparer.h"

#include "common/AsyncTask.h"

#include <memory>

namespace omu::ui {

MigrationCommandPreparer::MigrationCommandPreparer(QObject* parent)
    : QObject(parent), m_worker(new AsyncTask(this))
{
    connect(m_worker, &AsyncTask::finished, this, &MigrationCommandPreparer::readEnded);
}

bool MigrationCommandPreparer::isBusy() const
{
    return m_worker->isRunning() || m_waiting.has_value();
}

void MigrationCommandPreparer::preview(const Request& request, Done done)
{
    ++m_generation; // whatever a kubectl read still in flight answers is stale now
    if (request.settings.mode != MigrationMode::KubernetesJob) {
        m_waiting.reset();
        done(ToolCommandLineBuilder::build(request.distribution, request.profile, request.settings,
                                           request.action));
        return;
    }
    if (m_worker->isRunning()) {
        m_waiting.emplace(request, std::move(done));
        return;
    }
    launch(request, std::move(done), true);
}

void MigrationCommandPreparer::prepareRun(const Request& request, Done done)
{
    if (request.settings.mode != MigrationMode::KubernetesJob) {
        done(ToolCommandLineBuilder::build(request.distribution, request.profile, request.settings,
                                           request.action));
        return;
    }
    launch(request, std::move(done), false);
}

void MigrationCommandPreparer::launch(const Request& request, Done done, bool checkGeneration)
{
    const quint64 generation = m_generation;
    auto result = std::make_shared<std::optional<Result<ToolCommandLine>>>();
    m_worker->start(
        [result, request](const CancelToken&) {
            *result = ToolCommandLineBuilder::build(request.distribution, request.profile,
                                                    request.settings, request.action);
        },
        [this, result, generation, checkGeneration, done = std::move(done)] {
            if (checkGeneration && m_waiting) { // asked again meanwhile: read again
                auto [next, nextDone] = std::move(*m_waiting);
                m_waiting.reset();
                launch(next, std::move(nextDone), true);
                return;
            }
            if (checkGeneration && generation != m_generation)
                return; // the mode or a field changed since
            done(**result);
        });
}

} // namespace omu::ui
