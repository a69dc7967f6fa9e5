#include "MigrationPage.h"

namespace omu::ui {

MigrationPage::MigrationPage(WizardState* /*state*/, QWidget* parent)
    : PendingStepPage(
          tr("Run the migration"),
          tr("OpenMetadata's own migration tool upgrades the database schema and data."),
          {
              tr("Run the distribution's migration (bare metal, docker or kubernetes) and show its "
                 "log live"),
              tr("Follow its progress per version and recognise the known failures, with what to "
                 "do"),
              tr("Refuse to start without a verified backup, applied tuning and a stopped server"),
          },
          parent)
{
    setObjectName(QStringLiteral("migrationPage"));
}

} // namespace omu::ui
