#include "VariableSet.h"

namespace omu {

void VariableSet::set(const QString& name, const QString& value, const QString& origin)
{
    m_variables.insert(name, Variable{value, origin, false, {}});
}

void VariableSet::setUnreadable(const QString& name, const QString& origin, const QString& hint)
{
    m_variables.insert(name, Variable{{}, origin, true, hint});
}

const Variable* VariableSet::find(const QString& name) const
{
    const auto it = m_variables.constFind(name);
    return it == m_variables.cend() ? nullptr : &it.value();
}

QStringList VariableSet::secretValues() const
{
    QStringList values;
    for (auto it = m_variables.cbegin(); it != m_variables.cend(); ++it) {
        const QString upper = it.key().toUpper();
        // PWD and OLDPWD are the shell's folders, not passwords.
        if (upper == QLatin1String("PWD") || upper == QLatin1String("OLDPWD"))
            continue;
        if (upper.contains(QLatin1String("PASSWORD")) || upper.contains(QLatin1String("PWD")) ||
            upper.contains(QLatin1String("SECRET")))
            values.append(it.value().value);
    }
    return values;
}

} // namespace omu
