#include "Finding.h"

namespace omu {

QString Finding::key() const
{
    // Two detectors of one entry reporting the same place (a yaml value that comes from an
    // env file, and that env variable itself) are one finding.
    if (file.isEmpty())
        return QStringLiteral("%1||0|0|%2").arg(id, message);
    // A mapping that lacks two keys is two findings at one place.
    const QString missing =
        target && target->kind == FixTarget::Kind::YamlParent ? target->missingKey : QString();
    return QStringLiteral("%1|%2|%3|%4|%5").arg(id, file).arg(line).arg(column).arg(missing);
}

QString Finding::location() const
{
    if (file.isEmpty())
        return {};
    if (line <= 0)
        return file;
    if (column <= 0)
        return QStringLiteral("%1:%2").arg(file).arg(line);
    return QStringLiteral("%1:%2:%3").arg(file).arg(line).arg(column);
}

QJsonObject Finding::toJson() const
{
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("severity"), severityName(severity)},
        {QStringLiteral("since"), since},
        {QStringLiteral("title"), title},
        {QStringLiteral("file"), file},
        {QStringLiteral("line"), line},
        {QStringLiteral("column"), column},
        {QStringLiteral("message"), message},
        {QStringLiteral("why"), why},
        {QStringLiteral("fix"), fix},
        {QStringLiteral("autofix"), autofix},
        {QStringLiteral("manual"), manual},
        {QStringLiteral("detector"), detector},
    };
    if (autofix)
        json.insert(QStringLiteral("autofixDescription"), autofixDescription);
    else if (!autofixUnavailable.isEmpty())
        json.insert(QStringLiteral("autofixUnavailable"), autofixUnavailable);
    return json;
}

} // namespace omu
