#include "TuningSkipRow.h"

#include "common/Markup.h"
#include "tuning/TuningRecorder.h"
#include "WizardState.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace omu::ui {

TuningSkipRow::TuningSkipRow(WizardState* state, QWidget* parent) : QWidget(parent), m_state(state)
{
    setObjectName(QStringLiteral("tuningSkipRow"));
    m_reasonEdit = new QLineEdit(this);
    m_reasonEdit->setObjectName(QStringLiteral("skipReasonEdit"));
    m_reasonEdit->setPlaceholderText(tr("e.g. set to 64MB in the RDS parameter group"));
    auto* label = new QLabel(tr("Set by hand or not needed? Sa&y why:"), this);
    label->setBuddy(m_reasonEdit);
    m_skipButton = new QPushButton(tr("S&kip tuning"), this);
    m_skipButton->setObjectName(QStringLiteral("skipTuningButton"));
    m_skipButton->setEnabled(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_reasonEdit, 1);
    layout->addWidget(m_skipButton);
    // A skip without a reason would not pass the migration's gate: ask for one first.
    connect(m_reasonEdit, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_skipButton->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_skipButton, &QPushButton::clicked, this, &TuningSkipRow::recordSkip);
}

void TuningSkipRow::recordSkip()
{
    const QString reason = m_reasonEdit->text().trimmed();
    if (!m_state->testedProfile || reason.isEmpty())
        return;
    const Status done = TuningRecorder(*m_state->testedProfile, m_state->dataFolder)
                            .skipped(reason, QStringLiteral("wizard"));
    if (!done.ok()) {
        Q_EMIT recorded(QStringLiteral("failed"),
                        tr("<b>\u2717 The skip was not recorded.</b><br>%1")
                            .arg(markup::escapedLines(done.error().toString())));
        return;
    }
    Q_EMIT recorded(QStringLiteral("ok"),
                    tr("<b>\u2713 Tuning skipped</b>: %1<br>The value in force stays as it is; "
                       "apply a value later to replace this choice.")
                        .arg(markup::escaped(reason)));
}

} // namespace omu::ui
