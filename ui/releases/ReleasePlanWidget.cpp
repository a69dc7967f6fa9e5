#include "ReleasePlanWidget.h"

#include "common/FileChooser.h"
#include "common/Markup.h"

#include "migration/OpenMetadataDistribution.h"
#include "releases/ReleaseRegistry.h"
#include "UpgradePathView.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace omu::ui {

ReleasePlanWidget::ReleasePlanWidget(const ReleaseRegistry& registry, QWidget* parent)
    : QWidget(parent), m_registry(registry)
{
    setObjectName(QStringLiteral("releasePlan"));

    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("targetReleaseCombo"));
    m_targetCombo->setEditable(true);
    m_targetCombo->setInsertPolicy(QComboBox::NoInsert);
    m_targetCombo->setMaxVisibleItems(20);
    m_targetModel = new QStandardItemModel(m_targetCombo);
    m_targetCombo->setModel(m_targetModel);
    m_targetCombo->setMinimumContentsLength(9);

    m_folderEdit = new QLineEdit(this);
    m_folderEdit->setObjectName(QStringLiteral("releaseFolderEdit"));
    m_folderEdit->setPlaceholderText(tr("or an unpacked openmetadata-X.Y.Z folder"));
    auto* browse = new QPushButton(tr("Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("browseReleaseFolderButton"));
    m_folderLabel = new QLabel(this);
    m_folderLabel->setObjectName(QStringLiteral("releaseFolderLabel"));
    m_folderLabel->setWordWrap(true);
    m_folderLabel->hide();

    m_currentCombo = new QComboBox(this);
    m_currentCombo->setObjectName(QStringLiteral("currentReleaseCombo"));
    m_currentCombo->setEditable(true);
    m_currentCombo->setInsertPolicy(QComboBox::NoInsert);
    m_currentCombo->setMinimumContentsLength(9);
    m_currentCombo->addItems(registry.versions());
    m_currentCombo->setCurrentIndex(-1);
    m_currentCombo->lineEdit()->setPlaceholderText(tr("e.g. 1.3.0"));
    m_currentLabel =
        new QLabel(tr("Known once the connection is tested; type it to see the path now."), this);
    m_currentLabel->setObjectName(QStringLiteral("currentReleaseLabel"));
    m_currentLabel->setForegroundRole(QPalette::PlaceholderText);
    m_currentLabel->setWordWrap(true);

    m_path = new UpgradePathView(registry, this);

    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targetCombo);
    targetRow->addWidget(m_folderEdit, 1);
    targetRow->addWidget(browse);
    auto* currentRow = new QHBoxLayout;
    currentRow->addWidget(m_currentCombo);
    currentRow->addWidget(m_currentLabel, 1);

    auto* form = new QFormLayout;
    auto* targetLabel = new QLabel(tr("&Upgrade to OpenMetadata:"), this);
    targetLabel->setBuddy(m_targetCombo);
    form->addRow(targetLabel, targetRow);
    form->addRow(QString(), m_folderLabel);
    auto* currentLabel = new QLabel(tr("&Running now:"), this);
    currentLabel->setBuddy(m_currentCombo);
    form->addRow(currentLabel, currentRow);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_path, 1);

    fillTargets();
    m_targetCombo->setCurrentIndex(-1);
    connect(m_targetCombo, &QComboBox::currentTextChanged, this, [this](const QString& text) {
        updatePath();
        Q_EMIT targetChanged(text.trimmed());
    });
    connect(m_currentCombo, &QComboBox::currentTextChanged, this, &ReleasePlanWidget::updatePath);
    connect(m_folderEdit, &QLineEdit::editingFinished, this, &ReleasePlanWidget::readReleaseFolder);
    connect(browse, &QPushButton::clicked, this, &ReleasePlanWidget::browseReleaseFolder);
    updatePath();
}

QString ReleasePlanWidget::target() const
{
    return m_targetCombo->currentText().trimmed();
}

void ReleasePlanWidget::setTarget(const QString& release)
{
    m_targetCombo->setCurrentText(release);
}

