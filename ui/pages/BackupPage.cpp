#include "BackupPage.h"

namespace omu::ui {

BackupPage::BackupPage(WizardState* /*state*/, QWidget* parent)
    : PendingStepPage(
          tr("Back up the metadata database"),
          tr("A backup you can restore is the first thing an upgrade needs."),
          {
              tr("Stream the whole database to a file that OpenMetadata's own restore can replay"),
              tr("Write a manifest with per-table row counts and hashes, then verify the file "
                 "against it"),
              tr("Show progress per table, and let you cancel without leaving a file that looks "
                 "complete"),
          },
          parent)
{
    setObjectName(QStringLiteral("backupPage"));
}

} // namespace omu::ui
