#pragma once

#include <atomic>
#include <memory>

namespace omu {

// Shared between whoever may cancel (a button, a signal handler) and the worker that
// polls it between rows. Copies share one flag; cancel() is async-signal-safe.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    // For a SIGINT handler, which must not touch the shared_ptr's control block.
    std::atomic_bool* flag() const { return m_flag.get(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace omu
