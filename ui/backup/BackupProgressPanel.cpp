#include "BackupProgressPanel.h"

#include "common/Markup.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

#include <cmath>

namespace omu::ui {

using markup::escaped;

namespace {

QString duration(double seconds)
{
    const qint64 whole = qint64(std::ceil(seconds));
    if (whole >= 3600)
        return QObject::tr("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString phaseText(const BackupProgress& progress, bool restoring)
{
    switch (progress.phase) {
    case BackupProgress::Phase::Preparing:
        return QObject::tr("Preparing");
    case BackupProgress::Phase::Dumping:
        return QObject::tr("Backing up");
    case BackupProgress::Phase::Finishing:
        return QObject::tr("Writing to disk");
    case BackupProgress::Phase::Verifying:
        return restoring ? QObject::tr("Checking the file before restoring")
                         : QObject::tr("Verifying the file against its manifest");
    case BackupProgress::Phase::Replaying:
        return QObject::tr("Deep check: replaying into a scratch copy");
    case BackupProgress::Phase::Comparing:
        return QObject::tr("Deep check: comparing the scratch copy");
    case BackupProgress::Phase::Restoring:
        break;
    }
    return QObject::tr("Restoring");
}

QProgressBar* thousandths(QWidget* parent, const char* name)
{
    auto* bar = new QProgressBar(parent);
    bar->setObjectName(QLatin1String(name));
    bar->setRange(0, 1000);
    bar->setTextVisible(false);
    return bar;
}

} // namespace

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

BackupProgressPanel::BackupProgressPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("progressBox"));
    m_phaseLabel = new QLabel(this);
    m_phaseLabel->setObjectName(QStringLiteral("phaseLabel"));
    m_phaseLabel->setWordWrap(true);
    m_overallProgress = thousandths(this, "overallProgress");
    m_overallLabel = new QLabel(this);
    m_overallLabel->setObjectName(QStringLiteral("overallLabel"));
    m_tableProgress = thousandths(this, "tableProgress");
    m_tableLabel = new QLabel(this);
    m_tableLabel->setObjectName(QStringLiteral("tableLabel"));
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    grid->addWidget(m_phaseLabel, 0, 0, 1, 2);
    grid->addWidget(new QLabel(tr("Overall:"), this), 1, 0);
    grid->addWidget(m_overallProgress, 1, 1);
    grid->addWidget(m_overallLabel, 2, 1);
    grid->addWidget(new QLabel(tr("Table:"), this), 3, 0);
    grid->addWidget(m_tableProgress, 3, 1);
    grid->addWidget(m_tableLabel, 4, 1);
    hide();
}

void BackupProgressPanel::reset()
{
    m_overallProgress->setValue(0);
    m_tableProgress->setValue(0);
    m_overallLabel->clear();
    m_tableLabel->clear();
    m_phaseLabel->setText(QStringLiteral("<b>%1</b>").arg(tr("Preparing")));
}

void BackupProgressPanel::showProgress(const BackupProgress& progress, bool restoring)
{
    const QLocale locale;
    QString phase = phaseText(progress, restoring);
    if (progress.table.isEmpty() && !progress.message.isEmpty())
        phase += QStringLiteral(": ") + progress.message;
    // A wait (a lock held by someone else, a silent server) on a line of its own.
    m_phaseLabel->setText(QStringLiteral("<b>%1</b>").arg(escaped(phase)) +
                          (progress.waiting.isEmpty()
                               ? QString()
                               : QStringLiteral("<br>%1").arg(escaped(progress.waiting))));
    m_overallProgress->setValue(int(progress.fraction * 1000));
    const bool writing = progress.phase == BackupProgress::Phase::Dumping;
    QString overall = tr("%1% \u00b7 %2 rows \u00b7 %3 %4 \u00b7 %5/s")
                          .arg(int(std::floor(progress.fraction * 100)))
                          .arg(locale.toString(progress.rows))
                          .arg(dataSize(progress.bytes), writing ? tr("written") : tr("read"))
                          .arg(dataSize(qint64(progress.bytesPerSecond)));
    if (progress.secondsLeft >= 0)
        overall += tr(" \u00b7 about %1 left").arg(duration(progress.secondsLeft));
    m_overallLabel->setText(overall);
    if (progress.table.isEmpty()) {
        m_tableLabel->clear();
        m_tableProgress->setValue(0);
        return;
    }
    QString table = progress.tableCount > 0 ? tr("%1 (%2 of %3): %4")
                                                  .arg(progress.table)
                                                  .arg(progress.tableIndex + 1)
                                                  .arg(progress.tableCount)
                                            : QStringLiteral("%1: %4").arg(progress.table);
    if (progress.tableRowsEstimate > 0) {
        table = table.arg(tr("%1 of %2 rows")
                              .arg(locale.toString(progress.tableRows),
                                   locale.toString(progress.tableRowsEstimate)));
        m_tableProgress->setValue(
            int(std::min<qint64>(1000, progress.tableRows * 1000 / progress.tableRowsEstimate)));
    } else {
        table = table.arg(tr("%1 rows").arg(locale.toString(progress.tableRows)));
        m_tableProgress->setValue(0);
    }
    m_tableLabel->setText(table);
}

void BackupProgressPanel::showEnding(Ending ending, const QString& summary,
                                     const BackupProgress& progress)
{
    if (ending != Ending::Succeeded && progress.rows == 0) {
        hide(); // nothing was under way: the result says it all
        return;
    }
    QString phase;
    switch (ending) {
    case Ending::Succeeded:
        phase = tr("Done");
        m_overallProgress->setValue(1000);
        m_tableProgress->setValue(1000);
        m_tableLabel->setText(tr("All %1 tables").arg(progress.tableCount));
        break;
    case Ending::Cancelled:
        phase = tr("Cancelled");
        break;
    case Ending::Failed:
        phase = tr("Stopped");
        break;
    }
    m_phaseLabel->setText(QStringLiteral("<b>%1</b>").arg(escaped(phase)));
    m_overallLabel->setText(
        summary.isEmpty() ? tr("%1 rows \u00b7 %2")
                                .arg(QLocale().toString(progress.rows), dataSize(progress.bytes))
                          : summary);
}

} // namespace omu::ui
