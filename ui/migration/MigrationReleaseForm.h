#pragma once

#include "connection/ConnectionProfile.h"
#include "migration/MigrationPlan.h"
#include "migration/MigrationSettings.h"
#include "migration/OpenMetadataDistribution.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace omu {
class AsyncTask;
}

namespace omu::ui {

// The release to migrate to and where to run its tool: the unpacked release's folder,
// Check (reads the release and plans it against the database, off the UI thread), the
// plan in one paragraph, and the mode with its own fields (bare, docker, kubectl exec,
// the chart's migration job).
class MigrationReleaseForm : public QWidget
{
    Q_OBJECT

public:
    explicit MigrationReleaseForm(QWidget* parent = nullptr);

    QString releaseFolder() const;
    void setReleaseFolder(const QString& folder);
    // When no folder is chosen yet: the first of `candidates` that is not empty.
    void prefillFolder(const QStringList& candidates);
    // Reads the release and plans it for `profile`; `chosenTarget` is the Welcome page's
    // target, to warn when the release is another one. planned() when done.
    void plan(const ConnectionProfile& profile, const QString& chosenTarget);
    bool isPlanning() const { return m_planning; }
    const std::optional<OpenMetadataDistribution>& distribution() const { return m_distribution; }
    const std::optional<MigrationPlan>& migrationPlan() const { return m_plan; }

    // The mode's fields (`force` is the run's own choice).
    MigrationSettings settings(bool force) const;
    bool isJobMode() const;
    // While the tool runs nothing here may change; the Check button also waits for a
    // command being read from the cluster.
    void setEditable(bool editable, bool canCheck);

Q_SIGNALS:
    void checkRequested();
    void planned();
    // A field the command is built from changed (the job mode's only on Enter).
    void settingsChanged();
    // A job-mode field was edited: the command must be read from the cluster again.
    void jobFieldEdited();

private:
    void showPlan(const QString& error, const QString& chosenTarget);
    QWidget* modeFields(const QList<QPair<QString, QLineEdit*>>& rows);

    AsyncTask* m_worker;
    QLineEdit* m_folderEdit;
    QPushButton* m_checkButton;
    QLabel* m_planLabel;
    QComboBox* m_modeCombo;
    QStackedWidget* m_modeStack;
    QLineEdit* m_configEdit;
    QLineEdit* m_composeEdit;
    QLineEdit* m_serviceEdit;
    QLineEdit* m_containerEdit;
    QLineEdit* m_namespaceEdit;
    QLineEdit* m_podEdit;
    QLineEdit* m_jobNamespaceEdit;
    QLineEdit* m_deploymentEdit;
    QLineEdit* m_imageEdit;

    std::optional<OpenMetadataDistribution> m_distribution;
    std::optional<MigrationPlan> m_plan;
    bool m_planning = false;
};

} // namespace omu::ui
