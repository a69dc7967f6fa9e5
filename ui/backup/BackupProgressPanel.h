#pragma once

#include "backup/BackupProgress.h"
#include "common/Ending.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace omu::ui {

// The backup's or restore's progress: the phase, overall (rows, bytes, speed, time left)
// and the table under way, then how it ended.
class BackupProgressPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BackupProgressPanel(QWidget* parent = nullptr);

    void reset(); // a run starts
    void showProgress(const BackupProgress& progress, bool restoring);
    // `summary` replaces the rows line when given; a run that never started is hidden.
    void showEnding(Ending ending, const QString& summary, const BackupProgress& progress);

private:
    QLabel* m_phaseLabel;
    QProgressBar* m_overallProgress;
    QLabel* m_overallLabel;
    QProgressBar* m_tableProgress;
    QLabel* m_tableLabel;
};

// "1.2 MB" in the user's locale.
QString dataSize(qint64 bytes);

} // namespace omu::ui
