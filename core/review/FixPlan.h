#pragma once

#include "Finding.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace omu {

// The new content of one file after the chosen fixes, with its diff for the preview.
struct FilePatch
{
    QString path;
    QByteArray before; // the file as read when planning; applying refuses if it changed
    QByteArray after;
    QString diff;
    QStringList descriptions; // one per fix that changed something
    QStringList findingKeys;
};

// What applying a set of fixes would do, before anything is written.
struct FixPlan
{
    QList<FilePatch> patches;
    // Fixes that cannot be done automatically (finding key -> reason, in order).
    QList<QPair<QString, QString>> refused;

    QString diff() const; // every patch's diff, one after the other
    bool isEmpty() const { return patches.isEmpty(); }
};

// Plans the fixes for the findings the user chose: reads each file once, applies that
// file's fixes in turn (each re-locating its target in the edited text), checks the
// result still parses, and keeps before/after for the preview and for FixApplier.
class FixPlanner
{
public:
    static FixPlan plan(const QList<Finding>& chosen);
};

// Writes a plan: for each file, checks it is writable, ours (or we are root) and
// unchanged since planning, keeps the original as <file>.bak-<timestamp> (0600), then
// replaces the file atomically with its original owner and permissions (through a
// symbolic link, the file it points at). Checks every file before writing any.
class FixApplier
{
public:
    struct Applied
    {
        QString path;
        QString backupPath;
    };
    static Result<QList<Applied>> apply(const FixPlan& plan);
};

} // namespace omu
