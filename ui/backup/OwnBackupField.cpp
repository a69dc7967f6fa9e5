#include "OwnBackupField.h"

#include "backup/BackupRecorder.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QVBoxLayout>

namespace omu::ui {

OwnBackupField::OwnBackupField(QWidget* parent) : QWidget(parent)
{
    m_check = new QCheckBox(tr("I hold my own backup of this database (a cloud snapshot, say) and "
                               "will restore from it if the upgrade fails:"),
                            this);
    m_check->setObjectName(QStringLiteral("ownBackupCheck"));
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("ownBackupEdit"));
    m_edit->setPlaceholderText(tr("Its name or ID, e.g. rds:openmetadata-before-1-2"));
    m_edit->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_check);
    layout->addWidget(m_edit);
    connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
        m_edit->setEnabled(on);
        if (on)
            m_edit->setFocus();
        Q_EMIT changed();
    });
    connect(m_edit, &QLineEdit::textChanged, this, &OwnBackupField::changed);
}

QString OwnBackupField::description() const
{
    return m_check->isChecked() ? m_edit->text().trimmed() : QString();
}

void OwnBackupField::setEditable(bool editable)
{
    m_check->setEnabled(editable);
    m_edit->setEnabled(editable && m_check->isChecked());
}

Status OwnBackupField::record(const ConnectionProfile& profile, const QString& dataFolder,
                              const QString& openMetadataVersion) const
{
    return BackupRecorder(profile, dataFolder)
        .acknowledged(description(), openMetadataVersion, QStringLiteral("wizard"));
}

} // namespace omu::ui
