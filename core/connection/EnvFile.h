#pragma once

#include "common/Result.h"
#include "VariableSet.h"

#include <QList>
#include <QString>

namespace omu {

// A docker-style env file (docker run --env-file, compose env_file / .env):
//   KEY=value   KEY="value"   KEY='value'   export KEY=value
//   # comments, blank lines, and " # comment" after an unquoted value.
// Inside double quotes \" \\ \n \t are escapes; single quotes are literal. A bare KEY
// (no '=') means "pass KEY from the caller's environment" to docker, so it sets nothing
// here. Anything else is an error naming file:line; messages never quote a value,
// because the line may hold a password.
class EnvFile
{
public:
    struct Entry
    {
        QString key;
        QString value;
        int line = 0; // 1-based
    };

    static Result<EnvFile> read(const QString& path);
    static Result<EnvFile> parse(const QString& text, const QString& fileName);

    QString fileName() const { return m_fileName; }
    const QList<Entry>& entries() const { return m_entries; }

    // Sets every entry, origin "<file>:<line> (<KEY>)"; a later line wins.
    void applyTo(VariableSet& variables) const;

private:
    QString m_fileName;
    QList<Entry> m_entries;
};

} // namespace omu
