#include "ConnectionPage.h"

#include "common/Markup.h"
#include "common/ResultBanner.h"
#include "connection/InspectionTask.h"
#include "journal/JournalProgress.h"
#include "WizardPageId.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace omu::ui {

using markup::escaped;

namespace {

QMap<QString, QString> processEnvironment()
{
    QMap<QString, QString> environment;
    const auto system = QProcessEnvironment::systemEnvironment();
    for (const QString& key : system.keys())
        environment.insert(key, system.value(key));
    return environment;
}

QString failureTitle(ConnectionFailure::Kind kind)
{
    using Kind = ConnectionFailure::Kind;
    switch (kind) {
    case Kind::InvalidProfile:
        return QObject::tr("Incomplete connection");
    case Kind::DriverMissing:
        return QObject::tr("Database driver missing");
    case Kind::HostNotFound:
        return QObject::tr("Host not found");
    case Kind::Refused:
        return QObject::tr("Connection refused");
    case Kind::Timeout:
        return QObject::tr("No answer (timeout)");
    case Kind::Tls:
        return QObject::tr("TLS problem");
    case Kind::Authentication:
        return QObject::tr("Wrong user or password");
    case Kind::DatabaseMissing:
        return QObject::tr("Database not found");
    case Kind::NotOpenMetadata:
        return QObject::tr("Not an OpenMetadata database");
    case Kind::Other:
        break;
    }
    return QObject::tr("Connection failed");
}

QString failureHtml(const ConnectionFailure& failure)
{
    QString html = QStringLiteral("<b>\u2717 %1</b><br>%2")
                       .arg(escaped(failureTitle(failure.kind)), escaped(failure.summary));
    if (!failure.advice.isEmpty())
        html += QStringLiteral("<br><br><b>%1</b> %2")
                    .arg(QObject::tr("What to do:"), escaped(failure.advice));
    if (!failure.detail.isEmpty())
        html += QStringLiteral("<br><br><span style='color:#555'>%1 %2</span>")
                    .arg(QObject::tr("Server said:"), escaped(failure.detail));
    return html;
}

QString successHtml(const InspectionReport& report)
{
    const auto& om = report.openMetadata;
    const QLocale locale;
    QString version = om.version.isEmpty() ? QObject::tr("1.0.x or older") : om.version;
    QString html = QStringLiteral("<b>\u2713 %1</b>")
                       .arg(QObject::tr("Connected to OpenMetadata %1").arg(escaped(version)));
    QStringList lines;
    QString flavour = report.server.flavour == QLatin1String("mariadb") ? QStringLiteral("MariaDB")
                      : report.server.flavour == QLatin1String("postgresql")
                          ? QStringLiteral("PostgreSQL")
                          : QStringLiteral("MySQL");
    QString server = QStringLiteral("%1 %2").arg(flavour, report.server.version);
    if (report.server.managed.isManaged())
        server += QStringLiteral(" on %1").arg(report.server.managed.name);
    lines << QObject::tr("Server: %1").arg(escaped(server));
    if (!om.flywayVersion.isEmpty())
        lines << QObject::tr("Schema: flyway %1, migrations %2")
                     .arg(escaped(om.flywayVersion),
                          escaped(om.appliedVersions.join(QStringLiteral(", "))));
    lines << QObject::tr("Tables: %1, %2 in all")
                 .arg(om.tables.size())
                 .arg(locale.formattedDataSize(om.totalBytes));
    const auto& privileges = report.privileges;
    lines << (privileges.missing.isEmpty()
                  ? QObject::tr("Privileges: everything the upgrade needs (settings via %1)")
                        .arg(escaped(privileges.globalSettingsRoute))
                  : QObject::tr("Missing privileges: %1")
                        .arg(escaped(privileges.missing.join(QStringLiteral("; ")))));
    html += QStringLiteral("<br>") + lines.join(QStringLiteral("<br>"));
    for (const QString& warning : report.warnings)
        html += QStringLiteral("<br>") + markup::warning(warning);
    return html;
}

} // namespace

