#pragma once

#include "migration/MigrationGate.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace omu {
class OpenMetadataServerClient;
}

namespace omu::ui {

// "Before it may run": the gate's conditions, each ticked or with what to do, and the
// server part of it — the URL asked whether OpenMetadata still runs, and the user's word
// that it is stopped when it cannot be reached from here.
class MigrationGateBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit MigrationGateBox(QWidget* parent = nullptr);

    QString serverUrl() const; // normalised; empty when unusable
    void setServerUrl(const QString& url);
    // Asks the server for its version (5 s); changed() when it answered or did not.
    void checkServer();
    // Evaluates the gate with the server's state and shows it. `releaseRoot`: tools of
    // that release still running fail it (empty while our own run is the one running);
    // `unfinishedSteps`: the plan's STARTED/FAILED change-log rows (a repair comes first).
    GateReport evaluate(const JournalProgress& progress, const QString& databaseVersion,
                        const QString& releaseRoot, const QStringList& unfinishedSteps);

Q_SIGNALS:
    void changed();

private:
    OpenMetadataServerClient* m_server;
    QLabel* m_conditionsLabel;
    QLineEdit* m_urlEdit;
    QPushButton* m_checkButton;
    QCheckBox* m_stoppedCheck;
    MigrationGate::ServerState m_state = MigrationGate::ServerState::NotChecked;
    QString m_version;
    QString m_detail;
};

} // namespace omu::ui
