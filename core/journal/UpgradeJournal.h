#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace omu {

// The record of one deployment's upgrade: JSON lines, each appended and fsynced before
// the call returns, so a crash or a reboot never loses a step that was reported done.
// Kept per deployment (engine, host, port, database) in the user's data folder, so a
// later run, on another day, knows what was done and what is still to revert.
// Entries never hold secrets: callers pass facts, not connection strings.
class UpgradeJournal
{
public:
    struct Entry
    {
        QString time;  // ISO 8601, UTC
        QString step;  // "connection", "backup", "tuning", "review", "migration", "after"
        QString event; // what happened: "applied", "reverted", "verified", ...
        QJsonObject data;
    };

    // The journal of this deployment under `dataFolder` (default: the application's data
    // location, e.g. ~/.local/share/omupgrade).
    static UpgradeJournal forDeployment(const ConnectionProfile& profile,
                                        const QString& dataFolder = {});
    explicit UpgradeJournal(QString path);

    QString path() const { return m_path; }
    static QString deploymentId(const ConnectionProfile& profile);

    Status append(const QString& step, const QString& event, const QJsonObject& data = {});
    // The journal's folder (and the data folder above it), created 0700.
    Status createFolder() const;
    // Every entry in order. A torn last line (a crash mid-write) is skipped, not fatal.
    Result<QList<Entry>> entries() const;
    // The newest entry of a step (and event, when given), if any.
    std::optional<Entry> latest(const QString& step, const QString& event = {}) const;

private:
    QString m_path;
};

} // namespace omu
