#include "PendingStepPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace omu::ui {

PendingStepPage::PendingStepPage(const QString& title, const QString& subtitle,
                                 const QStringList& willDo, QWidget* parent)
    : QWizardPage(parent)
{
    setTitle(title);
    setSubTitle(subtitle);

    auto* notice = new QLabel(tr("<b>Not available in this build yet.</b> This step does nothing "
                                 "for now; do it by hand as OpenMetadata's upgrade guide "
                                 "describes before you continue."),
                              this);
    notice->setObjectName(QStringLiteral("pendingNotice"));
    notice->setWordWrap(true);
    notice->setStyleSheet(QStringLiteral("background:#fff4e5; color:#663c00; padding:8px;"));

    QString items;
    for (const QString& item : willDo)
        items += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
    auto* plan = new QLabel(
        tr("When it is ready, this step will:") + QStringLiteral("<ul>%1</ul>").arg(items), this);
    plan->setObjectName(QStringLiteral("pendingPlan"));
    plan->setWordWrap(true);
    plan->setTextFormat(Qt::RichText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(notice);
    layout->addWidget(plan);
    layout->addStretch(1);
}

} // namespace omu::ui
