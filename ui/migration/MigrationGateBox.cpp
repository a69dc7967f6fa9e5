#include "MigrationGateBox.h"

#include "common/Markup.h"
#include "migration/OpenMetadataServerClient.h"
#include "migration/RunningToolFinder.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escaped;

MigrationGateBox::MigrationGateBox(QWidget* parent)
    : QGroupBox(tr("Before it may run"), parent), m_server(new OpenMetadataServerClient(this))
{
    m_conditionsLabel = new QLabel(this);
    m_conditionsLabel->setObjectName(QStringLiteral("gateLabel"));
    m_conditionsLabel->setWordWrap(true);
    m_conditionsLabel->setTextFormat(Qt::RichText);
    m_conditionsLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_urlEdit = new QLineEdit(QStringLiteral("http://localhost:8585"), this);
    m_urlEdit->setObjectName(QStringLiteral("serverUrlEdit"));
    m_checkButton = new QPushButton(tr("Check &server"), this);
    m_checkButton->setObjectName(QStringLiteral("checkServerButton"));
    m_stoppedCheck = new QCheckBox(tr("I have stopped the OpenMetadata server (it cannot be "
                                      "reached from here)"),
                                   this);
    m_stoppedCheck->setObjectName(QStringLiteral("serverStoppedCheck"));
    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(new QLabel(tr("Server:"), this));
    serverRow->addWidget(m_urlEdit, 1);
    serverRow->addWidget(m_checkButton);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_conditionsLabel);
    layout->addLayout(serverRow);
    layout->addWidget(m_stoppedCheck);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);

    connect(m_checkButton, &QPushButton::clicked, this, &MigrationGateBox::checkServer);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &MigrationGateBox::checkServer);
    connect(m_stoppedCheck, &QCheckBox::toggled, this, &MigrationGateBox::changed);
    connect(m_server, &OpenMetadataServerClient::versionChecked, this,
            [this](const OpenMetadataServerClient::VersionAnswer& answer) {
                m_checkButton->setEnabled(true);
                m_state = answer.answered ? MigrationGate::ServerState::Answering
                                          : MigrationGate::ServerState::NotAnswering;
                m_version = answer.version;
                m_detail = answer.error;
                Q_EMIT changed();
            });
}

QString MigrationGateBox::serverUrl() const
{
    return OpenMetadataServerClient::normalise(m_urlEdit->text()).toString();
}

void MigrationGateBox::setServerUrl(const QString& url)
{
    m_urlEdit->setText(url);
}

void MigrationGateBox::checkServer()
{
    const QUrl url = OpenMetadataServerClient::normalise(m_urlEdit->text());
    if (!url.isValid()) {
        m_state = MigrationGate::ServerState::NotChecked;
        m_detail = tr("no usable URL");
        Q_EMIT changed();
        return;
    }
    m_checkButton->setEnabled(false);
    m_server->checkVersion(url, 5000);
}

GateReport MigrationGateBox::evaluate(const JournalProgress& progress,
                                      const QString& databaseVersion, const QString& releaseRoot,
                                      const QStringList& unfinishedSteps)
{
    MigrationGate::Inputs inputs;
    inputs.progress = progress;
    inputs.databaseVersion = databaseVersion;
    if (!releaseRoot.isEmpty())
        inputs.runningTools = RunningToolFinder::find(releaseRoot);
    inputs.server = m_state;
    inputs.serverUrl = serverUrl();
    inputs.serverVersion = m_version;
    inputs.serverDetail = m_detail;
    inputs.userConfirmedServerStopped = m_stoppedCheck->isChecked();
    inputs.unfinishedSteps = unfinishedSteps;
    const GateReport report = MigrationGate::evaluate(inputs);
    QString html;
    for (const auto& condition : report.conditions) {
        html += QStringLiteral("%1 <b>%2</b> — %3")
                    .arg(condition.passed
                             ? markup::coloured(markup::okColour, QStringLiteral("\u2713"))
                             : markup::coloured(markup::failedColour, QStringLiteral("\u2717")),
                         escaped(condition.title), escaped(condition.detail));
        if (!condition.passed)
            html +=
                QStringLiteral("<br>&nbsp;&nbsp;&nbsp;<i>%1</i>").arg(escaped(condition.advice));
        html += QStringLiteral("<br>");
    }
    m_conditionsLabel->setText(html);
    return report;
}

} // namespace omu::ui
