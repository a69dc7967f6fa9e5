#pragma once

#include "connection/ConnectionProfile.h"
#include "migration/OpenMetadataDistribution.h"
#include "migration/ToolCommandLine.h"

#include <QObject>

#include <functional>
#include <optional>

namespace omu {
class AsyncTask;
}

namespace omu::ui {

// Builds the release tool's command for the Migration and After pages. The Kubernetes job
// mode reads the deployment with kubectl (up to 30 s), so that build runs off the UI
// thread; the other modes are built at once. One kubectl read at a time.
class MigrationCommandPreparer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        OpenMetadataDistribution distribution;
        ConnectionProfile profile;
        MigrationSettings settings;
        MigrationAction action = MigrationAction::Migrate;
    };
    using Done = std::function<void(const Result<ToolCommandLine>& command)>;

    explicit MigrationCommandPreparer(QObject* parent = nullptr);

    // The command to show while the user edits: a request made while a kubectl read runs
    // waits for it, and only the newest answer arrives (a changed field drops the rest).
    void preview(const Request& request, Done done);
    // The command to run: always answered (read again: the deployment may have changed).
    void prepareRun(const Request& request, Done done);
    // Drops the preview still to come (a field changed; the job mode waits for Enter).
    void invalidate() { ++m_generation; }
    bool isBusy() const;

Q_SIGNALS:
    // A kubectl read ended (answered or dropped): the page's buttons may change.
    void readEnded();

private:
    void launch(const Request& request, Done done, bool checkGeneration);

    AsyncTask* m_worker;
    std::optional<std::pair<Request, Done>> m_waiting;
    quint64 m_generation = 0;
};

} // namespace omu::ui
