#include "ProcessCall.h"

#include "ToolCommandLine.h"

#include <QJsonArray>

namespace omu {

QString ProcessCall::display() const
{
    QStringList words{ToolCommandLineBuilder::shellQuote(program)};
    for (const QString& argument : arguments)
        words << ToolCommandLineBuilder::shellQuote(argument);
    QString text = words.join(QLatin1Char(' '));
    for (const QString& remark : {inputNote, note})
        if (!remark.isEmpty())
            text += QStringLiteral(" (%1)").arg(remark);
    return text;
}

QJsonObject ProcessCall::toJson() const
{
    QJsonObject json{{QStringLiteral("program"), program},
                     {QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                     {QStringLiteral("timeoutSeconds"), timeoutMs / 1000},
                     {QStringLiteral("display"), display()}};
    if (!inputNote.isEmpty())
        json.insert(QStringLiteral("stdin"), inputNote);
    if (!inputShown.isEmpty())
        json.insert(QStringLiteral("stdinShown"), inputShown);
    return json;
}

QString ProcessCallOutcome::problem() const
{
    if (ok())
        return {};
    if (!started)
        return startError;
    const QString said = QString::fromUtf8(errors.isEmpty() ? output : errors).trimmed();
    const QString how = timedOut  ? QStringLiteral("no answer in time")
                        : crashed ? QStringLiteral("ended by a signal")
                                  : QStringLiteral("exit code %1").arg(exitCode);
    return said.isEmpty() ? how : how + QStringLiteral(": ") + said;
}

} // namespace omu
