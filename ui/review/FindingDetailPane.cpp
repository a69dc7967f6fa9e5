#include "FindingDetailPane.h"

#include "ReviewText.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace omu::ui {

FindingDetailPane::FindingDetailPane(QWidget* parent) : QWidget(parent)
{
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_detail->setOpenLinks(false);
    m_openFileButton = new QPushButton(tr("Open file"), this);
    m_openFileButton->setObjectName(QStringLiteral("openFileButton"));
    m_openFileButton->setEnabled(false);
    m_acknowledgeCheck = new QCheckBox(tr("Acknowledged: I will handle it myself"), this);
    m_acknowledgeCheck->setToolTip(
        tr("Tick when you have dealt with this blocker yourself, or accept "
           "the risk. Next needs every blocker fixed or acknowledged."));
    m_acknowledgeCheck->setObjectName(QStringLiteral("acknowledgeCheck"));
    m_acknowledgeCheck->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_detail, 1);
    layout->addWidget(m_acknowledgeCheck);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_openFileButton);
    layout->addLayout(buttons);
    connect(m_acknowledgeCheck, &QCheckBox::toggled, this,
            &FindingDetailPane::acknowledgementChanged);
    connect(m_openFileButton, &QPushButton::clicked, this, &FindingDetailPane::openFileRequested);
}

void FindingDetailPane::showFinding(const Finding* finding, bool acknowledged, const QString& note)
{
    const bool blocker = finding && finding->severity == Severity::Blocker && !finding->manual;
    {
        const QSignalBlocker blockToggle(m_acknowledgeCheck);
        m_acknowledgeCheck->setEnabled(blocker);
        m_acknowledgeCheck->setChecked(blocker && acknowledged);
        m_acknowledgeCheck->setVisible(blocker);
    }
    const bool hasFile = finding && !finding->file.isEmpty();
    m_openFileButton->setEnabled(hasFile);
    m_openFileButton->setText(hasFile ? tr("Open %1").arg(reviewtext::shortPlace(*finding))
                                      : tr("Open file"));
    m_detail->setHtml(finding ? reviewtext::findingHtml(*finding) : note);
}

} // namespace omu::ui
