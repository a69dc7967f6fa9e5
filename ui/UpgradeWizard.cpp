#include "UpgradeWizard.h"

#include "after/AfterPage.h"
#include "backup/BackupPage.h"
#include "common/LeaveGuard.h"
#include "common/WindowGeometry.h"
#include "connection/ConnectionPage.h"
#include "migration/MigrationPage.h"
#include "migration/OpenMetadataDistribution.h"
#include "review/ReviewPage.h"
#include "start/WelcomePage.h"
#include "StepSidebar.h"
#include "tuning/TuningPage.h"
#include "WizardPageId.h"

#include <QAbstractButton>
#include <QIcon>

namespace omu::ui {

QStringList UpgradeWizard::stepTitles()
{
    // "Start", not "Plan": `omupgrade plan` lists the migrations, a different thing.
    return {tr("Start"),  tr("Connection"), tr("Backup"), tr("Tuning"),
            tr("Review"), tr("Migration"),  tr("After")};
}

UpgradeWizard::UpgradeWizard(const ConnectionSources& initialSources, QWidget* parent)
    : QWizard(parent)
{
    m_state.sources = initialSources;
    setObjectName(QStringLiteral("upgradeWizard"));
    setWindowTitle(tr("OpenMetadata Upgrade"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/omupgrade.png")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);

    setPage(WelcomePageId, new WelcomePage(&m_state, this));
    setPage(ConnectionPageId, new ConnectionPage(&m_state, this));
    setPage(BackupPageId, new BackupPage(&m_state, this));
    auto* tuningPage = new TuningPage(&m_state, this);
    setPage(TuningPageId, tuningPage);
    setPage(ReviewPageId, new ReviewPage(&m_state, this));
    auto* migrationPage = new MigrationPage(&m_state, this);
    setPage(MigrationPageId, migrationPage);
    // QWizard::back() does not initialise a page again: read the value in force anew so the
    // page can suggest more than what just failed.
    connect(migrationPage, &MigrationPage::tuningRequested, tuningPage, &TuningPage::refresh);
    connect(migrationPage, &MigrationPage::tuningRequested, this,
            [this] { goBackTo(TuningPageId); });
    // The same when the user goes back with Back after a failure.
    connect(this, &QWizard::currentIdChanged, tuningPage, [this, tuningPage](int id) {
        if (id == TuningPageId && m_state.sortMemoryFailure &&
            !m_state.sortMemoryFailure->inForceBytes)
            tuningPage->refresh();
    });
    setPage(AfterPageId, new AfterPage(&m_state, this));
    setStartId(WelcomePageId);
    rememberWindowGeometry(this); // after the pages: QWizard sets its size limits from them

    m_sidebar = new StepSidebar(stepTitles(), this);
    setSideWidget(m_sidebar);
    connect(this, &QWizard::currentIdChanged, m_sidebar, &StepSidebar::setCurrentStep);

    m_guard = new LeaveGuard(this, &m_state);
    connect(m_guard, &LeaveGuard::leaveReady, this, [this] { QWizard::reject(); });
    guardBackButton();
    // After QWizard's own button update (connected when the pages were added).
    connect(this, &QWizard::currentIdChanged, this, &UpgradeWizard::holdBackAfterCommit);
    connect(migrationPage, &QWizardPage::completeChanged, this,
            &UpgradeWizard::holdBackAfterCommit);
}

void UpgradeWizard::reject()
{
    if (m_guard->mayClose())
        QWizard::reject();
}

void UpgradeWizard::guardBackButton()
{
    // QWizard wires Back to back() itself; route it through the guard instead, so Back
    // cannot leave a page whose work runs without the user's word.
    QAbstractButton* backButton = button(QWizard::BackButton);
    disconnect(backButton, SIGNAL(clicked()), this, SLOT(back()));
    connect(backButton, &QAbstractButton::clicked, this, [this] {
        if (m_guard->mayLeavePage(currentPage()))
            back();
    });
}

void UpgradeWizard::holdBackAfterCommit()
{
    // The commit page in QWizard's sense, for the page itself: once its irreversible step
    // is done (the database migrated), Back would only show pages about a database that is
    // no longer there.
    if (QWizardPage* page = currentPage(); page && page->isCommitPage() && page->isComplete())
        button(QWizard::BackButton)->setEnabled(false);
}

void UpgradeWizard::setReleaseFolder(const QString& folder)
{
    m_state.distributionRoot = folder;
    setWindowTitle(OpenMetadataDistribution::isStandInFolder(folder)
                       ? tr("OpenMetadata Upgrade \u2014 demo with a stand-in release (not "
                            "OpenMetadata)")
                       : tr("OpenMetadata Upgrade"));
}

void UpgradeWizard::goBackTo(int pageId)
{
    if (!visitedIds().contains(pageId)) {
        setStartId(pageId);
        restart();
        return;
    }
    while (currentId() != pageId) {
        const int before = currentId();
        back();
        if (currentId() == before)
            break;
    }
}

} // namespace omu::ui
