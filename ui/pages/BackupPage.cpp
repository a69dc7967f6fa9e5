#include "BackupPage.h"

#include "backup/BackgroundJob.h"
#include "backup/BackupFiles.h"
#include "backup/BackupRestorer.h"
#include "backup/BackupVerifier.h"
#include "backup/BackupWriter.h"
#include "journal/UpgradeJournal.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <cmath>

namespace omu::ui {

struct BackupPage::Outcome
{
    BackupOutcome backup;
    std::optional<VerifyReport> verify;
    RestoreOutcome restored;
};

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QString duration(double seconds)
{
    const qint64 whole = qint64(std::ceil(seconds));
    if (whole >= 3600)
        return QObject::tr("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString errorHtml(const QString& title, const Error& error)
{
    QString html = QStringLiteral("<b>\u2717 %1</b><br>").arg(escaped(title));
    html += escaped(error.where.isEmpty() ? error.message
                                          : error.where + QStringLiteral(": ") + error.message);
    if (!error.advice.isEmpty())
        html += QStringLiteral("<br><br><b>%1</b> %2")
                    .arg(QObject::tr("What to do:"),
                         escaped(error.advice).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    return html;
}

QString defaultFolder()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
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

} // namespace

BackupPage::BackupPage(WizardState* state, QWidget* parent)
    : QWizardPage(parent), m_state(state), m_job(new BackgroundJob(this))
{
    setObjectName(QStringLiteral("backupPage"));
    setTitle(tr("Back up the metadata database"));
    setSubTitle(tr("A backup you can restore comes first. The file also works with OpenMetadata's "
                   "own <tt>metadata restore</tt>."));

    m_sourceLabel = new QLabel(this);
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    m_sourceLabel->setWordWrap(true);

    m_folderEdit = new QLineEdit(this);
    m_folderEdit->setObjectName(QStringLiteral("folderEdit"));
    m_browseButton = new QPushButton(tr("&Browse\u2026"), this);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    m_spaceLabel = new QLabel(this);
    m_spaceLabel->setObjectName(QStringLiteral("spaceLabel"));
    m_spaceLabel->setWordWrap(true);
    m_fileNameEdit = new QLineEdit(this);
    m_fileNameEdit->setObjectName(QStringLiteral("fileNameEdit"));
    m_deepCheck = new QCheckBox(tr("Also replay it into a scratch copy and compare (deep check: "
                                   "slower, needs the right to create tables)"),
                                this);
    m_deepCheck->setObjectName(QStringLiteral("deepCheck"));

    auto* grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folderEdit);
    grid->addWidget(folderLabel, 0, 0);
    grid->addWidget(m_folderEdit, 0, 1);
    grid->addWidget(m_browseButton, 0, 2);
    grid->addWidget(m_spaceLabel, 1, 1, 1, 2);
    auto* nameLabel = new QLabel(tr("File &name:"), this);
    nameLabel->setBuddy(m_fileNameEdit);
    grid->addWidget(nameLabel, 2, 0);
    grid->addWidget(m_fileNameEdit, 2, 1, 1, 2);
    grid->addWidget(m_deepCheck, 3, 1, 1, 2);

    m_backupButton = new QPushButton(tr("&Back up"), this);
    m_backupButton->setObjectName(QStringLiteral("backupButton"));
    m_backupButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("&Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_backupButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);

    m_phaseLabel = new QLabel(this);
    m_phaseLabel->setObjectName(QStringLiteral("phaseLabel"));
    m_phaseLabel->setWordWrap(true);
    m_overallProgress = new QProgressBar(this);
    m_overallProgress->setObjectName(QStringLiteral("overallProgress"));
    m_overallProgress->setRange(0, 1000);
    m_overallProgress->setTextVisible(false);
    m_overallLabel = new QLabel(this);
    m_overallLabel->setObjectName(QStringLiteral("overallLabel"));
    m_tableProgress = new QProgressBar(this);
    m_tableProgress->setObjectName(QStringLiteral("tableProgress"));
    m_tableProgress->setRange(0, 1000);
    m_tableProgress->setTextVisible(false);
    m_tableLabel = new QLabel(this);
    m_tableLabel->setObjectName(QStringLiteral("tableLabel"));
    auto* progress = new QGridLayout;
    progress->setColumnStretch(1, 1);
    progress->addWidget(m_phaseLabel, 0, 0, 1, 2);
    progress->addWidget(new QLabel(tr("Overall:"), this), 1, 0);
    progress->addWidget(m_overallProgress, 1, 1);
    progress->addWidget(m_overallLabel, 2, 1);
    progress->addWidget(new QLabel(tr("Table:"), this), 3, 0);
    progress->addWidget(m_tableProgress, 3, 1);
    progress->addWidget(m_tableLabel, 4, 1);
    m_progressBox = new QWidget(this);
    m_progressBox->setObjectName(QStringLiteral("progressBox"));
    m_progressBox->setLayout(progress);
    m_progressBox->hide();

    m_resultFrame = new QFrame(this);
    m_resultFrame->setObjectName(QStringLiteral("resultFrame"));
    m_resultFrame->setFrameShape(QFrame::StyledPanel);
    m_resultLabel = new QLabel(m_resultFrame);
    m_resultLabel->setObjectName(QStringLiteral("backupResult"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextFormat(Qt::RichText);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* resultLayout = new QVBoxLayout(m_resultFrame);
    resultLayout->addWidget(m_resultLabel);

    m_ownBackupCheck = new QCheckBox(tr("I hold my own backup of this database (a cloud snapshot, "
                                        "say) and will restore from it if the upgrade fails:"),
                                     this);
    m_ownBackupCheck->setObjectName(QStringLiteral("ownBackupCheck"));
    m_ownBackupEdit = new QLineEdit(this);
    m_ownBackupEdit->setObjectName(QStringLiteral("ownBackupEdit"));
    m_ownBackupEdit->setPlaceholderText(tr("Its name or ID, e.g. rds:openmetadata-before-1-2"));
    m_ownBackupEdit->setEnabled(false);

    m_restoreToggle = new QCheckBox(tr("Restore a backup into this database instead\u2026"), this);
    m_restoreToggle->setObjectName(QStringLiteral("restoreToggle"));
    m_restoreBox = new QGroupBox(tr("Restore a backup"), this);
    m_restoreBox->setObjectName(QStringLiteral("restoreBox"));
    m_restoreBox->hide();
    auto* restoreInner = new QWidget(m_restoreBox);
    m_restoreFileEdit = new QLineEdit(restoreInner);
    m_restoreFileEdit->setObjectName(QStringLiteral("restoreFileEdit"));
    m_restoreFileEdit->setPlaceholderText(
        tr("A backup file (.sql) from omupgrade or from metadata backup"));
    m_restoreBrowseButton = new QPushButton(tr("Br&owse\u2026"), restoreInner);
    m_restoreBrowseButton->setObjectName(QStringLiteral("restoreBrowseButton"));
    m_restoreConfirmLabel = new QLabel(restoreInner);
    m_restoreConfirmLabel->setObjectName(QStringLiteral("restoreConfirmLabel"));
    m_restoreConfirmLabel->setWordWrap(true);
    m_restoreConfirmEdit = new QLineEdit(restoreInner);
    m_restoreConfirmEdit->setObjectName(QStringLiteral("restoreConfirmEdit"));
    m_restoreButton = new QPushButton(tr("&Restore"), restoreInner);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_restoreButton->setEnabled(false);
    auto* restoreGrid = new QGridLayout(restoreInner);
    restoreGrid->setContentsMargins(0, 0, 0, 0);
    restoreGrid->setColumnStretch(0, 1);
    restoreGrid->addWidget(m_restoreFileEdit, 0, 0);
    restoreGrid->addWidget(m_restoreBrowseButton, 0, 1);
    restoreGrid->addWidget(m_restoreConfirmLabel, 1, 0, 1, 2);
    restoreGrid->addWidget(m_restoreConfirmEdit, 2, 0);
    restoreGrid->addWidget(m_restoreButton, 2, 1);
    auto* restoreLayout = new QVBoxLayout(m_restoreBox);
    restoreLayout->addWidget(restoreInner);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sourceLabel);
    layout->addLayout(grid);
    layout->addLayout(buttons);
    layout->addWidget(m_progressBox);
    layout->addWidget(m_resultFrame);
    layout->addWidget(m_ownBackupCheck);
    layout->addWidget(m_ownBackupEdit);
    layout->addWidget(m_restoreToggle);
    layout->addWidget(m_restoreBox);
    layout->addStretch(1);

    connect(m_folderEdit, &QLineEdit::textChanged, this, &BackupPage::folderChanged);
    connect(m_browseButton, &QPushButton::clicked, this, &BackupPage::browseFolder);
    connect(m_backupButton, &QPushButton::clicked, this, &BackupPage::startBackup);
    connect(m_cancelButton, &QPushButton::clicked, this, &BackupPage::cancel);
    connect(m_job, &BackgroundJob::started, m_progressBox, &QWidget::show);
    connect(m_job, &BackgroundJob::progressed, this, &BackupPage::showProgress);
    connect(m_job, &BackgroundJob::finished, this, &BackupPage::jobFinished);
    connect(m_ownBackupCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ownBackupEdit->setEnabled(on);
        if (on)
            m_ownBackupEdit->setFocus();
        Q_EMIT completeChanged();
    });
    connect(m_ownBackupEdit, &QLineEdit::textChanged, this, &BackupPage::completeChanged);
    connect(m_restoreToggle, &QCheckBox::toggled, m_restoreBox, &QWidget::setVisible);
    connect(m_restoreBrowseButton, &QPushButton::clicked, this, &BackupPage::browseRestoreFile);
    connect(m_restoreFileEdit, &QLineEdit::textChanged, this, &BackupPage::updateRestoreButton);
    connect(m_restoreConfirmEdit, &QLineEdit::textChanged, this, &BackupPage::updateRestoreButton);
    connect(m_restoreButton, &QPushButton::clicked, this, &BackupPage::startRestore);

    setResult(QStringLiteral("idle"),
              tr("No backup taken yet. Choose a folder and press <b>Back up</b>."));
}

BackupPage::~BackupPage() = default;

ConnectionProfile BackupPage::profile() const
{
    return m_state->testedProfile.value_or(ConnectionProfile{});
}

qint64 BackupPage::databaseBytes() const
{
    return m_state->inspection ? m_state->inspection->openMetadata.totalBytes : 0;
}

void BackupPage::initializePage()
{
    if (!m_state->testedProfile) {
        m_sourceLabel->setText(tr("<b>Test the connection first</b> (go back one step): the "
                                  "backup uses it."));
        m_backupButton->setEnabled(false);
        return;
    }
    const ConnectionProfile source = profile();
    QString version = tr("unknown version");
    if (m_state->inspection)
        version = m_state->inspection->openMetadata.version.isEmpty()
                      ? tr("1.0.x or older")
                      : m_state->inspection->openMetadata.version;
    m_sourceLabel->setText(
        tr("Database: <b>%1</b> &mdash; OpenMetadata %2, %3 (data and indexes).")
            .arg(escaped(source.displayName()), escaped(version), dataSize(databaseBytes())));
    m_restoreConfirmLabel->setText(
        tr("Every table in the file is emptied and refilled. Stop the OpenMetadata server first. "
           "Type the database name <b>%1</b> to confirm:")
            .arg(escaped(source.database)));
    if (m_folderEdit->text().isEmpty())
        m_folderEdit->setText(defaultFolder());
    if (m_fileNameEdit->text().isEmpty())
        m_fileNameEdit->setText(BackupFiles::defaultFileName());
    folderChanged();
    updateRestoreButton();
    m_backupButton->setFocus();
}

void BackupPage::folderChanged()
{
    const QString folder = m_folderEdit->text().trimmed();
    const QFileInfo info(folder);
    QString text;
    bool usable = false;
    if (folder.isEmpty()) {
        text = tr("Choose a folder for the backup.");
    } else if (!info.isDir()) {
        text = tr("\u2717 This folder does not exist.");
    } else if (!info.isWritable()) {
        text = tr("\u2717 You may not write in this folder.");
    } else if (const auto free = BackupFiles::freeBytes(folder); !free) {
        text = QStringLiteral("\u2717 ") + escaped(free.error().message);
    } else if (!BackupFiles::enoughSpace(free.value(), databaseBytes())) {
        text = tr("\u2717 Not enough space: %1 free, the database holds %2. Free some space or "
                  "choose a folder on another disk.")
                   .arg(dataSize(free.value()), dataSize(databaseBytes()));
    } else {
        usable = true;
        text =
            tr("\u2713 %1 free; the database holds %2, the backup is about that size or smaller.")
                .arg(dataSize(free.value()), dataSize(databaseBytes()));
    }
    m_spaceLabel->setText(text);
    m_spaceLabel->setProperty("usable", usable);
    m_spaceLabel->setStyleSheet(usable ? QStringLiteral("color:#1b5e20;")
                                       : QStringLiteral("color:#b71c1c;"));
    m_backupButton->setEnabled(usable && m_state->testedProfile && !m_job->isRunning());
}

void BackupPage::browseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Folder for the backup"), m_folderEdit->text());
    if (!folder.isEmpty())
        m_folderEdit->setText(folder);
}

void BackupPage::browseRestoreFile()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Backup to restore"), m_folderEdit->text(), tr("Backups (*.sql);;All files (*)"));
    if (!file.isEmpty())
        m_restoreFileEdit->setText(file);
}

void BackupPage::updateRestoreButton()
{
    const bool confirmed =
        m_state->testedProfile && m_restoreConfirmEdit->text() == m_state->testedProfile->database;
    m_restoreButton->setEnabled(confirmed && QFileInfo(m_restoreFileEdit->text()).isFile() &&
                                !m_job->isRunning());
}

void BackupPage::startBackup()
{
    if (!m_state->testedProfile || m_job->isRunning())
        return;
    BackupOptions options;
    options.folder = m_folderEdit->text().trimmed();
    options.fileName = m_fileNameEdit->text().trimmed();
    const bool deep = m_deepCheck->isChecked();
    const ConnectionProfile source = profile();
    auto outcome = std::make_shared<Outcome>();
    m_outcome = outcome;
    m_restoring = false;
    m_verifiedFor.reset();
    m_verifiedFile.clear();
    setBusy(true);
    setResult(QStringLiteral("busy"),
              tr("Backing up %1 \u2026").arg(escaped(source.displayName())));
    m_job->start([outcome, source, options, deep](const ProgressCallback& progress,
                                                  const CancelToken& cancel) {
        outcome->backup = BackupWriter::run(source, options, progress, cancel);
        if (outcome->backup.ending != TaskEnding::Succeeded)
            return;
        outcome->verify =
            deep ? BackupVerifier::deep(source, outcome->backup.file, {}, progress, cancel)
                 : BackupVerifier::quick(outcome->backup.file, outcome->backup.manifestFile,
                                         progress, cancel);
    });
    Q_EMIT completeChanged();
}

void BackupPage::startRestore()
{
    if (!m_state->testedProfile || m_job->isRunning() ||
        m_restoreConfirmEdit->text() != m_state->testedProfile->database)
        return;
    const QString file = m_restoreFileEdit->text().trimmed();
    const ConnectionProfile target = profile();
    auto outcome = std::make_shared<Outcome>();
    m_outcome = outcome;
    m_restoring = true;
    setBusy(true);
    setResult(QStringLiteral("busy"),
              tr("Restoring %1 into %2 \u2026")
                  .arg(escaped(QFileInfo(file).fileName()), escaped(target.displayName())));
    m_job->start(
        [outcome, target, file](const ProgressCallback& progress, const CancelToken& cancel) {
            outcome->restored =
                BackupRestorer::restore(target, file, RestoreOptions{}, progress, cancel);
        });
    m_restoreConfirmEdit->clear();
    Q_EMIT completeChanged();
}

void BackupPage::cancel()
{
    m_job->cancel();
    m_cancelButton->setEnabled(false);
    m_cancelButton->setText(tr("Cancelling\u2026"));
}

void BackupPage::showProgress()
{
    const BackupProgress& progress = m_job->progress();
    const QLocale locale;
    QString phase = phaseText(progress, m_restoring);
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

void BackupPage::showEnding(TaskEnding ending, const QString& summary)
{
    const BackupProgress& progress = m_job->progress();
    if (ending != TaskEnding::Succeeded && progress.rows == 0) {
        m_progressBox->hide(); // nothing was under way: the result says it all
        return;
    }
    const QLocale locale;
    QString phase;
    switch (ending) {
    case TaskEnding::Succeeded:
        phase = tr("Done");
        m_overallProgress->setValue(1000);
        m_tableProgress->setValue(1000);
        m_tableLabel->setText(tr("All %1 tables").arg(progress.tableCount));
        break;
    case TaskEnding::Cancelled:
        phase = tr("Cancelled");
        break;
    case TaskEnding::Failed:
        phase = tr("Stopped");
        break;
    }
    m_phaseLabel->setText(QStringLiteral("<b>%1</b>").arg(escaped(phase)));
    m_overallLabel->setText(
        summary.isEmpty()
            ? tr("%1 rows \u00b7 %2").arg(locale.toString(progress.rows), dataSize(progress.bytes))
            : summary);
}

void BackupPage::jobFinished()
{
    setBusy(false);
    if (m_outcome) {
        TaskEnding ending = TaskEnding::Failed;
        QString summary;
        const QLocale locale;
        if (m_restoring) {
            const RestoreOutcome& restored = m_outcome->restored;
            ending = restored.ending;
            if (ending == TaskEnding::Succeeded)
                summary = tr("%1 rows restored in %2 s")
                              .arg(locale.toString(restored.rows),
                                   QString::number(restored.seconds, 'f', 1));
            showRestoreOutcome(*m_outcome);
        } else {
            const BackupOutcome& backup = m_outcome->backup;
            ending = backup.ending;
            if (ending == TaskEnding::Succeeded && m_outcome->verify) {
                ending = m_outcome->verify->ending;
                summary =
                    tr("%1 rows \u00b7 %2 written in %3 s \u00b7 checked in %4 s")
                        .arg(locale.toString(backup.manifest.rows), dataSize(backup.manifest.bytes),
                             QString::number(backup.seconds, 'f', 1),
                             QString::number(m_outcome->verify->seconds, 'f', 1));
            }
            showBackupOutcome(*m_outcome);
        }
        showEnding(ending, summary);
    }
    folderChanged();
    updateRestoreButton();
    Q_EMIT completeChanged();
}

void BackupPage::showBackupOutcome(const Outcome& outcome)
{
    const BackupOutcome& backup = outcome.backup;
    if (backup.ending == TaskEnding::Cancelled) {
        setResult(QStringLiteral("cancelled"),
                  tr("<b>Backup cancelled.</b> Nothing was kept: no file that could be taken for a "
                     "backup is left in the folder."));
        return;
    }
    if (backup.ending == TaskEnding::Failed) {
        setResult(QStringLiteral("failed"),
                  errorHtml(tr("The backup failed"), backup.error) +
                      tr("<br><br>Nothing that looks like a finished backup was left."));
        return;
    }
    // The name is taken now; offer a fresh one for the next backup.
    m_fileNameEdit->setText(BackupFiles::defaultFileName());
    const VerifyReport verify = outcome.verify.value_or(VerifyReport{});
    const BackupManifest& manifest = backup.manifest;
    const QLocale locale;
    const QString summary = tr("%1<br>%2 tables, %3 rows, %4, in %5 s. SHA-256 <tt>%6</tt>")
                                .arg(escaped(QDir::toNativeSeparators(backup.file)))
                                .arg(manifest.tables.size())
                                .arg(locale.toString(manifest.rows), dataSize(manifest.bytes))
                                .arg(QString::number(backup.seconds, 'f', 1),
                                     manifest.sha256.left(16) + QStringLiteral("\u2026"));
    if (!verify.verified) {
        const QString why = verify.problems.isEmpty() ? verify.error.message
                                                      : verify.problems.join(QStringLiteral("; "));
        setResult(
            verify.ending == TaskEnding::Cancelled ? QStringLiteral("stale")
                                                   : QStringLiteral("failed"),
            tr("<b>\u2717 The backup was written but is not verified.</b><br>%1<br><br>%2")
                .arg(summary,
                     verify.ending == TaskEnding::Cancelled
                         ? tr("The check was cancelled. Back up again to get a verified backup.")
                         : escaped(why) +
                               tr("<br><b>What to do:</b> do not rely on it; back up again.")));
        return;
    }
    m_verifiedFor = profile();
    m_verifiedFile = backup.file;
    QString html =
        tr("<b>\u2713 Backup verified</b> (%1)<br>%2")
            .arg(verify.deep ? tr("replayed into a scratch copy and compared, table by table")
                             : tr("the file matches its manifest, table by table"),
                 summary);
    const Status journaled =
        UpgradeJournal::forDeployment(profile(), m_state->dataFolder)
            .append(
                QStringLiteral("backup"), QStringLiteral("verified"),
                QJsonObject{{QStringLiteral("file"), backup.file},
                            {QStringLiteral("sha256"), manifest.sha256},
                            {QStringLiteral("openMetadataVersion"), manifest.openMetadataVersion},
                            {QStringLiteral("tables"), manifest.tables.size()},
                            {QStringLiteral("rows"), manifest.rows},
                            {QStringLiteral("bytes"), manifest.bytes},
                            {QStringLiteral("deep"), verify.deep}});
    html +=
        journaled
            ? tr("<br>Recorded in the upgrade journal.")
            : tr("<br><span style='color:#8a5300'>\u26a0 Not recorded in the journal: %1</span>")
                  .arg(escaped(journaled.error().toString()));
    for (const QString& note : backup.notes)
        html += QStringLiteral("<br><span style='color:#555'>%1</span>").arg(escaped(note));
    setResult(QStringLiteral("ok"), html);
}

void BackupPage::showRestoreOutcome(const Outcome& outcome)
{
    const RestoreOutcome& restored = outcome.restored;
    QString notes;
    for (const QString& note : restored.notes)
        notes +=
            QStringLiteral("<br><span style='color:#8a5300'>\u26a0 %1</span>").arg(escaped(note));
    if (restored.ending == TaskEnding::Cancelled) {
        setResult(QStringLiteral("stale"),
                  tr("<b>Restore cancelled.</b> %1").arg(escaped(restored.error.message)) + notes);
        return;
    }
    if (restored.ending == TaskEnding::Failed) {
        setResult(QStringLiteral("failed"),
                  errorHtml(tr("The restore failed"), restored.error) + notes);
        return;
    }
    const Status journaled =
        UpgradeJournal::forDeployment(profile(), m_state->dataFolder)
            .append(QStringLiteral("backup"), QStringLiteral("restored"),
                    QJsonObject{{QStringLiteral("file"), m_restoreFileEdit->text()},
                                {QStringLiteral("rows"), restored.rows},
                                {QStringLiteral("verified"), restored.fileVerified}});
    setResult(QStringLiteral("ok"),
              tr("<b>\u2713 Restored</b> %1 rows in %2 tables into %3 in %4 s.%5%6")
                  .arg(QLocale().toString(restored.rows))
                  .arg(restored.rowsPerTable.size())
                  .arg(escaped(profile().displayName()), QString::number(restored.seconds, 'f', 1),
                       journaled ? QString() : tr(" (not recorded in the journal)"), notes));
}

bool BackupPage::isComplete() const
{
    if (m_job->isRunning())
        return false;
    const bool verified =
        m_verifiedFor && m_state->testedProfile && *m_verifiedFor == *m_state->testedProfile;
    const bool own = m_ownBackupCheck->isChecked() && !m_ownBackupEdit->text().trimmed().isEmpty();
    return verified || own;
}

bool BackupPage::validatePage()
{
    const bool verified =
        m_verifiedFor && m_state->testedProfile && *m_verifiedFor == *m_state->testedProfile;
    if (verified)
        return true; // recorded when it was verified
    const Status journaled =
        UpgradeJournal::forDeployment(profile(), m_state->dataFolder)
            .append(QStringLiteral("backup"), QStringLiteral("acknowledged"),
                    // The migration gate reads "acknowledged" with its "description".
                    QJsonObject{{QStringLiteral("description"), m_ownBackupEdit->text().trimmed()},
                                {QStringLiteral("by"), QStringLiteral("wizard")}});
    if (!journaled) {
        setResult(QStringLiteral("failed"),
                  errorHtml(tr("Your backup could not be recorded in the upgrade journal"),
                            journaled.error()));
        return false;
    }
    return true;
}

void BackupPage::setBusy(bool busy)
{
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_folderEdit, m_browseButton, m_fileNameEdit, m_deepCheck,
                                         m_ownBackupCheck, m_restoreToggle, m_restoreBox})
        widget->setEnabled(!busy);
    m_ownBackupEdit->setEnabled(!busy && m_ownBackupCheck->isChecked());
    m_backupButton->setEnabled(!busy);
    m_backupButton->setVisible(!busy);
    m_cancelButton->setVisible(busy);
    m_cancelButton->setEnabled(busy);
    m_cancelButton->setText(tr("&Cancel"));
    if (busy) {
        m_overallProgress->setValue(0);
        m_tableProgress->setValue(0);
        m_overallLabel->clear();
        m_tableLabel->clear();
        m_phaseLabel->setText(QStringLiteral("<b>%1</b>").arg(tr("Preparing")));
        m_cancelButton->setFocus();
    } else {
        m_backupButton->setFocus();
    }
}

void BackupPage::setResult(const QString& state, const QString& html)
{
    m_resultFrame->setProperty("state", state);
    static const QMap<QString, QString> styles{
        {QStringLiteral("ok"),
         QStringLiteral("#resultFrame { background:#e8f5e9; border:1px solid #66bb6a; }")},
        {QStringLiteral("failed"),
         QStringLiteral("#resultFrame { background:#fdecea; border:1px solid #e57373; }")},
        {QStringLiteral("cancelled"),
         QStringLiteral("#resultFrame { background:#fff4e5; border:1px solid #ffb74d; }")},
        {QStringLiteral("stale"),
         QStringLiteral("#resultFrame { background:#fff4e5; border:1px solid #ffb74d; }")},
    };
    m_resultFrame->setStyleSheet(styles.value(state));
    m_resultLabel->setText(html);
}

} // namespace omu::ui
