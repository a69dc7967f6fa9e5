#pragma once

#include "JournalProgress.h"

#include <QList>
#include <QString>

namespace omu {

// What an upgrade leaves to do, read from its journal: what state the database is in and
// what omupgrade does about it next time. The wizard says it before it is closed and opens
// on it at the next start; the command line can print the same sentences.
struct LeftToDo
{
    enum class Kind
    {
        FinishMigration, // started, and interrupted, failed or cancelled
        FinishAfter,     // migrated; the After step did not verify it yet
        RevertTuning,    // the sort memory is still raised
    };
    struct Item
    {
        Kind kind;
        QString state; // what the database is like now
        QString next;  // what omupgrade does about it next time
    };

    QList<Item> items;
    // The step the next start opens on (Migration, After or Tuning); Done when nothing is left.
    JournalProgress::Step resumeAt = JournalProgress::Step::Done;
    // The way back as people read it: the backup on record ("" when there is none).
    QString wayBack;
    QString tuningParameter; // "work_mem", "sort_buffer_size" when RevertTuning is left

    bool isEmpty() const { return items.isEmpty(); }
    bool has(Kind kind) const;
    // Every item's state, then every item's next step, one sentence per line.
    QString stateText() const;
    QString nextText() const;

    static LeftToDo from(const JournalProgress& progress);
    // The way back as people read it: the backup on record, or that there is none.
    static QString wayBackFor(const JournalProgress& progress);
    static Result<LeftToDo> forDeployment(const ConnectionProfile& profile,
                                          const QString& dataFolder);

    // Every deployment under `dataFolder` (empty: the user's) with something left, by the
    // journal folder's readable name ("postgresql-db.example.com-openmetadata_db-…").
    static QList<struct DeploymentLeft> inDataFolder(const QString& dataFolder);
};

struct DeploymentLeft
{
    QString id; // the journal folder's name
    LeftToDo left;
};

} // namespace omu
