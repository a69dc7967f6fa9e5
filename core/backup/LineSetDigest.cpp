#include "LineSetDigest.h"

#include "BackupLine.h"
#include "BackupLineReader.h"
#include "TableReader.h"

namespace omu {

Result<QMap<QString, LineSetDigest>> fileLineSets(const QString& file, const CancelToken& cancel)
{
    BackupLineReader reader(file);
    if (Status status = reader.open(); !status)
        return status.error();
    QMap<QString, LineSetDigest> sets;
    Sha256 hash;
    QByteArray line;
    while (reader.next(line)) {
        if (cancel.isCancelled())
            return TableReader::cancelledError();
        if (BackupLine::kind(line) == BackupLine::Kind::Insert)
            sets[QString::fromUtf8(BackupLine::tableName(line))].add(line, hash);
    }
    if (reader.error())
        return *reader.error();
    return sets;
}

} // namespace omu
