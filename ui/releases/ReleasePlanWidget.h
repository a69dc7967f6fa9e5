#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;

namespace omu {
class ReleaseRegistry;
}

namespace omu::ui {

class UpgradePathView;

// Which release to upgrade to, and the way there. The target list offers every known
// release newest first, grouped by line, from the release the database is at once that
// is known; a typed release that is not known is refused with the nearest known ones; an
// unpacked release folder gives its own version. Below it, the upgrade path from the
// release running now. Reusable: the Welcome page hosts it.
class ReleasePlanWidget : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QString target READ target NOTIFY targetChanged)

public:
    explicit ReleasePlanWidget(const ReleaseRegistry& registry, QWidget* parent = nullptr);

    QString target() const;
    void setTarget(const QString& release);
    // The release the database records (from the tested connection): older targets are
    // no longer offered, and the path starts there.
    void setDatabaseRelease(const QString& release);
    // The folder the target was read from, if one was chosen.
    QString releaseFolder() const { return m_releaseFolder; }

    // Whether the chosen target is a release omupgrade knows; otherwise `error` says why
    // and names the nearest known releases.
    bool validate(QString* error) const;

Q_SIGNALS:
    void targetChanged(const QString& target);

private:
    void fillTargets();
    void readReleaseFolder();
    void browseReleaseFolder();
    void updatePath();

    const ReleaseRegistry& m_registry;
    QComboBox* m_targetCombo;
    QStandardItemModel* m_targetModel;
    QLineEdit* m_folderEdit;
    QLabel* m_folderLabel;
    QComboBox* m_currentCombo;
    QLabel* m_currentLabel;
    UpgradePathView* m_path;
    QString m_databaseRelease;
    QString m_releaseFolder;
};

} // namespace omu::ui
