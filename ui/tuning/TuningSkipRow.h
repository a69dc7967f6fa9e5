#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace omu::ui {

struct WizardState;

// "Skip omupgrade's change, because …": for a value set by hand (a DBA, a managed service's
// parameter group) or not needed. Records the skip and its reason through core's tuning
// recorder, as `omupgrade migrate --skip-tuning` does, so the migration's gate accepts it.
class TuningSkipRow : public QWidget
{
    Q_OBJECT

public:
    TuningSkipRow(WizardState* state, QWidget* parent = nullptr);

Q_SIGNALS:
    // What to show in the page's result banner: "ok" with the reason, or "failed" with why.
    void recorded(const QString& state, const QString& html);

private:
    void recordSkip();

    WizardState* m_state;
    QLineEdit* m_reasonEdit;
    QPushButton* m_skipButton;
};

} // namespace omu::ui
