#include "ReviewInputsForm.h"

#include "common/Markup.h"
#include "releases/ReleaseRegistry.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace omu::ui {

namespace {

QLineEdit* folderEdit(QWidget* parent, const char* name, const QString& placeholder)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ReviewInputsForm::ReviewInputsForm(QWidget* parent) : QWidget(parent)
{
    m_fromCombo = new QComboBox(this);
    m_fromCombo->setObjectName(QStringLiteral("fromCombo"));
    m_fromCombo->setEditable(true);
    m_fromCombo->addItems(ReleaseRegistry::builtIn().versions());
    m_fromCombo->setToolTip(tr("The release running now (read from the database when the "
                               "connection was tested)."));
    m_toLabel = new QLabel(this);
    m_toLabel->setObjectName(QStringLiteral("toLabel"));
    m_workflowsEdit =
        folderEdit(this, "workflowsEdit", tr("Folder of ingestion workflow YAMLs (optional)"));
    m_codeEdit = folderEdit(this, "codeEdit", tr("Folder of custom connector code (optional)"));
    m_scriptsEdit =
        folderEdit(this, "scriptsEdit",
                   tr("Folder of scripts, crontabs, Dockerfiles, compose and CI files (optional)"));
    m_searchUrlEdit = folderEdit(this, "searchUrlEdit",
                                 tr("As in openmetadata.yaml, or e.g. http://localhost:9200"));
    m_runButton = new QPushButton(tr("Review again"), this);
    m_runButton->setObjectName(QStringLiteral("runReviewButton"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    auto* releases = new QHBoxLayout;
    releases->addWidget(m_fromCombo);
    releases->addWidget(new QLabel(QStringLiteral("→"), this));
    releases->addWidget(m_toLabel);
    releases->addStretch();
    grid->addWidget(new QLabel(tr("Release step:"), this), 0, 0);
    grid->addLayout(releases, 0, 1);
    grid->addWidget(m_runButton, 0, 2);
    grid->addWidget(new QLabel(tr("Workflows:"), this), 1, 0);
    grid->addWidget(m_workflowsEdit, 1, 1);
    grid->addWidget(browseButton(m_workflowsEdit, tr("Folder of ingestion workflow YAMLs")), 1, 2);
    grid->addWidget(new QLabel(tr("Connector code:"), this), 2, 0);
    grid->addWidget(m_codeEdit, 2, 1);
    grid->addWidget(browseButton(m_codeEdit, tr("Folder of custom connector code")), 2, 2);
    grid->addWidget(new QLabel(tr("Scripts:"), this), 3, 0);
    grid->addWidget(m_scriptsEdit, 3, 1);
    grid->addWidget(browseButton(m_scriptsEdit, tr("Folder of scripts and deployment files")), 3,
                    2);
    grid->addWidget(new QLabel(tr("Search engine:"), this), 4, 0);
    grid->addWidget(m_searchUrlEdit, 4, 1, 1, 2);
    connect(m_runButton, &QPushButton::clicked, this, &ReviewInputsForm::runRequested);
}

QPushButton* ReviewInputsForm::browseButton(QLineEdit* edit, const QString& title)
{
    auto* button = new QPushButton(tr("Browse…"), this);
    connect(button, &QPushButton::clicked, this, [this, edit, title] {
        const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
        if (!folder.isEmpty())
            edit->setText(folder);
    });
    return button;
}

void ReviewInputsForm::setReleases(const QString& from, const QString& to)
{
    if (!from.isEmpty())
        m_fromCombo->setCurrentText(from);
    m_to = to;
    m_toLabel->setText(QStringLiteral("<b>%1</b>").arg(markup::escaped(to)));
    m_toLabel->setProperty("release", to);
}

void ReviewInputsForm::fillRequest(ReviewRequest& request) const
{
    request.from = m_fromCombo->currentText().trimmed();
    request.to = m_to;
    request.workflowsFolder = m_workflowsEdit->text().trimmed();
    request.codeFolder = m_codeEdit->text().trimmed();
    request.scriptsFolder = m_scriptsEdit->text().trimmed();
    request.searchUrl = m_searchUrlEdit->text().trimmed();
}

void ReviewInputsForm::setRunning(bool running)
{
    m_runButton->setEnabled(!running);
}

} // namespace omu::ui
