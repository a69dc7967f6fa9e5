#include "MigrationReleaseForm.h"

#include "common/AsyncTask.h"
#include "common/FileChooser.h"
#include "common/GridRows.h"
#include "common/Markup.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>

#include <memory>

namespace omu::ui {

using markup::escaped;

namespace {

QLineEdit* lineEdit(QWidget* parent, const char* name, const QString& placeholder = {},
                    const QString& text = {})
{
    auto* edit = new QLineEdit(text, parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

MigrationReleaseForm::MigrationReleaseForm(QWidget* parent)
    : QWidget(parent), m_worker(new AsyncTask(this))
{
    m_folderEdit = lineEdit(this, "distributionEdit", tr("the unpacked openmetadata-X.Y.Z folder"));
    auto* browse = new QPushButton(tr("Br&owse…"), this);
    browse->setObjectName(QStringLiteral("browseDistributionButton"));
    m_checkButton = new QPushButton(tr("C&heck"), this);
    m_checkButton->setObjectName(QStringLiteral("planMigrationButton"));
    m_planLabel = new QLabel(tr("Choose the new release's folder, then Check."), this);
    m_planLabel->setObjectName(QStringLiteral("migrationPlanLabel"));
    m_planLabel->setWordWrap(true);
    m_planLabel->setTextFormat(Qt::RichText);
    m_planLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_planLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(tr("On this machine (bare metal)"), int(MigrationMode::Bare));
    m_modeCombo->addItem(tr("Docker"), int(MigrationMode::Docker));
    m_modeCombo->addItem(tr("Kubernetes (kubectl exec)"), int(MigrationMode::Kubernetes));
    m_modeCombo->addItem(tr("Kubernetes (the chart's migration job)"),
                         int(MigrationMode::KubernetesJob));
    m_modeStack = new QStackedWidget(this);
    m_configEdit =
        lineEdit(this, "migrationConfigEdit", tr("default: the release's conf/openmetadata.yaml"));
    m_composeEdit = lineEdit(this, "composeFileEdit", tr("docker-compose.yml of the new release"));
    m_serviceEdit = lineEdit(this, "composeServiceEdit", {}, QStringLiteral("execute-migrate-all"));
    m_containerEdit = lineEdit(this, "containerEdit", tr("or: a container for docker exec"));
    m_namespaceEdit = lineEdit(this, "namespaceEdit", tr("kubectl's current namespace"));
    m_podEdit = lineEdit(this, "podEdit", {}, QStringLiteral("deploy/openmetadata"));
    m_jobNamespaceEdit = lineEdit(this, "jobNamespaceEdit", tr("kubectl's current namespace"));
    m_deploymentEdit = lineEdit(this, "deploymentEdit", {}, QStringLiteral("openmetadata"));
    m_imageEdit = lineEdit(this, "jobImageEdit",
                           tr("default: the deployment's image, tagged with the release"));
    m_modeStack->addWidget(modeFields({{tr("Confi&guration:"), m_configEdit}}));
    m_modeStack->addWidget(modeFields({{tr("Compose file:"), m_composeEdit},
                                       {tr("Service:"), m_serviceEdit},
                                       {tr("Container:"), m_containerEdit}}));
    m_modeStack->addWidget(
        modeFields({{tr("Namespace:"), m_namespaceEdit}, {tr("Pod:"), m_podEdit}}));
    m_modeStack->addWidget(modeFields({{tr("Namespace:"), m_jobNamespaceEdit},
                                       {tr("Deployment:"), m_deploymentEdit},
                                       {tr("Image:"), m_imageEdit}}));
    for (int i = 1; i < m_modeStack->count(); ++i) // only the shown page takes room
        m_modeStack->widget(i)->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);

    // A grid rather than a form: a form reserves the wrapped plan text's height for a
    // narrower column than it gets, leaving a gap under it.
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folderEdit, 1);
    folderRow->addWidget(browse);
    folderRow->addWidget(m_checkButton);
    auto* folderLabel = new QLabel(tr("Release fol&der:"), this);
    folderLabel->setBuddy(m_folderEdit);
    grid->addWidget(folderLabel, 0, 0);
    grid->addLayout(folderRow, 0, 1);
    grid->addWidget(m_planLabel, 1, 1);
    addLabelledRow(grid, 2, tr("Run &where:"), m_modeCombo);
    grid->addWidget(m_modeStack, 3, 1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = filechooser::folder(this, tr("The unpacked OpenMetadata release"),
                                                   m_folderEdit->text());
        if (!folder.isEmpty()) {
            m_folderEdit->setText(folder);
            Q_EMIT checkRequested();
        }
    });
    connect(m_checkButton, &QPushButton::clicked, this, &MigrationReleaseForm::checkRequested);
    connect(m_folderEdit, &QLineEdit::returnPressed, this, &MigrationReleaseForm::checkRequested);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_modeStack->setCurrentIndex(index);
        for (int i = 0; i < m_modeStack->count(); ++i)
            m_modeStack->widget(i)->setSizePolicy(
                QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_modeStack->adjustSize();
        Q_EMIT settingsChanged();
    });
    for (QLineEdit* edit :
         {m_configEdit, m_composeEdit, m_serviceEdit, m_containerEdit, m_namespaceEdit, m_podEdit})
        connect(edit, &QLineEdit::textChanged, this, &MigrationReleaseForm::settingsChanged);
    // The job mode asks the cluster (up to 30 s): not on every keystroke, on Enter or Check.
    for (QLineEdit* edit : {m_jobNamespaceEdit, m_deploymentEdit, m_imageEdit}) {
        connect(edit, &QLineEdit::textEdited, this, &MigrationReleaseForm::jobFieldEdited);
        connect(edit, &QLineEdit::returnPressed, this, &MigrationReleaseForm::settingsChanged);
    }
}

