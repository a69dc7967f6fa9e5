#include "ConnectionResultText.h"

#include "common/Markup.h"

#include <QLocale>
#include <QObject>

namespace omu::ui::connectiontext {

using markup::escaped;

namespace {

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
    case Kind::NotDatabase:
        return QObject::tr("Not a database on this port");
    case Kind::Locked:
        return QObject::tr("Locked by another session");
    case Kind::Other:
        break;
    }
    return QObject::tr("Connection failed");
}

} // namespace

QString failureHtml(const ConnectionFailure& failure)
{
    QString html = QStringLiteral("<b>\u2717 %1</b><br>%2")
                       .arg(escaped(failureTitle(failure.kind)), escaped(failure.summary));
    if (!failure.advice.isEmpty())
        html += QStringLiteral("<br><br><b>%1</b> %2")
                    .arg(QObject::tr("What to do:"), escaped(failure.advice));
    if (!failure.detail.isEmpty())
        html += QStringLiteral("<br><br>") +
                markup::coloured(markup::noteColour,
                                 QObject::tr("Server said:") + QLatin1Char(' ') + failure.detail);
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

} // namespace omu::ui::connectiontext
