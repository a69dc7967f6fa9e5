#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace omu {

// One variable the OpenMetadata server would see in its environment, with where its
// value was found ("docker.env:12 (DB_HOST)", "values.yaml:8", "environment (DB_HOST)").
struct Variable
{
    QString value;
    QString origin;
    // Set but not readable here, e.g. a password the Helm chart takes from a Kubernetes
    // secret. hint says where the value really lives, for the warning.
    bool unreadable = false;
    QString hint;
};

// The variables for ${VAR} expansion. Sources are applied weakest first, so a later
// set() of the same name wins: environment, then env files in order, then Helm values.
class VariableSet
{
public:
    void set(const QString& name, const QString& value, const QString& origin);
    void setUnreadable(const QString& name, const QString& origin, const QString& hint);

    const Variable* find(const QString& name) const;
    bool isEmpty() const { return m_variables.isEmpty(); }

    // Values that look like secrets (names with PASSWORD, PWD or SECRET), so messages
    // can be scrubbed of them.
    QStringList secretValues() const;

private:
    QHash<QString, Variable> m_variables;
};

} // namespace omu
