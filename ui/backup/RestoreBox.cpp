#include "RestoreBox.h"

#include "common/FileChooser.h"
#include "common/Markup.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace omu::ui {

RestoreBox::RestoreBox(QWidget* parent) : QGroupBox(tr("Restore a backup"), parent)
{
    setObjectName(QStringLiteral("restoreBox"));
    auto* inner = new QWidget(this);
    m_fileEdit = new QLineEdit(inner);
    m_fileEdit->setObjectName(QStringLiteral("restoreFileEdit"));
    m_fileEdit->setPlaceholderText(
        tr("A backup file (.sql) from omupgrade or from metadata backup"));
    auto* browse = new QPushButton(tr("Br&owse\u2026"), inner);
    browse->setObjectName(QStringLiteral("restoreBrowseButton"));
    m_confirmLabel = new QLabel(inner);
    m_confirmLabel->setObjectName(QStringLiteral("restoreConfirmLabel"));
    m_confirmLabel->setWordWrap(true);
    m_confirmEdit = new QLineEdit(inner);
    m_confirmEdit->setObjectName(QStringLiteral("restoreConfirmEdit"));
    m_restoreButton = new QPushButton(tr("&Restore"), inner);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_restoreButton->setEnabled(false);
    auto* grid = new QGridLayout(inner);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(0, 1);
    grid->addWidget(m_fileEdit, 0, 0);
    grid->addWidget(browse, 0, 1);
    grid->addWidget(m_confirmLabel, 1, 0, 1, 2);
    grid->addWidget(m_confirmEdit, 2, 0);
    grid->addWidget(m_restoreButton, 2, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(inner);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            filechooser::openFile(this, tr("Backup to restore"), m_fileEdit->text(),
                                  tr("Backups (*.sql);;All files (*)"));
        if (!file.isEmpty())
            m_fileEdit->setText(file);
    });
    connect(m_fileEdit, &QLineEdit::textChanged, this, &RestoreBox::inputChanged);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &RestoreBox::inputChanged);
    connect(m_restoreButton, &QPushButton::clicked, this, &RestoreBox::restoreRequested);
}

void RestoreBox::setTargetDatabase(const QString& database)
{
    m_database = database;
    m_confirmLabel->setText(
        tr("Every table in the file is emptied and refilled. Stop the OpenMetadata server first. "
           "Type the database name <b>%1</b> to confirm:")
            .arg(markup::escaped(database)));
}

QString RestoreBox::file() const
{
    return m_fileEdit->text().trimmed();
}

bool RestoreBox::confirmed() const
{
    return !m_database.isEmpty() && m_confirmEdit->text() == m_database;
}

void RestoreBox::clearConfirmation()
{
    m_confirmEdit->clear();
}

void RestoreBox::updateButton(bool idle)
{
    m_restoreButton->setEnabled(confirmed() && QFileInfo(m_fileEdit->text()).isFile() && idle);
}

} // namespace omu::ui
