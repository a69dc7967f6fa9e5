#include "TuningStateBox.h"

#include "common/ByteSize.h"
#include "tuning/TuningReport.h"

#include <QGridLayout>
#include <QLabel>

namespace omu::ui {

QLabel* tuningLabel(const char* objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

TuningStateBox::TuningStateBox(QWidget* parent) : QGroupBox(tr("In force now"), parent)
{
    setObjectName(QStringLiteral("tuningStateBox"));
    m_valueLabel = tuningLabel("currentValueLabel", this);
    m_sourceLabel = tuningLabel("currentSourceLabel", this);
    m_queryEntityLabel = tuningLabel("queryEntityLabel", this);
    // A grid rather than a form: the values wrap and must take the whole width.
    auto* grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    int row = 0;
    for (const auto& [title, value] :
         {std::pair{tr("Value:"), m_valueLabel}, std::pair{tr("Comes from:"), m_sourceLabel},
          std::pair{tr("query_entity:"), m_queryEntityLabel}}) {
        auto* label = new QLabel(title, this);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        grid->addWidget(label, row, 0, Qt::AlignTop);
        grid->addWidget(value, row, 1);
        ++row;
    }
}

void TuningStateBox::showUnreadable()
{
    m_valueLabel->setText(tr("could not be read"));
}

void TuningStateBox::showReport(const TuningReport& report)
{
    m_valueLabel->setText(
        tr("%1 = %2 for a new connection of %3")
            .arg(report.parameter,
                 ByteSize::withDescription(report.newSessionBytes, report.newSessionValue),
                 report.user));
    QString source = report.sourceText;
    for (const auto& entry : report.overrides)
        if (entry.levelName() != report.source) // the one in force is named already
            source += tr("\nAlso set for %1: %2 (a stronger setting wins)")
                          .arg(entry.levelName(), entry.value);
    if (report.pending)
        source += tr("\nomupgrade set it and has not reverted it yet (original: %1).")
                      .arg(report.pending->originalSet ? report.pending->originalValue
                                                       : tr("no setting at that level"));
    m_sourceLabel->setText(source);
    const auto& size = report.queryEntity;
    if (size.present && size.measured)
        m_queryEntityLabel->setText(
            tr("%1, largest JSON document %2, %3 in all")
                .arg(size.rows == 1 ? tr("1 row") : tr("%1 rows").arg(size.rows),
                     ByteSize::describe(size.largestDocumentBytes),
                     ByteSize::describe(size.totalDocumentBytes)));
    else
        m_queryEntityLabel->setText(size.note);
}

} // namespace omu::ui
