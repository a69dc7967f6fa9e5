#pragma once

#include "common/Result.h"
#include "connection/ConnectionProfile.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;

namespace omu::ui {

// "I hold my own backup of this database": the alternative to a verified backup, taken at
// the user's word with where it is (a snapshot's name), which the journal records.
class OwnBackupField : public QWidget
{
    Q_OBJECT

public:
    explicit OwnBackupField(QWidget* parent = nullptr);

    // What the user named, or "" when the box is not ticked.
    QString description() const;
    void setEditable(bool editable);
    // Records the backup the user named in the deployment's journal.
    Status record(const ConnectionProfile& profile, const QString& dataFolder,
                  const QString& openMetadataVersion) const;

Q_SIGNALS:
    void changed();

private:
    QCheckBox* m_check;
    QLineEdit* m_edit;
};

} // namespace omu::ui