ConnectionPage::ConnectionPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_task(new InspectionTask(this))
{
    setObjectName(QStringLiteral("connectionPage"));
    setTitle(tr("Connect to the metadata database"));
    setSubTitle(tr("These values were read from your files. Check them, then test the connection: "
                   "every later step uses it."));

    m_resolveBanner = new QLabel(this);
    m_resolveBanner->setObjectName(QStringLiteral("resolveBanner"));
    m_resolveBanner->setWordWrap(true);
    m_resolveBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resolveBanner->hide();

    m_engineCombo = new QComboBox(this);
    m_engineCombo->setObjectName(QStringLiteral("engineCombo"));
    m_engineCombo->addItem(tr("MySQL"), int(Engine::MySql));
    m_engineCombo->addItem(tr("PostgreSQL"), int(Engine::Postgres));
    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setObjectName(QStringLiteral("hostEdit"));
    m_portSpin = new QSpinBox(this);
    m_portSpin->setObjectName(QStringLiteral("portSpin"));
    m_portSpin->setRange(1, 65535);
    m_portSpin->setGroupSeparatorShown(false);
    m_databaseEdit = new QLineEdit(this);
    m_databaseEdit->setObjectName(QStringLiteral("databaseEdit"));
    m_schemaEdit = new QLineEdit(this);
    m_schemaEdit->setObjectName(QStringLiteral("schemaEdit"));
    m_schemaEdit->setPlaceholderText(QStringLiteral("public"));
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_tlsCombo = new QComboBox(this);
    m_tlsCombo->setObjectName(QStringLiteral("tlsCombo"));
    for (const TlsMode mode : {TlsMode::Default, TlsMode::Disable, TlsMode::Prefer,
                               TlsMode::Require, TlsMode::VerifyCa, TlsMode::VerifyFull})
        m_tlsCombo->addItem(tlsModeName(mode), int(mode));
    m_caFileEdit = new QLineEdit(this);
    m_caFileEdit->setObjectName(QStringLiteral("caFileEdit"));
    m_caFileEdit->setPlaceholderText(tr("CA certificate (PEM), to verify the server"));
    m_timeoutSpin = new QSpinBox(this);
    m_timeoutSpin->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeoutSpin->setRange(1, 300);
    m_timeoutSpin->setSuffix(tr(" s"));

    auto* grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    int row = 0;
    auto addRow = [&](const QString& field, const QString& text, QWidget* input) {
        auto* label = new QLabel(text, this);
        label->setBuddy(input);
        auto* origin = new QLabel(this);
        origin->setObjectName(field + QStringLiteral("Origin"));
        origin->setForegroundRole(QPalette::PlaceholderText);
        m_originLabels.insert(field, origin);
        grid->addWidget(label, row, 0);
        grid->addWidget(input, row, 1);
        grid->addWidget(origin, row, 2);
        ++row;
    };
    addRow(QStringLiteral("engine"), tr("&Engine:"), m_engineCombo);
    addRow(QStringLiteral("host"), tr("&Host:"), m_hostEdit);
    addRow(QStringLiteral("port"), tr("&Port:"), m_portSpin);
    addRow(QStringLiteral("database"), tr("&Database:"), m_databaseEdit);
    addRow(QStringLiteral("schema"), tr("S&chema:"), m_schemaEdit);
    addRow(QStringLiteral("user"), tr("&User:"), m_userEdit);
    addRow(QStringLiteral("password"), tr("Pass&word:"), m_passwordEdit);
    addRow(QStringLiteral("tls"), tr("&TLS:"), m_tlsCombo);
    addRow(QStringLiteral("tlsCaFile"), tr("C&A file:"), m_caFileEdit);
    addRow(QStringLiteral("connectTimeout"), tr("Connect ti&meout:"), m_timeoutSpin);

    m_testButton = new QPushButton(tr("Test c&onnection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("testProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_progress);
    testRow->addStretch(1);

    m_result =
        new ResultBanner(QStringLiteral("resultFrame"), QStringLiteral("connectionResult"), this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_resolveBanner);
    layout->addLayout(grid);
    layout->addLayout(testRow);
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPage::startTest);
    connect(m_task, &InspectionTask::finished, this, &ConnectionPage::showOutcome);
    connect(m_engineCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateEngineDependentFields();
        fieldsEdited();
    });
    for (QLineEdit* edit :
         {m_hostEdit, m_databaseEdit, m_schemaEdit, m_userEdit, m_passwordEdit, m_caFileEdit})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionPage::fieldsEdited);
    connect(m_portSpin, &QSpinBox::valueChanged, this, &ConnectionPage::fieldsEdited);
    connect(m_timeoutSpin, &QSpinBox::valueChanged, this, &ConnectionPage::fieldsEdited);
    connect(m_tlsCombo, &QComboBox::currentIndexChanged, this, &ConnectionPage::fieldsEdited);
    setResult(QStringLiteral("idle"), tr("Not tested yet. Press <b>Test connection</b>."));
}

