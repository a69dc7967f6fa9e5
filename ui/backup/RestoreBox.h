#pragma once

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace omu::ui {

// "Restore a backup": the file, and the database's name typed to confirm, since every
// table the file holds is emptied and refilled.
class RestoreBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit RestoreBox(QWidget* parent = nullptr);

    // The database restore would overwrite (empty: none tested yet).
    void setTargetDatabase(const QString& database);
    QString file() const;
    bool confirmed() const;
    void clearConfirmation();
    // Restore is offered only when confirmed, with a file, and nothing else runs.
    void updateButton(bool idle);

Q_SIGNALS:
    void restoreRequested();
    void inputChanged();

private:
    QString m_database;
    QLineEdit* m_fileEdit;
    QLabel* m_confirmLabel;
    QLineEdit* m_confirmEdit;
    QPushButton* m_restoreButton;
};

} // namespace omu::ui
