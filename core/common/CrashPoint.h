#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <csignal>
#include <unistd.h>

namespace omu {

// Test hook: when OMU_TEST_CRASH_POINT names this point, the process dies here as if
// killed (SIGKILL), so tests can check what a crash at that moment leaves behind.
inline void crashPoint(const char* name)
{
    if (qgetenv("OMU_TEST_CRASH_POINT") == QByteArrayView(name))
        ::kill(::getpid(), SIGKILL);
}

} // namespace omu
