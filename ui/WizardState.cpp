#include "WizardState.h"

#include <QCoreApplication>

namespace omu::ui {

Result<JournalProgress> WizardState::journalProgress() const
{
    if (!testedProfile)
        return makeError(QCoreApplication::translate(
            "WizardState", "it is kept per database; test the connection first"));
    return JournalProgress::forDeployment(*testedProfile, dataFolder);
}

} // namespace omu::ui
