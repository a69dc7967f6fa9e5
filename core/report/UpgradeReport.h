#pragma once

#include "common/Result.h"
#include "ConnectionOrigins.h"
#include "journal/UpgradeJournal.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace omu {

// The file support staff ask for, built from the deployment's journal: a summary on top
// (deployment, from -> to, verdict, duration), then the connection with the origin of each
// value, the backup, the tuning before and after, every review finding with its status,
// the migration per version with the tool's own durations, the log's tail, the After
// checks and the way back when one was taken. Written as HTML for people and JSON for
// programs, both from the same content, with every secret redacted.
class UpgradeReport
{
public:
    struct Options
    {
        QStringList secrets; // the database password, a bot token, ...
        std::optional<ConnectionProfile> profile;
        QList<ConnectionField> connection; // with origins; empty: from `profile`
        int logTailLines = 80;
    };
    struct Written
    {
        QString jsonFile;
        QString htmlFile;
    };

    static Result<QJsonObject> build(const UpgradeJournal& journal, const Options& options);
    static QString toHtml(const QJsonObject& report);
    // upgrade-report.json and upgrade-report.html in `folder` (created), private, written
    // atomically.
    static Result<Written> write(const QJsonObject& report, const QString& folder);
    // Where the report goes by default: beside the journal.
    static QString defaultFolder(const UpgradeJournal& journal);
};

} // namespace omu
