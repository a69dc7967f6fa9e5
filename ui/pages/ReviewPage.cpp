#include "ReviewPage.h"

namespace omu::ui {

ReviewPage::ReviewPage(WizardState* /*state*/, QWidget* parent)
    : PendingStepPage(
          tr("Review breaking changes"),
          tr("Every deprecation and breaking change between your release and the target that "
             "touches this deployment."),
          {
              tr("Check your openmetadata.yaml, env files, Helm values, workflows, custom code, "
                 "database and search engine"),
              tr("Say for each finding where it is (file:line), why it matters and how to fix it"),
              tr("Apply the safe fixes after showing you the diff, keeping your comments and a "
                 "copy of the original"),
          },
          parent)
{
    setObjectName(QStringLiteral("reviewPage"));
}

} // namespace omu::ui
