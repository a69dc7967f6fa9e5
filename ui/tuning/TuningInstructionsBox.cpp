#include "TuningInstructionsBox.h"

#include "common/Markup.h"
#include "common/ResultBanner.h"
#include "tuning/TuningReport.h"
#include "tuning/TuningSnippets.h"
#include "TuningOutcomeText.h"
#include "TuningStateBox.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escapedLines;

TuningInstructionsBox::TuningInstructionsBox(QWidget* parent)
    : QGroupBox(tr("Rights, and doing it by hand"), parent)
{
    setObjectName(QStringLiteral("instructionsBox"));
    m_privilegeBanner = new ResultBanner(QStringLiteral("privilegeFrame"),
                                         QStringLiteral("privilegeExplanation"), this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("snippetTabs"));
    m_dbaTab = snippetTab("dbaSqlText", "copyDbaSqlButton", &m_dbaSqlText);
    m_configTab = snippetTab("configSnippetText", "copyConfigButton", &m_configSnippetText);
    m_managedTab = snippetTab("managedRouteText", "copyManagedRouteButton", &m_managedRouteText);
    m_tabs->addTab(m_dbaTab, tr("SQL for a DBA"));
    m_tabs->addTab(m_configTab, tr("Config file"));
    m_tabs->addTab(m_managedTab, tr("Managed service"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_privilegeBanner);
    layout->addWidget(m_tabs);
}

// A read-only snippet with a Copy button under it, as one tab.
QWidget* TuningInstructionsBox::snippetTab(const char* textName, const char* buttonName,
                                           QPlainTextEdit** text)
{
    auto* tab = new QWidget(m_tabs);
    auto* source = new QPlainTextEdit(tab);
    source->setObjectName(QString::fromLatin1(textName));
    source->setReadOnly(true);
    source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    source->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // Room for the longest snippet (a managed route) without crowding the page.
    source->setFixedHeight(110);
    auto* copy = new QPushButton(tr("Copy"), tab);
    copy->setObjectName(QString::fromLatin1(buttonName));
    connect(copy, &QPushButton::clicked, tab, [source, copy] {
        QGuiApplication::clipboard()->setText(source->toPlainText());
        copy->setText(tr("Copied"));
    });
    connect(source, &QPlainTextEdit::textChanged, copy, [copy] { copy->setText(tr("Copy")); });
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(copy);
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(source, 1);
    layout->addLayout(row);
    *text = source;
    return tab;
}

void TuningInstructionsBox::showReport(const TuningReport& report, qint64 suggestedBytes)
{
    QString rights;
    if (!report.privileges.canApply)
        rights = QStringLiteral("<b>\u26a0 %1</b><br>").arg(tr("You may not change it from here."));
    rights += escapedLines(report.privileges.explanation);
    if (!report.privileges.missing.isEmpty())
        rights += QStringLiteral("<br><b>%1</b> %2")
                      .arg(tr("Missing:"), escapedLines(report.privileges.missing));
    m_privilegeBanner->showState(
        report.privileges.canApply ? QStringLiteral("idle") : QStringLiteral("stale"), rights);
    // The by-hand routes carry the value suggested on the page.
    const TuningInstructions instructions = suggestedBytes == report.recommendation.bytes
                                                ? report.instructions
                                                : TuningSnippets::build(report, suggestedBytes);
    m_dbaSqlText->setPlainText(instructions.dbaSql + QStringLiteral("\n\n") +
                               instructions.dbaRevertSql);
    m_configSnippetText->setPlainText(instructions.configSnippet);
    m_managedRouteText->setPlainText(instructions.managedRoute);
    // A managed service has no config file to edit, and a managed MySQL refuses SET GLOBAL
    // whoever runs it: only the route that works is offered.
    const bool managed = report.managed.isManaged();
    setTab(m_dbaTab, !(managed && report.engine == Engine::MySql), tr("SQL for a DBA"));
    setTab(m_configTab, !managed, tr("%1 line").arg(report.instructions.configFile));
    setTab(m_managedTab, managed, report.managed.name);
    // The route that works comes first: a managed MySQL service only has its parameter group.
    if (managed && report.engine == Engine::MySql)
        m_tabs->setCurrentWidget(m_managedTab);
    show();
}

void TuningInstructionsBox::setTab(QWidget* tab, bool visible, const QString& title)
{
    const int index = m_tabs->indexOf(tab);
    m_tabs->setTabVisible(index, visible);
    m_tabs->setTabText(index, title);
}

} // namespace omu::ui
