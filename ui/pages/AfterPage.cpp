#include "AfterPage.h"

namespace omu::ui {

AfterPage::AfterPage(WizardState* /*state*/, QWidget* parent)
    : PendingStepPage(
          tr("Finish the upgrade"), tr("Check the result and put things back."),
          {
              tr("Verify that the database reports the target version and revert the tuning"),
              tr("Trigger the search reindex and list the ingestion client upgrade commands"),
              tr("Write a report for your records or for support, with every secret removed"),
          },
          parent)
{
    setObjectName(QStringLiteral("afterPage"));
}

} // namespace omu::ui
