#include "FixPreviewPane.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QVBoxLayout>

namespace omu::ui {

FixPreviewPane::FixPreviewPane(QWidget* parent) : QWidget(parent)
{
    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("diffPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setPlaceholderText(
        tr("Tick the findings marked \"fix available\" to see here exactly "
           "what would change."));
    m_applyButton = new QPushButton(tr("Apply selected fixes"), this);
    m_applyButton->setObjectName(QStringLiteral("applyFixesButton"));
    m_applyButton->setEnabled(false);
    auto* note = new QLabel(tr("Each original is kept beside it as .bak-<time>."), this);
    note->setWordWrap(true);
    note->setTextFormat(Qt::PlainText);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(note, 1);
    buttons->addWidget(m_applyButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);
    connect(m_applyButton, &QPushButton::clicked, this, &FixPreviewPane::applyRequested);
}

void FixPreviewPane::setApplyEnabled(bool enabled)
{
    m_applyButton->setEnabled(enabled);
}

void FixPreviewPane::showPlan(const FixPlan* plan)
{
    m_preview->clear();
    if (!plan)
        return;
    QString text = plan->diff();
    for (const auto& [key, reason] : plan->refused)
        text += tr("\n# not fixed automatically (%1): %2\n")
                    .arg(key.section(QLatin1Char('|'), 0, 0), reason);
    // Removed lines red, added lines green, as diff viewers show them.
    QTextCursor cursor(m_preview->document());
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        QTextCharFormat format;
        if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---"))) {
            format.setFontWeight(QFont::Bold);
        } else if (line.startsWith(QLatin1Char('+'))) {
            format.setForeground(QColor(0x1b, 0x5e, 0x20));
            format.setBackground(QColor(0xe8, 0xf5, 0xe9));
        } else if (line.startsWith(QLatin1Char('-'))) {
            format.setForeground(QColor(0xb7, 0x1c, 0x1c));
            format.setBackground(QColor(0xfd, 0xec, 0xea));
        } else if (line.startsWith(QLatin1String("@@")) || line.startsWith(QLatin1Char('#'))) {
            format.setForeground(QColor(0x1a, 0x52, 0x76));
        }
        cursor.insertText(i + 1 < lines.size() ? line + QLatin1Char('\n') : line, format);
    }
    m_preview->moveCursor(QTextCursor::Start);
}

} // namespace omu::ui
