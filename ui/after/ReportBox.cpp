#include "ReportBox.h"

#include "after/AfterUpgrade.h"
#include "common/Markup.h"
#include "common/PageLayout.h"
#include "report/ConnectionOrigins.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escaped;

ReportBox::ReportBox(const WizardState* state, std::function<QStringList()> secrets,
                     QWidget* parent)
    : QGroupBox(tr("5. Keep a report"), parent), m_state(state), m_secrets(std::move(secrets))
{
    m_folderEdit = new QLineEdit(this);
    m_folderEdit->setObjectName(QStringLiteral("reportFolderEdit"));
    auto* writeButton = new QPushButton(tr("&Write report"), this);
    writeButton->setObjectName(QStringLiteral("writeReportButton"));
    auto* openButton = new QPushButton(tr("Open re&port"), this);
    openButton->setObjectName(QStringLiteral("openReportButton"));
    openButton->setToolTip(tr("Write the report again with everything done so far and open it "
                              "in your browser."));
    m_resultLabel = resultLine("reportLabel", this);
    auto* row = new QHBoxLayout;
    row->addWidget(m_folderEdit, 1);
    row->addWidget(writeButton);
    row->addWidget(openButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_resultLabel);
    connect(writeButton, &QPushButton::clicked, this, &ReportBox::write);
    connect(openButton, &QPushButton::clicked, this, [this] {
        if (const QString html = write(); !html.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(html));
    });
}

void ReportBox::prepare()
{
    if (m_folderEdit->text().isEmpty() && m_state->testedProfile)
        m_folderEdit->setText(
            AfterUpgrade::defaultReportFolder(*m_state->testedProfile, m_state->dataFolder));
}

QString ReportBox::write()
{
    if (!m_state->testedProfile)
        return {};
    const ConnectionProfile& profile = *m_state->testedProfile;
    const auto report = AfterUpgrade::writeReport(
        profile, m_state->dataFolder, m_folderEdit->text(), m_secrets(),
        ConnectionOrigins::describe(profile, m_state->sources, tr("typed in the wizard"),
                                    tr("command-line option")));
    if (!report) {
        showOnLine(m_resultLabel, QStringLiteral("failed"), escaped(report.error().toString()));
        return {};
    }
    const UpgradeReport::Written& written = report->files;
    // File names only: the folder is in the field above, and long paths do not wrap.
    showOnLine(m_resultLabel, QStringLiteral("ok"),
               tr("\u2713 Written, secrets removed: %1 and %2 in that folder. Send them with any "
                  "support request.")
                   .arg(escaped(QFileInfo(written.htmlFile).fileName()),
                        escaped(QFileInfo(written.jsonFile).fileName())));
    m_resultLabel->setToolTip(written.htmlFile + QLatin1Char('\n') + written.jsonFile);
    return written.htmlFile;
}

} // namespace omu::ui