void ReleasePlanWidget::fillTargets()
{
    const QString kept = m_targetCombo->currentText();
    const auto database = Version::parse(m_databaseRelease);
    m_targetModel->clear();
    const auto& lines = m_registry.lines();
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        QList<const Release*> offered;
        for (auto release = line->releases.crbegin(); release != line->releases.crend(); ++release)
            if (!database || !(release->version < *database))
                offered << &*release;
        if (offered.isEmpty())
            continue;
        // A heading per line, not selectable, so the list reads "2.0.x", "1.13.x", ...
        auto* heading = new QStandardItem(QStringLiteral("%1.x").arg(line->name));
        heading->setFlags(Qt::NoItemFlags);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        heading->setData(QStringLiteral("line"), Qt::UserRole);
        m_targetModel->appendRow(heading);
        for (const Release* release : offered) {
            auto* item = new QStandardItem(release->version.toString());
            item->setToolTip(release->dateText());
            item->setData(QStringLiteral("release"), Qt::UserRole);
            m_targetModel->appendRow(item);
        }
    }
    m_targetCombo->setCurrentText(kept);
}

void ReleasePlanWidget::setDatabaseRelease(const QString& release)
{
    if (release == m_databaseRelease)
        return;
    m_databaseRelease = release;
    fillTargets();
    m_currentCombo->setCurrentText(release);
    m_currentLabel->setText(release.isEmpty() ? QString() : tr("read from the database"));
    updatePath();
}

void ReleasePlanWidget::browseReleaseFolder()
{
    const QString folder =
        filechooser::folder(this, tr("The unpacked OpenMetadata release"), m_folderEdit->text());
    if (folder.isEmpty())
        return;
    m_folderEdit->setText(folder);
    readReleaseFolder();
}

void ReleasePlanWidget::setReleaseFolder(const QString& folder)
{
    m_folderEdit->setText(folder);
    readReleaseFolder();
}

void ReleasePlanWidget::readReleaseFolder()
{
    const QString folder = m_folderEdit->text().trimmed();
    m_folderLabel->setVisible(!folder.isEmpty());
    if (folder.isEmpty()) {
        m_releaseFolder.clear();
        return;
    }
    const auto distribution = OpenMetadataDistribution::read(folder);
    if (!distribution) {
        m_releaseFolder.clear();
        m_folderLabel->setText(
            markup::coloured(markup::failedColour, distribution.error().toString()));
        return;
    }
    m_releaseFolder = distribution->root();
    m_folderLabel->setText(
        distribution->isStandIn()
            ? markup::warning(tr("This folder is omupgrade's demo stand-in for release %1, not "
                                 "OpenMetadata: its migration tool is a small fake that applies "
                                 "the demo's SQL. Real releases: see the README.")
                                  .arg(distribution->version().toString()))
            : tr("This folder is OpenMetadata %1 (from %2).")
                  .arg(distribution->version().toString(),
                       markup::escaped(distribution->versionSource())));
    setTarget(distribution->version().toString());
}

bool ReleasePlanWidget::validate(QString* error) const
{
    if (!Version::parse(target())) {
        *error = tr("\u201c%1\u201d is not a release number. Choose one from the list, e.g. %2.")
                     .arg(target(), m_registry.newest() ? m_registry.newest()->version.toString()
                                                        : QString());
        return false;
    }
    const auto known = m_registry.resolveTarget(target(), tr("the target release"));
    if (known) {
        const auto database = Version::parse(m_databaseRelease);
        if (!database || !(*known < *database))
            return true;
        *error = tr("The target %1 is behind the database, which is at %2. Choose %2 or later.")
                     .arg(target(), m_databaseRelease);
        return false;
    }
    *error = known.error().message + QLatin1Char('.') +
             (known.error().advice.isEmpty() ? QString() : QLatin1Char(' ') + known.error().advice);
    error->replace(0, 1, error->at(0).toUpper());
    return false;
}

void ReleasePlanWidget::updatePath()
{
    const QString from = m_currentCombo->currentText().trimmed();
    if (target().isEmpty())
        m_path->showHint(tr("Choose the release to upgrade to."));
    else if (from.isEmpty())
        m_path->showHint(tr("Type the release running now (or test the connection on the next "
                            "page) to see the upgrade path and what changes on the way."));
    else
        m_path->showPath(from, target());
}

} // namespace omu::ui