QWidget* MigrationReleaseForm::modeFields(const QList<QPair<QString, QLineEdit*>>& rows)
{
    auto* fields = new QWidget(m_modeStack);
    auto* form = new QFormLayout(fields);
    form->setContentsMargins(0, 0, 0, 0);
    for (const auto& [label, edit] : rows)
        form->addRow(label, edit);
    return fields;
}

QString MigrationReleaseForm::releaseFolder() const
{
    return m_folderEdit->text().trimmed();
}

void MigrationReleaseForm::prefillFolder(const QStringList& candidates)
{
    for (const QString& folder : candidates)
        if (releaseFolder().isEmpty() && !folder.isEmpty())
            setReleaseFolder(folder);
}

void MigrationReleaseForm::setReleaseFolder(const QString& folder)
{
    m_folderEdit->setText(folder);
}

void MigrationReleaseForm::plan(const ConnectionProfile& profile, const QString& chosenTarget)
{
    if (m_planning)
        return;
    m_planning = true;
    m_plan.reset();
    m_distribution.reset();
    m_planLabel->setText(tr("Reading the release and the database…"));
    struct Outcome
    {
        std::optional<OpenMetadataDistribution> distribution;
        std::optional<MigrationPlan> plan;
        QString error;
    };
    auto outcome = std::make_shared<Outcome>();
    const QString folder = releaseFolder();
    m_worker->start(
        [outcome, folder, profile](const CancelToken&) {
            const auto distribution = OpenMetadataDistribution::read(folder);
            if (!distribution) {
                outcome->error = distribution.error().toString();
                return;
            }
            outcome->distribution = distribution.value();
            const auto plan = MigrationPlanner::plan(profile, distribution.value());
            if (plan)
                outcome->plan = plan.value();
            else
                outcome->error = plan.error().toString();
        },
        [this, outcome, chosenTarget] {
            m_planning = false;
            m_distribution = outcome->distribution;
            m_plan = outcome->plan;
            showPlan(outcome->error, chosenTarget);
            Q_EMIT planned();
        });
}

void MigrationReleaseForm::showPlan(const QString& error, const QString& chosenTarget)
{
    if (!m_plan) {
        m_planLabel->setText(markup::inState(
            QStringLiteral("failed"), QStringLiteral("\u2717 ") + markup::escapedLines(error)));
        return;
    }
    const MigrationPlan& plan = *m_plan;
    if (plan.upToDate()) {
        m_planLabel->setText(tr("\u2713 The database is at OpenMetadata %1, the release's "
                                "version: nothing to migrate.")
                                 .arg(escaped(plan.target.toString())));
        return;
    }
    QStringList versions;
    for (const auto& pending : plan.pending)
        versions << tr("%1 (%2%3)")
                        .arg(pending.version.toString(),
                             pending.pendingStatements() == 1
                                 ? tr("1 statement")
                                 : tr("%1 statements").arg(pending.pendingStatements()),
                             pending.partiallyApplied ? tr(", partly applied") : QString());
    const QString from = plan.current.isNull() ? tr("1.0.x or older") : plan.current.toString();
    QString text = tr("Database %1 \u2192 release %2 (%3). To run: %4%5.")
                       .arg(escaped(from), escaped(plan.target.toString()),
                            escaped(m_distribution->toolScript()),
                            escaped(versions.join(QStringLiteral(", "))),
                            plan.pendingFlyway.isEmpty()
                                ? QString()
                                : tr(", after %1 Flyway script(s)").arg(plan.pendingFlyway.size()));
    if (!chosenTarget.isEmpty() && Version::parse(chosenTarget) != plan.target)
        text += QStringLiteral("<br>") +
                markup::warning(tr("You chose %1 as the target; this release is %2.")
                                    .arg(chosenTarget, plan.target.toString()));
    if (m_distribution->isStandIn())
        text = markup::warning(tr("Demo stand-in, not OpenMetadata: this folder is omupgrade's "
                                  "test stand-in for release %1. Its tool is a small fake that "
                                  "applies the demo's SQL to the demo database.")
                                   .arg(plan.target.toString())) +
               QStringLiteral("<br>") + text;
    m_planLabel->setText(text);
    m_planLabel->setToolTip(plan.toSqlText().left(20000));
}

MigrationSettings MigrationReleaseForm::settings(bool force) const
{
    MigrationSettings settings;
    settings.mode = MigrationMode(m_modeCombo->currentData().toInt());
    settings.force = force;
    settings.configFile = m_configEdit->text().trimmed();
    settings.docker.composeFile = m_composeEdit->text().trimmed();
    settings.docker.service = m_serviceEdit->text().trimmed();
    settings.docker.container = m_containerEdit->text().trimmed();
    settings.kubernetes.nameSpace = m_namespaceEdit->text().trimmed();
    settings.kubernetes.target = m_podEdit->text().trimmed();
    if (settings.mode == MigrationMode::KubernetesJob) {
        settings.kubernetes.nameSpace = m_jobNamespaceEdit->text().trimmed();
        settings.kubernetes.deployment = m_deploymentEdit->text().trimmed();
        settings.kubernetes.image = m_imageEdit->text().trimmed();
    }
    return settings;
}

bool MigrationReleaseForm::isJobMode() const
{
    return MigrationMode(m_modeCombo->currentData().toInt()) == MigrationMode::KubernetesJob;
}

void MigrationReleaseForm::setEditable(bool editable, bool canCheck)
{
    m_folderEdit->setEnabled(editable);
    m_modeCombo->setEnabled(editable);
    m_modeStack->setEnabled(editable);
    m_checkButton->setEnabled(editable && canCheck && !m_planning);
}

} // namespace omu::ui
