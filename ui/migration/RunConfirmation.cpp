#include "RunConfirmation.h"

#include "backup/BackupFiles.h"
#include "common/Markup.h"
#include "journal/LeftToDo.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace omu::ui {

using markup::escaped;

bool confirmRun(QWidget* parent, const QString& database, const MigrationPlan& plan, bool force,
                const JournalProgress& progress)
{
    const QString from =
        plan.current.isNull() ? QObject::tr("1.0.x or older") : plan.current.toString();
    const QString target = plan.target.toString();
    QMessageBox box(QMessageBox::Question, QObject::tr("Run the migration?"),
                    QObject::tr("<b>Migrate %1 from %2 to %3?</b>")
                        .arg(escaped(database), escaped(from), escaped(target)),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("confirmRunDialog"));
    QString details =
        QObject::tr("<p>OpenMetadata's migration tool changes the schema and the data of this "
                    "database. It cannot be undone; the way back is a restore.</p><p>%1</p>")
            .arg(escaped(LeftToDo::wayBackFor(progress)));
    const auto backup = progress.backupRecord();
    if (backup && backup->verified && QFileInfo::exists(BackupFiles::schemaPath(backup->file)))
        details += QObject::tr("<p>If it fails: <i>Roll back</i> on this step, or "
                               "<tt>omupgrade rollback --input %1 --yes</tt>, puts the database "
                               "back as the backup found it, schema included.</p>")
                       .arg(escaped(backup->file));
    else if (backup && backup->verified) // a data-only file: it needs the old schema
        details += QObject::tr("<p>This backup holds the rows only: restoring it (the Backup "
                               "step's <i>Restore</i>, or <tt>omupgrade restore --input %1 "
                               "--yes</tt>) needs a database whose schema is at %2 again.</p>")
                       .arg(escaped(backup->file), escaped(from));
    if (force)
        details += QObject::tr("<p><b>With --force:</b> every version runs again, including "
                               "the ones already applied.</p>");
    box.setInformativeText(details);
    auto* run = box.addButton(QObject::tr("&Run the migration"), QMessageBox::AcceptRole);
    run->setObjectName(QStringLiteral("confirmRunButton"));
    auto* notNow = box.addButton(QObject::tr("Not now"), QMessageBox::RejectRole);
    notNow->setObjectName(QStringLiteral("cancelRunButton"));
    box.setDefaultButton(notNow);
    box.setEscapeButton(notNow);
    box.exec();
    return box.clickedButton() == run;
}

} // namespace omu::ui
