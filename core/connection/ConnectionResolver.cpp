#include "ConnectionResolver.h"

namespace omu {
Result<ResolvedConnection> ConnectionResolver::resolve(const ConnectionSources&)
{
    return makeError(QStringLiteral("not implemented"));
}
} // namespace omu
