#pragma once

#include "backup/BackupWriter.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace omu::ui {

// Where the backup goes: the folder (its free space checked against the database's size),
// the file name, and whether to check it deeply (replayed into a scratch copy).
class BackupTargetForm : public QWidget
{
    Q_OBJECT

public:
    explicit BackupTargetForm(QWidget* parent = nullptr);

    // Defaults for an empty folder and name; the size the free space must hold.
    void prepare(qint64 databaseBytes);
    bool usable() const { return m_usable; }
    QString folder() const;
    QString fileName() const;
    // The folder and file name as BackupWriter takes them.
    BackupOptions options() const;
    bool deep() const;
    void renewFileName(); // the name is taken once a backup is written
    void setEditable(bool editable);

Q_SIGNALS:
    void usableChanged();

private:
    void checkFolder();

    qint64 m_databaseBytes = 0;
    bool m_usable = false;
    QLineEdit* m_folderEdit;
    QPushButton* m_browseButton;
    QLabel* m_spaceLabel;
    QLineEdit* m_fileNameEdit;
    QCheckBox* m_deepCheck;
};

} // namespace omu::ui
