#pragma once

#include "WizardState.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace omu {
class MigrationRunner;
class OpenMetadataServerClient;
} // namespace omu

namespace omu::ui {

class MigrationCommandPreparer;

// "Start the new server, then check it": the new server's version, and the reindex —
// through the Search Indexing application (with the ingestion bot's token) or the
// release's own openmetadata-ops.sh reindex, run where the migration ran. Each recorded
// in the journal.
class AfterServerBox : public QGroupBox
{
    Q_OBJECT

public:
    AfterServerBox(const WizardState* state, QWidget* parent = nullptr);

    // The release migrated to, and the server URL the migration step used (may be empty).
    void prepare(const QString& target, const QString& serverUrl);
    // The token, so the report can redact it.
    QString botToken() const;

private:
    void checkVersion();
    void triggerReindex();
    void reindexWithOpsScript();
    void opsReindexFinished();

    const WizardState* m_state;
    OpenMetadataServerClient* m_server;
    MigrationRunner* m_opsRunner;
    MigrationCommandPreparer* m_preparer;
    QString m_target;
    QLineEdit* m_urlEdit;
    QPushButton* m_checkVersionButton;
    QLabel* m_versionLabel;
    QLineEdit* m_botTokenEdit;
    QPushButton* m_reindexButton;
    QPushButton* m_opsReindexButton;
    QLabel* m_reindexLabel;
};

} // namespace omu::ui
