#pragma once

#include "common/Result.h"

#include <QByteArrayView>

namespace omu {

// Where dumped lines go: the backup file, or nowhere when only their hashes matter (deep
// verify dumps the scratch copy again just to compare hashes).
class DumpSink
{
public:
    virtual ~DumpSink() = default;
    // Called before the first line of each table, so a sink can tell the tables apart.
    virtual void startTable() {}
    virtual Status write(QByteArrayView bytes) = 0;
};

class DiscardingSink final : public DumpSink
{
public:
    Status write(QByteArrayView) override { return {}; }
};

} // namespace omu
