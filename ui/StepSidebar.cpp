#include "StepSidebar.h"

#include <QLabel>
#include <QVBoxLayout>

namespace omu::ui {

StepSidebar::StepSidebar(const QStringList& steps, QWidget* parent)
    : QWidget(parent), m_steps(steps)
{
    setObjectName(QStringLiteral("stepSidebar"));
    setMinimumWidth(190);
    setAutoFillBackground(true);
    QPalette shade = palette();
    shade.setColor(QPalette::Window, shade.color(QPalette::Window).darker(106));
    setPalette(shade);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 16, 12, 16);
    layout->setSpacing(4);
    auto* heading = new QLabel(tr("Upgrade steps"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    layout->addWidget(heading);
    layout->addSpacing(8);
    for (int i = 0; i < steps.size(); ++i) {
        auto* label = new QLabel(this);
        label->setObjectName(QStringLiteral("step%1").arg(i));
        label->setMargin(6);
        m_labels.append(label);
        layout->addWidget(label);
    }
    layout->addStretch(1);
    setCurrentStep(0);
}

void StepSidebar::setCurrentStep(int index)
{
    m_current = index;
    for (int i = 0; i < m_labels.size(); ++i) {
        QLabel* label = m_labels[i];
        const QString marker = i < index ? QStringLiteral("\u2713") : QString::number(i + 1);
        label->setText(QStringLiteral("%1  %2").arg(marker, m_steps[i]));
        QFont font = label->font();
        font.setBold(i == index);
        label->setFont(font);
        // A style sheet, not the palette: the wizard's style ignores label palettes here.
        label->setStyleSheet(i == index
                                 ? QStringLiteral("background: palette(highlight); color: "
                                                  "palette(highlighted-text); border-radius: 4px;")
                             : i < index ? QString()
                                         : QStringLiteral("color: palette(mid);"));
        label->setAccessibleName(i == index ? tr("Current step: %1").arg(m_steps[i]) : m_steps[i]);
    }
}

} // namespace omu::ui
