#pragma once

// Runs the real omupgrade executable as a user would and keeps what it said: for the
// tests that omu_add_test(... RUNS_APP) builds, which know its path as OMU_EXECUTABLE.
#include "connection/ConnectionProfile.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <memory>

namespace omu::test {

// One finished run.
struct AppRun
{
    int exitCode = -1; // -1 when it crashed, did not start or was killed after the timeout
    QByteArray out;
    QByteArray err;
    bool timedOut = false;

    // stdout as one JSON object (an empty object when it is not one).
    QJsonObject json() const;
};

class AppRunner
{
public:
    // `program`: the executable under test, QStringLiteral(OMU_EXECUTABLE). The macro is
    // defined per test target, so it is passed in rather than compiled in here.
    explicit AppRunner(QString program,
                       std::chrono::milliseconds timeout = std::chrono::seconds(120));

    // A variable every run gets on top of this process's environment (XDG_DATA_HOME, ...).
    // Without one, XDG_DATA_HOME is a temporary folder of this runner.
    void setEnvironment(const QString& name, const QString& value);

    // Runs it with `arguments`. `password` reaches it as OMU_DB_PASSWORD; with a null one it
    // gets none (one in this process's environment is removed), as a user who gave none.
    // A run that does not finish within the timeout, or does not start, is killed and
    // recorded as a failure of the current test saying which command it was.
    AppRun run(const QStringList& arguments, const QString& password = {}) const;

    const QString& program() const { return m_program; }

private:
    QString m_program;
    std::chrono::milliseconds m_timeout;
    QMap<QString, QString> m_environment;
    // The runs' data folder (XDG_DATA_HOME) unless a test sets its own: journals and
    // reports never land in the real user's folder.
    std::shared_ptr<QTemporaryDir> m_dataHome;
};

// The options that name the server and database of `profile`: --engine, --host, --port,
// --user and --database (the password goes separately, see AppRunner::run()).
QStringList connectionArguments(const ConnectionProfile& profile);

// The test of a command line refused as bad usage: exit code 64, `message` on stderr and
// nothing on stdout.
void verifyBadUsage(const AppRunner& app, const QStringList& arguments, const QString& message);

} // namespace omu::test
