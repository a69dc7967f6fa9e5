#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace omu {
class ReleaseRegistry;
}

namespace omu::ui {

// The upgrade path between two releases, like GitLab's Upgrade Path tool: one row per hop
// with why it ends there (a required stop, a change of what the deployment needs), the
// changes under it, and a summary line that also names what the review cannot cover.
class UpgradePathView : public QWidget
{
    Q_OBJECT

public:
    explicit UpgradePathView(const ReleaseRegistry& registry, QWidget* parent = nullptr);

    // Shows the path, or why there is none (unknown release, target behind the database).
    void showPath(const QString& from, const QString& to);
    // Nothing to compute yet: says what is missing.
    void showHint(const QString& text);

private:
    const ReleaseRegistry& m_registry;
    QTreeWidget* m_tree;
    QLabel* m_summary;
};

} // namespace omu::ui
