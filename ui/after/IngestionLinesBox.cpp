#include "IngestionLinesBox.h"

#include "after/AfterRecorder.h"

#include "common/FileChooser.h"
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace omu::ui {

IngestionLinesBox::IngestionLinesBox(const WizardState* state, QWidget* parent)
    : QGroupBox(tr("4. Upgrade the ingestion clients"), parent), m_state(state)
{
    m_workflowsEdit = new QLineEdit(this);
    m_workflowsEdit->setObjectName(QStringLiteral("afterWorkflowsEdit"));
    m_workflowsEdit->setPlaceholderText(tr("folder of your ingestion workflow YAMLs (optional)"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* show = new QPushButton(tr("&Show commands"), this);
    show->setObjectName(QStringLiteral("ingestionButton"));
    m_pipLines = new QPlainTextEdit(this);
    m_pipLines->setObjectName(QStringLiteral("pipLines"));
    m_pipLines->setReadOnly(true);
    m_pipLines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pipLines->setMaximumHeight(110);
    m_copyButton = new QPushButton(tr("&Copy"), this);
    m_copyButton->setObjectName(QStringLiteral("copyPipButton"));
    auto* workflowsRow = new QHBoxLayout;
    workflowsRow->addWidget(m_workflowsEdit, 1);
    workflowsRow->addWidget(browse);
    workflowsRow->addWidget(show);
    auto* pipRow = new QHBoxLayout;
    pipRow->addWidget(m_pipLines, 1);
    pipRow->addWidget(m_copyButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(workflowsRow);
    layout->addLayout(pipRow);

    connect(show, &QPushButton::clicked, this, &IngestionLinesBox::refresh);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            filechooser::folder(this, tr("Ingestion workflows"), m_workflowsEdit->text());
        if (!folder.isEmpty()) {
            m_workflowsEdit->setText(folder);
            refresh();
        }
    });
    connect(m_copyButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_pipLines->toPlainText());
        m_copyButton->setText(tr("Copied"));
    });
}

void IngestionLinesBox::showLines(const QString& target)
{
    m_target = target;
    refresh();
}

void IngestionLinesBox::refresh()
{
    const QString folder = m_workflowsEdit->text().trimmed();
    const IngestionCommands commands = IngestionClientCommands::build(
        folder.isEmpty() ? QStringList() : QStringList{folder}, m_target);
    QString text = commands.ingestionLine + QStringLiteral("\n") + commands.managedApisLine +
                   QStringLiteral("   # only if you run your own Airflow");
    if (!commands.python.isEmpty())
        text += QStringLiteral("\n# Python %1; %2").arg(commands.python, commands.clientRule);
    for (const QString& warning : commands.warnings)
        text += QStringLiteral("\n# ") + warning;
    m_pipLines->setPlainText(text);
    m_copyButton->setText(tr("&Copy"));
    if (!folder.isEmpty() && m_state->testedProfile)
        static_cast<void>(AfterRecorder(*m_state->testedProfile, m_state->dataFolder)
                              .ingestionCommands(commands));
}

} // namespace omu::ui
