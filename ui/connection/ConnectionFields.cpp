#include "ConnectionFields.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace omu::ui {

namespace {

template <typename T> T* named(T* widget, const char* name)
{
    widget->setObjectName(QLatin1String(name));
    return widget;
}

} // namespace

ConnectionFields::ConnectionFields(QWidget* parent) : QWidget(parent)
{
    m_engineCombo = named(new QComboBox(this), "engineCombo");
    m_engineCombo->addItem(tr("MySQL"), int(Engine::MySql));
    m_engineCombo->addItem(tr("PostgreSQL"), int(Engine::Postgres));
    m_hostEdit = named(new QLineEdit(this), "hostEdit");
    m_portSpin = named(new QSpinBox(this), "portSpin");
    m_portSpin->setRange(1, 65535);
    m_portSpin->setGroupSeparatorShown(false);
    m_databaseEdit = named(new QLineEdit(this), "databaseEdit");
    m_schemaEdit = named(new QLineEdit(this), "schemaEdit");
    m_schemaEdit->setPlaceholderText(QStringLiteral("public"));
    m_userEdit = named(new QLineEdit(this), "userEdit");
    m_passwordEdit = named(new QLineEdit(this), "passwordEdit");
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_tlsCombo = named(new QComboBox(this), "tlsCombo");
    for (const TlsMode mode : {TlsMode::Default, TlsMode::Disable, TlsMode::Prefer,
                               TlsMode::Require, TlsMode::VerifyCa, TlsMode::VerifyFull})
        m_tlsCombo->addItem(tlsModeName(mode), int(mode));
    m_caFileEdit = named(new QLineEdit(this), "caFileEdit");
    m_caFileEdit->setPlaceholderText(tr("CA certificate (PEM), to verify the server"));
    m_timeoutSpin = named(new QSpinBox(this), "timeoutSpin");
    m_timeoutSpin->setRange(1, 300);
    m_timeoutSpin->setSuffix(tr(" s"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    const QList<std::tuple<QString, QString, QWidget*>> rows{
        {QStringLiteral("engine"), tr("&Engine:"), m_engineCombo},
        {QStringLiteral("host"), tr("&Host:"), m_hostEdit},
        {QStringLiteral("port"), tr("&Port:"), m_portSpin},
        {QStringLiteral("database"), tr("&Database:"), m_databaseEdit},
        {QStringLiteral("schema"), tr("S&chema:"), m_schemaEdit},
        {QStringLiteral("user"), tr("&User:"), m_userEdit},
        {QStringLiteral("password"), tr("Pass&word:"), m_passwordEdit},
        {QStringLiteral("tls"), tr("&TLS:"), m_tlsCombo},
        {QStringLiteral("tlsCaFile"), tr("C&A file:"), m_caFileEdit},
        {QStringLiteral("connectTimeout"), tr("Connect ti&meout:"), m_timeoutSpin}};
    int row = 0;
    for (const auto& [field, text, input] : rows) {
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
    }

    auto changed = [this] {
        if (!m_filling)
            Q_EMIT edited();
    };
    connect(m_engineCombo, &QComboBox::currentIndexChanged, this, [this, changed] {
        updateEngineDependentFields();
        changed();
    });
    for (QLineEdit* edit :
         {m_hostEdit, m_databaseEdit, m_schemaEdit, m_userEdit, m_passwordEdit, m_caFileEdit})
        connect(edit, &QLineEdit::textChanged, this, changed);
    connect(m_portSpin, &QSpinBox::valueChanged, this, changed);
    connect(m_timeoutSpin, &QSpinBox::valueChanged, this, changed);
    connect(m_tlsCombo, &QComboBox::currentIndexChanged, this, changed);
}

void ConnectionFields::showResolved(const ResolvedConnection& resolved)
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
    Q_EMIT edited();
}

ConnectionProfile ConnectionFields::profile() const
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

QString ConnectionFields::hostAndPort() const
{
    return QStringLiteral("%1:%2").arg(m_hostEdit->text()).arg(m_portSpin->value());
}

bool ConnectionFields::passwordMissing() const
{
    return m_passwordEdit->text().isEmpty();
}

void ConnectionFields::focusPassword()
{
    m_passwordEdit->setFocus();
}

void ConnectionFields::setEditable(bool editable)
{
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_engineCombo, m_hostEdit, m_portSpin, m_databaseEdit, m_schemaEdit, m_userEdit,
             m_passwordEdit, m_tlsCombo, m_caFileEdit, m_timeoutSpin})
        field->setEnabled(editable);
    if (editable)
        updateEngineDependentFields();
}

void ConnectionFields::updateEngineDependentFields()
{
    m_schemaEdit->setEnabled(Engine(m_engineCombo->currentData().toInt()) == Engine::Postgres);
}

} // namespace omu::ui
