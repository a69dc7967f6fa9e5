#pragma once

#include "common/Result.h"
#include "common/SecretMasker.h"
#include "UpgradeJournal.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace omu {

// The file support staff ask for: versions, findings, backup, tuning before and after,
// the migration (command, outcome, the tail of its log) and timings, built from the
// deployment's journal, written as JSON and HTML, with every secret redacted — the ones
// the caller names and anything shaped like one.
class UpgradeReport
{
public:
    struct Options
    {
        QStringList secrets;    // the database password, a bot token, ...
        QJsonObject connection; // ConnectionProfile::toJson() (password already ***)
        int logTailLines = 200;
    };
    struct Written
    {
        QString jsonFile;
        QString htmlFile;
    };

    static Result<QJsonObject> build(const UpgradeJournal& journal, const Options& options);
    static QString toHtml(const QJsonObject& report);
    // report.json and report.html in `folder` (created), private, written atomically.
    static Result<Written> write(const QJsonObject& report, const QString& folder);
    // Where the report goes by default: beside the journal.
    static QString defaultFolder(const UpgradeJournal& journal);
};

} // namespace omu