void ConnectionPage::initializePage()
{
    resolveFromSources();
    // After QWizard has given focus to the first field: the password when it is missing,
    // else the test button, so Space tests straight away.
    QTimer::singleShot(0, this, [this] {
        if (m_passwordEdit->text().isEmpty())
            m_passwordEdit->setFocus();
        else
            m_testButton->setFocus();
    });
}

void ConnectionPage::resolveFromSources()
{
    ConnectionSources sources = m_state->sources;
    if (sources.environment.isEmpty())
        sources.environment = processEnvironment();
    const auto resolved = ConnectionResolver::resolve(sources);
    if (!resolved) {
        m_resolveBanner->setText(
            tr("<b>Could not read the connection from your files.</b><br>%1<br>"
               "Fix the file and go back, or type the values below.")
                .arg(escaped(resolved.error().toString())
                         .replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
        m_resolveBanner->setStyleSheet(
            QStringLiteral("background:#fdecea; color:#7f1d1d; padding:8px;"));
        m_resolveBanner->show();
        ConnectionProfile fallback;
        fallback.engine = Engine::MySql;
        fallback.port = defaultPort(Engine::MySql);
        showProfile(ResolvedConnection{fallback, {}, {}});
        return;
    }
    if (!resolved.value().warnings.isEmpty()) {
        m_resolveBanner->setText(QStringLiteral("\u26a0 ") +
                                 escaped(resolved.value().warnings.join(QStringLiteral("\n")))
                                     .replace(QLatin1Char('\n'), QStringLiteral("<br>\u26a0 ")));
        m_resolveBanner->setStyleSheet(
            QStringLiteral("background:#fff4e5; color:#663c00; padding:8px;"));
        m_resolveBanner->show();
    } else {
        m_resolveBanner->hide();
    }
    showProfile(resolved.value());
}

void ConnectionPage::showProfile(const ResolvedConnection& resolved)
{
    const ConnectionProfile& profile = resolved.profile;
    m_filling = true;
    m_engineCombo->setCurrentIndex(std::max(0, m_engineCombo->findData(int(profile.engine))));
    m_hostEdit->setText(profile.host);
    m_portSpin->setValue(profile.port > 0 ? profile.port : defaultPort(Engine::MySql));
    m_databaseEdit->setText(profile.database);
    m_schemaEdit->setText(profile.schema);
    m_userEdit->setText(profile.user);
    m_passwordEdit->setText(profile.password);
    m_tlsCombo->setCurrentIndex(std::max(0, m_tlsCombo->findData(int(profile.tlsMode))));
    m_caFileEdit->setText(profile.tlsCaFile);
    m_timeoutSpin->setValue(profile.connectTimeoutSeconds);
    for (auto it = m_originLabels.begin(); it != m_originLabels.end(); ++it) {
        QString origin = resolved.origins.value(it.key());
        if (origin == QLatin1String("explicit"))
            origin = tr("the command line");
        it.value()->setText(origin.isEmpty() ? QString() : tr("from %1").arg(origin));
    }
    updateEngineDependentFields();
    m_filling = false;
    fieldsEdited();
}

ConnectionProfile ConnectionPage::currentProfile() const
{
    ConnectionProfile profile;
    profile.engine = Engine(m_engineCombo->currentData().toInt());
    profile.host = m_hostEdit->text().trimmed();
    profile.port = m_portSpin->value();
    profile.database = m_databaseEdit->text().trimmed();
    profile.schema =
        profile.engine == Engine::Postgres ? m_schemaEdit->text().trimmed() : QString();
    profile.user = m_userEdit->text().trimmed();
    profile.password = m_passwordEdit->text();
    profile.tlsMode = TlsMode(m_tlsCombo->currentData().toInt());
    profile.tlsCaFile = m_caFileEdit->text().trimmed();
    profile.connectTimeoutSeconds = m_timeoutSpin->value();
    return profile;
}

void ConnectionPage::updateEngineDependentFields()
{
    m_schemaEdit->setEnabled(Engine(m_engineCombo->currentData().toInt()) == Engine::Postgres);
}

bool ConnectionPage::isComplete() const
{
    return m_state->testedProfile && *m_state->testedProfile == currentProfile() &&
           m_state->inspection && !m_state->inspection->problem && !m_task->isRunning();
}

int ConnectionPage::resumePage() const
{
    if (!m_state->testedProfile)
        return -1;
    const auto progress =
        JournalProgress::forDeployment(*m_state->testedProfile, m_state->dataFolder);
    if (!progress)
        return -1;
    // Only what must not be left half done: a migration that did not finish, or tuning
    // still to put back. A finished upgrade starts afresh.
    const auto step = progress.value().resumeAt();
    if (step == JournalProgress::Step::Migration &&
        progress.value().migration != JournalProgress::MigrationState::NotStarted)
        return MigrationPageId;
    if (step == JournalProgress::Step::After)
        return AfterPageId;
    return -1;
}

int ConnectionPage::nextId() const
{
    const int resume = resumePage();
    return resume >= 0 ? resume : QWizardPage::nextId();
}

void ConnectionPage::fieldsEdited()
{
    if (m_filling)
        return;
    // A test result only counts for the exact values it was run with.
    if (m_state->testedProfile && !(*m_state->testedProfile == currentProfile())) {
        m_state->testedProfile.reset();
        m_state->inspection.reset();
        setResult(
            QStringLiteral("stale"),
            tr("The fields changed since the last test. Press <b>Test connection</b> again."));
    }
    Q_EMIT completeChanged();
}

void ConnectionPage::startTest()
{
    m_state->testedProfile.reset();
    m_state->inspection.reset();
    setBusy(true);
    setResult(
        QStringLiteral("busy"),
        tr("Connecting to %1:%2 \u2026").arg(escaped(m_hostEdit->text())).arg(m_portSpin->value()));
    m_task->start(currentProfile());
    Q_EMIT completeChanged();
}

void ConnectionPage::showOutcome()
{
    setBusy(false);
    const auto& outcome = *m_task->outcome();
    if (!outcome.ok()) {
        setResult(QStringLiteral("failed"), failureHtml(outcome.error()));
    } else if (outcome.value().problem) {
        setResult(QStringLiteral("failed"), failureHtml(*outcome.value().problem));
    } else {
        m_state->testedProfile = currentProfile();
        m_state->inspection = outcome.value();
        QString html = successHtml(outcome.value());
        const int resume = resumePage();
        if (resume >= 0)
            html += QStringLiteral("<br><br><b>%1</b>")
                        .arg(tr("An earlier upgrade of this deployment did not finish. Next "
                                "continues at the %1 step; Back from there reaches the others.")
                                 .arg(resume == MigrationPageId ? tr("Migration") : tr("After")));
        setResult(QStringLiteral("ok"), html);
    }
    Q_EMIT completeChanged();
}

void ConnectionPage::setBusy(bool busy)
{
    m_testButton->setEnabled(!busy);
    m_testButton->setText(busy ? tr("Testing\u2026") : tr("Test c&onnection"));
    m_progress->setVisible(busy);
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_engineCombo, m_hostEdit, m_portSpin, m_databaseEdit, m_schemaEdit, m_userEdit,
             m_passwordEdit, m_tlsCombo, m_caFileEdit, m_timeoutSpin})
        field->setEnabled(!busy);
    if (!busy) {
        updateEngineDependentFields();
        m_testButton->setFocus();
    }
}

void ConnectionPage::setResult(const QString& state, const QString& html)
{
    m_result->showState(state, html);
}

} // namespace omu::ui
