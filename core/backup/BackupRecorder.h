#pragma once

#include "BackupManifest.h"
#include "journal/JournalRecorder.h"

namespace omu {

// The backup step's journal entries (step "backup"). The migration's gate reads
// "verified" (with the OpenMetadata version) or "acknowledged" (with a description).
class BackupRecorder : public JournalRecorder
{
public:
    using JournalRecorder::JournalRecorder;

    // `by` says which front end took it ("wizard", "omupgrade backup").
    Status verified(const QString& file, const BackupManifest& manifest, bool deep,
                    const QString& by) const;
    // The user's own backup: where and when, in their words.
    Status acknowledged(const QString& description, const QString& openMetadataVersion,
                        const QString& by) const;
    Status restored(const QString& file, qint64 rows, bool fileVerified,
                    const QString& openMetadataVersion) const;
};

} // namespace omu
