#include "BackupTargetForm.h"

#include "backup/BackupFiles.h"
#include "BackupProgressPanel.h"
#include "common/FileChooser.h"
#include "common/GridRows.h"
#include "common/Markup.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>

namespace omu::ui {

BackupTargetForm::BackupTargetForm(QWidget* parent) : QWidget(parent)
{
    m_folderEdit = new QLineEdit(this);
    m_folderEdit->setObjectName(QStringLiteral("folderEdit"));
    m_browseButton = new QPushButton(tr("Bro&wse\u2026"), this);
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
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    addLabelledRow(grid, 0, tr("&Folder:"), m_folderEdit);
    grid->addWidget(m_browseButton, 0, 2);
    grid->addWidget(m_spaceLabel, 1, 1, 1, 2);
    addLabelledRow(grid, 2, tr("File na&me:"), m_fileNameEdit, 2);
    grid->addWidget(m_deepCheck, 3, 1, 1, 2);

    connect(m_folderEdit, &QLineEdit::textChanged, this, &BackupTargetForm::checkFolder);
    connect(m_browseButton, &QPushButton::clicked, this, [this] {
        const QString folder =
            filechooser::folder(this, tr("Folder for the backup"), m_folderEdit->text());
        if (!folder.isEmpty())
            m_folderEdit->setText(folder);
    });
}

void BackupTargetForm::prepare(qint64 databaseBytes)
{
    m_databaseBytes = databaseBytes;
    if (m_folderEdit->text().isEmpty()) {
        const QString documents =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        m_folderEdit->setText(QFileInfo(documents).isDir() ? documents : QDir::homePath());
    }
    if (m_fileNameEdit->text().isEmpty())
        renewFileName();
    checkFolder();
}

QString BackupTargetForm::folder() const
{
    return m_folderEdit->text().trimmed();
}

QString BackupTargetForm::fileName() const
{
    return m_fileNameEdit->text().trimmed();
}

BackupOptions BackupTargetForm::options() const
{
    BackupOptions options;
    options.folder = folder();
    options.fileName = fileName();
    return options;
}

bool BackupTargetForm::deep() const
{
    return m_deepCheck->isChecked();
}

void BackupTargetForm::renewFileName()
{
    m_fileNameEdit->setText(BackupFiles::defaultFileName());
}

void BackupTargetForm::setEditable(bool editable)
{
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_folderEdit, m_browseButton, m_fileNameEdit, m_deepCheck})
        widget->setEnabled(editable);
}

void BackupTargetForm::checkFolder()
{
    const QString folder = this->folder();
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
        text = QStringLiteral("\u2717 ") + markup::escaped(free.error().message);
    } else if (!BackupFiles::enoughSpace(free.value(), m_databaseBytes)) {
        text = tr("\u2717 Not enough space: %1 free, the database holds %2. Free some space or "
                  "choose a folder on another disk.")
                   .arg(dataSize(free.value()), dataSize(m_databaseBytes));
    } else {
        usable = true;
        text =
            tr("\u2713 %1 free; the database holds %2, the backup is about that size or smaller.")
                .arg(dataSize(free.value()), dataSize(m_databaseBytes));
    }
    m_spaceLabel->setText(text);
    m_spaceLabel->setProperty("usable", usable);
    m_spaceLabel->setStyleSheet(
        QStringLiteral("color:%1;")
            .arg(QLatin1String(usable ? markup::okColour : markup::failedColour)));
    m_usable = usable;
    Q_EMIT usableChanged();
}

} // namespace omu::ui
