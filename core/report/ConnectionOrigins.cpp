#include "ConnectionOrigins.h"

#include <QProcessEnvironment>

namespace omu {

namespace {

QString engineLabel(Engine engine)
{
    switch (engine) {
    case Engine::MySql:
        return QStringLiteral("MySQL / MariaDB");
    case Engine::Postgres:
        return QStringLiteral("PostgreSQL");
    case Engine::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

struct Row
{
    const char* key; // the resolver's origin name
    const char* label;
    QString (*value)(const ConnectionProfile&);
};

const Row rows[] = {
    {"engine", "Engine", [](const ConnectionProfile& p) { return engineLabel(p.engine); }},
    {"host", "Host", [](const ConnectionProfile& p) { return p.host; }},
    {"port", "Port", [](const ConnectionProfile& p) { return QString::number(p.port); }},
    {"database", "Database", [](const ConnectionProfile& p) { return p.database; }},
    {"schema", "Schema",
     [](const ConnectionProfile& p) {
         return p.engine == Engine::Postgres ? p.effectiveSchema() : QString();
     }},
    {"user", "User", [](const ConnectionProfile& p) { return p.user; }},
    {"password", "Password",
     [](const ConnectionProfile& p) {
         return p.password.isEmpty() ? QStringLiteral("none")
                                     : QStringLiteral("set (not shown in this report)");
     }},
    {"tls", "TLS",
     [](const ConnectionProfile& p) {
         QString text = tlsModeName(p.tlsMode);
         if (!p.tlsCaFile.isEmpty())
             text += QStringLiteral(", CA file ") + p.tlsCaFile;
         return text;
     }},
    {"params", "JDBC parameters",
     [](const ConnectionProfile& p) {
         QStringList pairs;
         for (auto it = p.params.cbegin(); it != p.params.cend(); ++it)
             pairs << it.key() + QLatin1Char('=') + it.value();
         return pairs.isEmpty() ? QStringLiteral("none") : pairs.join(QStringLiteral(", "));
     }},
    {"connectTimeoutSeconds", "Connect timeout",
     [](const ConnectionProfile& p) {
         return QStringLiteral("%1 s").arg(p.connectTimeoutSeconds);
     }},
};

} // namespace

QList<ConnectionField> ConnectionOrigins::describe(const ConnectionProfile& profile)
{
    QList<ConnectionField> fields;
    for (const Row& row : rows) {
        const QString value = row.value(profile);
        if (!value.isEmpty())
            fields.append({QLatin1String(row.label), value, QString()});
    }
    return fields;
}

QList<ConnectionField> ConnectionOrigins::describe(const ConnectionProfile& profile,
                                                   const ConnectionSources& sources,
                                                   const QString& changedOrigin,
                                                   const QString& explicitOrigin)
{
    ConnectionSources withEnvironment = sources;
    if (withEnvironment.environment.isEmpty()) { // as the Connection page resolves them
        const auto system = QProcessEnvironment::systemEnvironment();
        for (const QString& key : system.keys())
            withEnvironment.environment.insert(key, system.value(key));
    }
    const auto resolved = ConnectionResolver::resolve(withEnvironment);
    QList<ConnectionField> fields;
    for (const Row& row : rows) {
        const QString value = row.value(profile);
        if (value.isEmpty())
            continue;
        QString origin = changedOrigin;
        // The password is compared, never shown: a changed one was typed.
        if (resolved && row.value(resolved->profile) == value &&
            (qstrcmp(row.key, "password") != 0 || resolved->profile.password == profile.password)) {
            origin = resolved->origins.value(QLatin1String(row.key));
            if (origin == QLatin1String("explicit"))
                origin = explicitOrigin;
            else if (origin.isEmpty() || origin == QLatin1String("default"))
                origin = QStringLiteral("default");
        }
        fields.append({QLatin1String(row.label), value, origin});
    }
    return fields;
}

} // namespace omu
