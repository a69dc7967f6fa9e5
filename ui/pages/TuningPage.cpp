#include "TuningPage.h"

namespace omu::ui {

TuningPage::TuningPage(WizardState* /*state*/, QWidget* parent)
    : PendingStepPage(
          tr("Tune the database for the migration"),
          tr("The migration sorts large tables; too little sort memory makes it fail."),
          {
              tr("Show sort_buffer_size (MySQL) or work_mem (PostgreSQL) and where it comes from"),
              tr("Recommend a value from the size of query_entity and apply it so the migration's "
                 "own connections see it"),
              tr("Remember the original value and put it back after the upgrade"),
          },
          parent)
{
    setObjectName(QStringLiteral("tuningPage"));
}

} // namespace omu::ui
