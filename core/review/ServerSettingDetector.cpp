#include "ServerSettingDetector.h"

#include "connection/DatabaseSession.h"
#include "connection/QueryRows.h"
#include "SpecReader.h"

#include <QMap>
#include <QVariantList>

namespace omu {

Result<std::shared_ptr<Detector>> ServerSettingDetector::create(SpecReader& reader)
{
    auto detector = std::make_shared<ServerSettingDetector>();
    if (reader.has("engine")) {
        const QString engine = reader.string("engine", true);
        if (engine == QLatin1String("mysql"))
            detector->m_engine = Engine::MySql;
        else if (engine == QLatin1String("postgres"))
            detector->m_engine = Engine::Postgres;
        else
            reader.fail(QStringLiteral("\"engine\" must be mysql or postgres"));
    }
    if (auto all = reader.node("all", true)) {
        if (!all->IsMap() || all->size() == 0)
            reader.fail(QStringLiteral("\"all\" must map variable names to patterns"));
        else
            for (auto it = all->begin(); it != all->end(); ++it) {
                const QString pattern = QString::fromStdString(it->second.as<std::string>(""));
                QRegularExpression expression(pattern, QRegularExpression::CaseInsensitiveOption);
                if (!expression.isValid() || pattern.isEmpty())
                    reader.fail(QStringLiteral("the pattern for %1 is not a valid regular "
                                               "expression")
                                    .arg(QString::fromStdString(it->first.Scalar())));
                const QString name = QString::fromStdString(it->first.Scalar());
                static const QRegularExpression identifier(QStringLiteral("^[A-Za-z0-9_.]+$"));
                if (!identifier.match(name).hasMatch())
                    reader.fail(QStringLiteral("\"%1\" is not a variable name").arg(name));
                detector->m_all.append({name, expression});
            }
    }
    detector->m_schemaTables = reader.stringList("whenSchemaHasTables", false);
    detector->m_message = reader.string("message", true);
    return std::shared_ptr<Detector>(detector);
}

DetectorFindings ServerSettingDetector::run(const DetectorContext& context) const
{
    DetectorFindings result;
    if (!context.database) {
        result.notChecked = context.databaseUnavailable;
        return result;
    }
    DatabaseSession& session = *context.database;
    if (m_engine && session.engine() != *m_engine)
        return result; // a setting of the other engine: nothing to look at
    const bool postgres = session.engine() == Engine::Postgres;

    // The names were checked to be plain identifiers when the catalog was read.
    QStringList names;
    for (const auto& [name, pattern] : m_all)
        names << QStringLiteral("'%1'").arg(name);
    const auto rows = queryRows(
        session,
        (postgres ? QStringLiteral("SELECT name, setting FROM pg_settings WHERE name IN (%1)")
                  : QStringLiteral("SHOW GLOBAL VARIABLES WHERE Variable_name IN (%1)"))
            .arg(names.join(QStringLiteral(", "))));
    if (!rows) {
        result.notChecked =
            QStringLiteral("the server's settings could not be read: %1").arg(rows.error().text);
        return result;
    }
    QMap<QString, QString> values;
    for (const QStringList& row : rows.value())
        values.insert(row.value(0).toLower(), row.value(1));
    QStringList shown;
    for (const auto& [name, pattern] : m_all) {
        if (!values.contains(name.toLower())) {
            result.notChecked =
                QStringLiteral("the server does not report the variable %1").arg(name);
            return result;
        }
        const QString value = values.value(name.toLower());
        if (!pattern.match(value).hasMatch())
            return result;
        shown << QStringLiteral("%1=%2").arg(name, value);
    }

    QString where;
    if (!m_schemaTables.isEmpty()) {
        QStringList marks;
        QVariantList tables;
        for (const QString& table : m_schemaTables) {
            marks << QStringLiteral("?");
            tables << table;
        }
        const auto schemas =
            queryRows(session,
                      QStringLiteral("SELECT table_schema FROM information_schema.tables WHERE "
                                     "table_name IN (%1) GROUP BY table_schema HAVING "
                                     "COUNT(DISTINCT table_name) = %2 ORDER BY table_schema")
                          .arg(marks.join(QStringLiteral(", ")))
                          .arg(m_schemaTables.size()),
                      tables);
        if (!schemas) {
            result.notChecked = QStringLiteral("the server's schemas could not be listed: %1")
                                    .arg(schemas.error().text);
            return result;
        }
        if (schemas.value().isEmpty())
            return result;
        QStringList found;
        for (const QStringList& row : schemas.value())
            found << row.value(0);
        where = QStringLiteral("; it holds %1").arg(found.join(QStringLiteral(", ")));
    }
    result.hits.append(DetectorHit{{},
                                   0,
                                   0,
                                   QStringLiteral("%1 (%2 on the server of %3%4)")
                                       .arg(m_message, shown.join(QStringLiteral(", ")),
                                            session.profile().displayName(), where),
                                   {}});
    return result;
}

} // namespace omu
