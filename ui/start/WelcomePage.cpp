#include "WelcomePage.h"

#include "common/FileChooser.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "journal/LeftToDo.h"
#include "releases/ReleasePlanWidget.h"
#include "releases/ReleaseRegistry.h"

#include <QAbstractButton>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizard>

namespace omu::ui {

using markup::escaped;

namespace {

// A form row whose field is a layout, with the label's mnemonic still reaching the input.
void addBuddyRow(QFormLayout* form, const QString& text, QWidget* buddy, QLayout* field)
{
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    form->addRow(label, field);
}

} // namespace

WelcomePage::WelcomePage(WizardState* state, QWidget* parent) : QWizardPage(parent), m_state(state)
{
    setObjectName(QStringLiteral("welcomePage"));
    setTitle(tr("Start the upgrade"));
    setSubTitle(tr("Point omupgrade at your deployment's files and choose the release to upgrade "
                   "to. Nothing is changed until you say so on a later page."));

    auto* files = new QGroupBox(tr("Deployment files (all optional)"), this);
    auto* form = new QFormLayout(files);

    m_configEdit = new QLineEdit(files);
    m_configEdit->setObjectName(QStringLiteral("configFileEdit"));
    m_configEdit->setPlaceholderText(tr("conf/openmetadata.yaml"));
    auto* browseConfig = new QPushButton(tr("Browse\u2026"), files);
    browseConfig->setObjectName(QStringLiteral("browseConfigButton"));
    connect(browseConfig, &QPushButton::clicked, this,
            [this] { browseForFile(m_configEdit, tr("Choose openmetadata.yaml")); });
    auto* configRow = new QHBoxLayout;
    configRow->addWidget(m_configEdit, 1);
    configRow->addWidget(browseConfig);
    addBuddyRow(form, tr("&Server configuration:"), m_configEdit, configRow);

    m_envFileList = new QListWidget(files);
    m_envFileList->setObjectName(QStringLiteral("envFileList"));
    m_envFileList->setMaximumHeight(72);
    auto* addEnv = new QPushButton(tr("Add\u2026"), files);
    addEnv->setObjectName(QStringLiteral("addEnvFileButton"));
    auto* removeEnv = new QPushButton(tr("Remove"), files);
    removeEnv->setObjectName(QStringLiteral("removeEnvFileButton"));
    connect(addEnv, &QPushButton::clicked, this, &WelcomePage::addEnvFiles);
    connect(removeEnv, &QPushButton::clicked, this,
            [this] { qDeleteAll(m_envFileList->selectedItems()); });
    auto* envButtons = new QVBoxLayout;
    envButtons->addWidget(addEnv);
    envButtons->addWidget(removeEnv);
    envButtons->addStretch(1);
    auto* envRow = new QHBoxLayout;
    envRow->addWidget(m_envFileList, 1);
    envRow->addLayout(envButtons);
    addBuddyRow(form, tr("Docker &env files:"), m_envFileList, envRow);

    m_helmValuesEdit = new QLineEdit(files);
    m_helmValuesEdit->setObjectName(QStringLiteral("helmValuesEdit"));
    m_helmValuesEdit->setPlaceholderText(tr("values.yaml of the openmetadata chart"));
    auto* browseHelm = new QPushButton(tr("Browse\u2026"), files);
    browseHelm->setObjectName(QStringLiteral("browseHelmButton"));
    connect(browseHelm, &QPushButton::clicked, this,
            [this] { browseForFile(m_helmValuesEdit, tr("Choose Helm values")); });
    auto* helmRow = new QHBoxLayout;
    helmRow->addWidget(m_helmValuesEdit, 1);
    helmRow->addWidget(browseHelm);
    addBuddyRow(form, tr("&Helm values:"), m_helmValuesEdit, helmRow);

    auto* hint = new QLabel(tr("No files? Leave these empty and type the connection on the next "
                               "page. Env files override the defaults in openmetadata.yaml, later "
                               "files override earlier ones, and Helm values override both."),
                            files);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(hint);

    auto* target = new QGroupBox(tr("Target release and upgrade path"), this);
    auto* targetLayout = new QVBoxLayout(target);
    m_releasePlan = new ReleasePlanWidget(ReleaseRegistry::builtIn(), target);
    targetLayout->addWidget(m_releasePlan);
    // Empty until initializePage: QWizard counts a mandatory field as filled only when it
    // differs from its value at registration.
    registerField(QStringLiteral("targetRelease*"), m_releasePlan, "target",
                  SIGNAL(targetChanged(QString)));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("welcomeError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: %1;").arg(markup::failedColour));
    m_errorLabel->hide();

    m_unfinishedLabel = noticeLabel("unfinishedBanner", this);
    m_unfinishedLabel->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_unfinishedLabel);
    layout->addWidget(files);
    layout->addWidget(target, 1);
    layout->addWidget(m_errorLabel);
}

