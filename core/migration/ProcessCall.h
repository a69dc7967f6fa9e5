#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace omu {

// A short call around the migration tool (create the Kubernetes job, read its status,
// delete it), run with its own time limit. What it reads on stdin may hold values copied
// from the cluster, so it is never shown: people see `inputNote` and `inputShown`.
struct ProcessCall
{
    QString program; // absolute path once resolved
    QStringList arguments;
    QByteArray input;       // written to its stdin, then closed; empty: stdin closed at once
    QString inputNote;      // "manifest on stdin", shown after the command
    QJsonObject inputShown; // the input for people, secret values masked
    QString note;           // why it runs ("its status decides success"), shown likewise
    int timeoutMs = 60'000;

    // Shell-quoted, then "(note)" when there is one.
    QString display() const;
    QJsonObject toJson() const; // never the raw input
};

// How a call ended.
struct ProcessCallOutcome
{
    bool started = false;
    bool timedOut = false;
    bool crashed = false; // ended by a signal (also when aborted)
    int exitCode = -1;
    QByteArray output; // stdout
    QByteArray errors; // stderr
    QString startError;

    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
    // "exit code 1: Error from server (NotFound): ..." for messages; empty when ok().
    QString problem() const;
};

// What a conclusion check says about the run once the main command has ended.
struct MigrationVerdict
{
    enum class State
    {
        Succeeded,
        Failed,
        Running, // not finished yet: check again, then follow its log again
        Unknown, // the check itself failed: check again, then give up
    };
    State state = State::Unknown;
    QString detail; // for the log and the explanation
};

using MigrationJudge = std::function<MigrationVerdict(const ProcessCallOutcome&)>;

} // namespace omu
