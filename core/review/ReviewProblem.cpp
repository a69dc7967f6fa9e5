#include "ReviewProblem.h"

namespace omu {

QString ReviewProblem::where() const
{
    QString text = file;
    if (line > 0)
        text += QStringLiteral(":%1").arg(line);
    if (line > 0 && column > 0)
        text += QStringLiteral(":%1").arg(column);
    return text;
}

QString ReviewProblem::toString() const
{
    QString text = where().isEmpty() ? message : where() + QStringLiteral(": ") + message;
    if (!advice.isEmpty())
        text += QStringLiteral(" ") + advice;
    return text;
}

QJsonObject ReviewProblem::toJson() const
{
    return QJsonObject{{QStringLiteral("file"), file},
                       {QStringLiteral("line"), line},
                       {QStringLiteral("column"), column},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("advice"), advice}};
}

} // namespace omu
