#include "MigrationSetupBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace omu::ui {

MigrationSetupBar::MigrationSetupBar(QList<QWidget*> folded, QWidget* parent)
    : QWidget(parent), m_folded(std::move(folded))
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("setupSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_toggle = new QToolButton(this);
    m_toggle->setObjectName(QStringLiteral("showSetupButton"));
    m_toggle->setCheckable(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_toggle, 0, Qt::AlignTop);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool shown) { showFolded(!shown); });
    hide();
}

void MigrationSetupBar::fold(const QString& summary)
{
    m_summary->setText(summary);
    show();
    m_toggle->setChecked(false);
    showFolded(true);
}

void MigrationSetupBar::unfold()
{
    hide();
    showFolded(false);
}

void MigrationSetupBar::showFolded(bool folded)
{
    for (QWidget* widget : std::as_const(m_folded))
        widget->setVisible(!folded);
    m_toggle->setText(folded ? tr("Show the release and checks") : tr("Hide them"));
}

} // namespace omu::ui