void WelcomePage::initializePage()
{
    const auto& sources = m_state->sources;
    m_configEdit->setText(sources.configFile);
    m_envFileList->clear();
    m_envFileList->addItems(sources.envFiles);
    m_helmValuesEdit->setText(sources.helmValuesFile);
    const Release* newest = ReleaseRegistry::builtIn().newest();
    m_releasePlan->setTarget(m_state->targetRelease.isEmpty() && newest ? newest->version.toString()
                                                                        : m_state->targetRelease);
    // A release folder from the command line (scripts/demo's stand-in): its version is the
    // target.
    if (!m_state->distributionRoot.isEmpty() && m_releasePlan->releaseFolder().isEmpty())
        m_releasePlan->setReleaseFolder(m_state->distributionRoot);
    showDatabaseRelease();
    showUnfinished();
    // Prefilled from the command line: Next is what the user wants; otherwise start typing.
    const bool prefilled = !sources.configFile.isEmpty() || !sources.envFiles.isEmpty() ||
                           !sources.helmValuesFile.isEmpty();
    QTimer::singleShot(0, this, [this, prefilled] {
        if (!prefilled)
            m_configEdit->setFocus();
        else if (wizard())
            wizard()->button(QWizard::NextButton)->setFocus();
    });
}

void WelcomePage::browseForFile(QLineEdit* target, const QString& caption)
{
    const QString chosen = filechooser::openFile(this, caption, target->text(),
                                                 tr("YAML files (*.yaml *.yml);;All files (*)"));
    if (!chosen.isEmpty())
        target->setText(chosen);
}

void WelcomePage::addEnvFiles()
{
    const QStringList chosen = filechooser::openFiles(this, tr("Choose env files"),
                                                      m_configEdit->text(), tr("All files (*)"));
    m_envFileList->addItems(chosen);
}

void WelcomePage::showEvent(QShowEvent* event)
{
    // Back from a later page (QWizard does not initialise a page again): the database's
    // release may be known now.
    showDatabaseRelease();
    QWizardPage::showEvent(event);
}

void WelcomePage::showDatabaseRelease()
{
    if (m_state->inspection && !m_state->inspection->openMetadata.version.isEmpty())
        m_releasePlan->setDatabaseRelease(m_state->inspection->openMetadata.version);
}

void WelcomePage::showUnfinished()
{
    // The next start opens on what an earlier run left to do; the connection (next page)
    // says which deployment, and the wizard continues at its step.
    QString html;
    for (const auto& deployment : LeftToDo::inDataFolder(m_state->dataFolder))
        html += tr("<p><b>An upgrade is not finished</b> (<tt>%1</tt>): %2<br>%3</p>")
                    .arg(escaped(deployment.id),
                         escaped(deployment.left.stateText())
                             .replace(QLatin1Char('\n'), QStringLiteral(" ")),
                         escaped(deployment.left.nextText())
                             .replace(QLatin1Char('\n'), QStringLiteral(" ")));
    if (!html.isEmpty())
        html += tr("Connect to that database on the next page to continue where it stopped.");
    m_unfinishedLabel->setText(html);
    m_unfinishedLabel->setVisible(!html.isEmpty());
}

void WelcomePage::showError(const QString& text)
{
    m_errorLabel->setText(text);
    m_errorLabel->setVisible(!text.isEmpty());
}

bool WelcomePage::validatePage()
{
    QStringList envFiles;
    for (int i = 0; i < m_envFileList->count(); ++i)
        envFiles << m_envFileList->item(i)->text();
    QStringList missing;
    for (const QString& file :
         QStringList{m_configEdit->text(), m_helmValuesEdit->text()} + envFiles)
        if (!file.trimmed().isEmpty() && !QFileInfo(file.trimmed()).isFile())
            missing << file.trimmed();
    if (!missing.isEmpty()) {
        showError(
            tr("These files do not exist or are not files: %1. Correct the path or remove it.")
                .arg(missing.join(QStringLiteral(", "))));
        m_configEdit->setFocus();
        return false;
    }
    const QString target = m_releasePlan->target();
    if (QString error; !m_releasePlan->validate(&error)) {
        showError(error);
        m_releasePlan->setFocus();
        return false;
    }
    showError({});
    m_state->sources.configFile = m_configEdit->text().trimmed();
    m_state->sources.envFiles = envFiles;
    m_state->sources.helmValuesFile = m_helmValuesEdit->text().trimmed();
    m_state->targetRelease = target;
    if (!m_releasePlan->releaseFolder().isEmpty())
        m_state->distributionRoot = m_releasePlan->releaseFolder();
    return true;
}

} // namespace omu::ui
