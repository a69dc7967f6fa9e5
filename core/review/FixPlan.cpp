#include "FixPlan.h"

#include "common/AtomicFile.h"
#include "FixEditor.h"
#include "UnifiedDiff.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <sys/stat.h>
#include <unistd.h>

namespace omu {

QString FixPlan::diff() const
{
    QString text;
    for (const FilePatch& patch : patches)
        text += patch.diff;
    return text;
}

FixPlan FixPlanner::plan(const QList<Finding>& chosen)
{
    FixPlan plan;
    QStringList order;
    QHash<QString, QList<const Finding*>> byFile;
    for (const Finding& finding : chosen) {
        if (!finding.autofixSpec || !finding.target) {
            plan.refused.append(
                {finding.key(), QStringLiteral("no automatic fix for this finding")});
            continue;
        }
        if (!byFile.contains(finding.target->file))
            order << finding.target->file;
        byFile[finding.target->file].append(&finding);
    }
    for (const QString& path : order) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            for (const Finding* finding : byFile.value(path))
                plan.refused.append(
                    {finding->key(),
                     QStringLiteral("%1 cannot be read: %2").arg(path, file.errorString())});
            continue;
        }
        FilePatch patch;
        patch.path = path;
        patch.before = file.readAll();
        patch.after = patch.before;
        for (const Finding* finding : byFile.value(path)) {
            auto outcome = FixEditor::apply(*finding->autofixSpec, *finding->target, patch.after);
            if (!outcome) {
                plan.refused.append({finding->key(), outcome.error().message});
                continue;
            }
            if (!outcome.value().changed)
                continue; // an earlier fix already took care of it
            patch.after = outcome.value().content;
            patch.descriptions << outcome.value().description;
            patch.findingKeys << finding->key();
        }
        if (patch.after == patch.before)
            continue;
        patch.diff = UnifiedDiff::make(patch.before, patch.after, path);
        plan.patches.append(patch);
    }
    return plan;
}

namespace {

// The file a patch really writes: the target of a symbolic link (replacing the link
// itself with a plain file would break the deployment's layout).
QString realPath(const QString& path)
{
    const QFileInfo info(path);
    return info.isSymLink() ? info.canonicalFilePath() : path;
}

} // namespace

Result<QList<FixApplier::Applied>> FixApplier::apply(const FixPlan& plan)
{
    // Every file first, so a read-only, foreign or changed file stops the whole set untouched.
    for (const FilePatch& patch : plan.patches) {
        const QString path = realPath(patch.path);
        const QByteArray name = QFile::encodeName(path);
        struct stat info
        {
        };
        if (::stat(name.constData(), &info) != 0)
            return makeError(QStringLiteral("the file is gone; nothing was changed"), patch.path,
                             QStringLiteral("Run the review again."));
        // No write bit at all counts as read-only too: root may write anyway, but the
        // owner said the file is not to be changed.
        if ((info.st_mode & 0222) == 0 || ::access(name.constData(), W_OK) != 0)
            return makeError(QStringLiteral("the file is read-only; nothing was changed"),
                             patch.path,
                             QStringLiteral("Make it writable (chmod u+w) and apply again, or make "
                                            "the change by hand."));
        // The new file replaces the old one, so it would belong to whoever runs this.
        if (info.st_uid != ::geteuid() && ::geteuid() != 0)
            return makeError(
                QStringLiteral("the file belongs to another user, and rewriting it "
                               "would make it yours; nothing was changed"),
                patch.path,
                QStringLiteral("Apply the fixes as the file's owner (or root), or make "
                               "the change by hand."));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.readAll() != patch.before)
            return makeError(
                QStringLiteral("the file changed since the preview; nothing was changed"),
                patch.path, QStringLiteral("Run the review again to see the file as it is now."));
        const QString folder = QFileInfo(path).absolutePath();
        if (::access(QFile::encodeName(folder).constData(), W_OK) != 0)
            return makeError(
                QStringLiteral("the folder is read-only, so no copy of %1 can be kept; "
                               "nothing was changed")
                    .arg(QFileInfo(path).fileName()),
                folder, QStringLiteral("Make the folder writable, or make the change by hand."));
    }

    QList<Applied> applied;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (const FilePatch& patch : plan.patches) {
        const QString path = realPath(patch.path);
        const QByteArray name = QFile::encodeName(path);
        struct stat info
        {
        };
        const bool haveInfo = ::stat(name.constData(), &info) == 0;

        QString backup = QStringLiteral("%1.bak-%2").arg(path, stamp);
        for (int n = 2; QFileInfo::exists(backup); ++n)
            backup = QStringLiteral("%1.bak-%2-%3").arg(path, stamp).arg(n);
        if (auto written = AtomicFile::write(backup, patch.before, AtomicFile::Access::Private,
                                             AtomicFile::Existing::Refuse);
            !written)
            return written.error();
        // Written private first, then given the original's owner and permissions back.
        if (auto written = AtomicFile::write(path, patch.after, AtomicFile::Access::Private);
            !written)
            return written.error();
        if (haveInfo) {
            if (::chown(name.constData(), ::geteuid() == 0 ? info.st_uid : uid_t(-1),
                        info.st_gid) != 0 &&
                ::geteuid() == 0)
                return makeError(
                    QStringLiteral("the file was fixed but its owner could not be restored"), path,
                    QStringLiteral("Give it back to its owner with chown."));
            ::chmod(name.constData(), info.st_mode & 07777);
        }
        applied.append({patch.path, backup});
    }
    return applied;
}

} // namespace omu
