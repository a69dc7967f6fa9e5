#include "LeaveGuard.h"

#include "after/TuningReverter.h"
#include "common/AsyncTask.h"
#include "Markup.h"
#include "RunningWork.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

namespace omu::ui {

using markup::escaped;

namespace {

struct Choice
{
    const char* name; // the button's objectName: what the tests click
    QString text;
    QMessageBox::ButtonRole role;
};

// Asks with `choices`; the last one is the default and what Esc picks (always "stay").
// Returns the chosen button's objectName.
QString ask(QWidget* parent, const QString& title, const QString& text, const QString& informative,
            const QList<Choice>& choices)
{
    QMessageBox box(parent);
    box.setObjectName(QStringLiteral("leaveDialog"));
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(title);
    box.setTextFormat(Qt::RichText);
    box.setText(text);
    box.setInformativeText(informative);
    QPushButton* stay = nullptr;
    for (const Choice& choice : choices) {
        stay = box.addButton(choice.text, choice.role);
        stay->setObjectName(QLatin1String(choice.name));
    }
    box.setDefaultButton(stay);
    box.setEscapeButton(stay);
    box.exec();
    return box.clickedButton() ? box.clickedButton()->objectName() : QString();
}

// "the backup" at the start of a sentence.
QString sentenceStart(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString paragraphs(const QStringList& texts)
{
    QString html;
    for (const QString& text : texts)
        if (!text.isEmpty())
            html += QStringLiteral("<p>%1</p>").arg(markup::escapedLines(text));
    return html;
}

} // namespace

LeaveGuard::LeaveGuard(QWidget* window, const WizardState* state)
    : QObject(window), m_window(window), m_state(state), m_stopWatch(new QTimer(this)),
      m_revert(new AsyncTask(this))
{
    m_stopWatch->setInterval(100);
    connect(m_stopWatch, &QTimer::timeout, this, [this] {
        if (m_stopping && m_stopping->isWorkRunning())
            return;
        m_stopWatch->stop();
        m_stopping = nullptr;
        Q_EMIT leaveReady();
    });
}

RunningWork* LeaveGuard::runningWork(QWidget* within) const
{
    for (QObject* child : within->findChildren<QObject*>())
        if (auto* work = dynamic_cast<RunningWork*>(child); work && work->isWorkRunning())
            return work;
    return nullptr;
}

LeftToDo LeaveGuard::leftToDo() const
{
    if (!m_state->testedProfile)
        return {};
    const auto left = LeftToDo::forDeployment(*m_state->testedProfile, m_state->dataFolder);
    if (left)
        return left.value();
    LeftToDo unreadable; // say so rather than close as if nothing were left
    unreadable.items << LeftToDo::Item{LeftToDo::Kind::FinishMigration,
                                       tr("The upgrade journal cannot be read (%1), so omupgrade "
                                          "cannot tell what is left to do.")
                                           .arg(left.error().toString()),
                                       QString()};
    return unreadable;
}

bool LeaveGuard::mayClose()
{
    if (m_stopping || m_revert->isRunning())
        return false; // already finishing what the user chose; closes by itself
    const QString database =
        m_state->testedProfile ? m_state->testedProfile->displayName() : tr("the database");
    LeftToDo left = leftToDo();
    if (RunningWork* work = runningWork(m_window)) {
        QStringList states;
        for (const auto& item : std::as_const(left.items))
            if (item.kind != LeftToDo::Kind::FinishMigration) // the running work says it
                states << item.state;
        const QString chosen =
            ask(m_window, tr("Leave the upgrade?"),
                tr("<b>%1 of %2 is running.</b>")
                    .arg(escaped(sentenceStart(work->runningWorkName())), escaped(database)),
                paragraphs({work->runningWorkText(), states.join(QLatin1Char('\n')), left.wayBack,
                            left.nextText()}),
                {{"leaveStopButton", tr("Stop %1 and close").arg(work->runningWorkName()),
                  QMessageBox::DestructiveRole},
                 {"leaveStayButton", tr("Keep it running"), QMessageBox::RejectRole}});
        if (chosen == QLatin1String("leaveStopButton"))
            closeOnceStopped(work);
        return false;
    }
    if (left.isEmpty())
        return true;
    QList<Choice> choices{
        {"leaveCloseButton", tr("Close, continue later"), QMessageBox::DestructiveRole}};
    if (left.has(LeftToDo::Kind::RevertTuning))
        choices << Choice{"leaveRevertButton", tr("Put it back and close"),
                          QMessageBox::DestructiveRole};
    choices << Choice{"leaveStayButton", tr("Stay"), QMessageBox::RejectRole};
    const QString chosen =
        ask(m_window, tr("Leave the upgrade?"),
            tr("<b>The upgrade of %1 is not finished.</b>").arg(escaped(database)),
            paragraphs({left.stateText(), left.wayBack, left.nextText()}), choices);
    if (chosen == QLatin1String("leaveRevertButton"))
        revertThenClose();
    return chosen == QLatin1String("leaveCloseButton");
}

bool LeaveGuard::mayLeavePage(QWidget* page)
{
    RunningWork* work = page ? runningWork(page) : nullptr;
    if (!work)
        return true;
    const QString chosen =
        ask(m_window, tr("Stop %1?").arg(work->runningWorkName()),
            tr("<b>%1 is running.</b> Back cannot leave it while it runs.")
                .arg(escaped(sentenceStart(work->runningWorkName()))),
            paragraphs({work->runningWorkText()}),
            {{"leaveStopButton", tr("Stop %1").arg(work->runningWorkName()),
              QMessageBox::DestructiveRole},
             {"leaveStayButton", tr("Keep it running"), QMessageBox::RejectRole}});
    if (chosen == QLatin1String("leaveStopButton"))
        work->stopWork(); // and stay: the page shows where it stopped
    return false;
}

void LeaveGuard::closeOnceStopped(RunningWork* work)
{
    m_stopping = work;
    work->stopWork();
    m_stopWatch->start(); // the page records the ending first, then the wizard closes
}

void LeaveGuard::revertThenClose()
{
    const ConnectionProfile profile = *m_state->testedProfile;
    const QString dataFolder = m_state->dataFolder;
    auto outcome = std::make_shared<std::optional<Result<TuningRevertOutcome>>>();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    m_revert->start(
        [outcome, profile, dataFolder](const CancelToken&) {
            *outcome = defaultTuningReverter()(profile, dataFolder);
        },
        [this, outcome] {
            QApplication::restoreOverrideCursor();
            if (*outcome && (*outcome)->ok()) {
                Q_EMIT leaveReady();
                return;
            }
            QMessageBox box(QMessageBox::Critical, tr("Not put back"),
                            tr("The setting could not be put back, so the wizard stays open."),
                            QMessageBox::Ok, m_window);
            box.setObjectName(QStringLiteral("revertFailedDialog"));
            box.setInformativeText(*outcome ? (*outcome)->error().toString() : QString());
            box.exec();
        });
}

} // namespace omu::ui
