#include "ResultBanner.h"

#include <QHBoxLayout>
#include <QLabel>

namespace omu::ui {

namespace {

struct Colours
{
    const char* background;
    const char* border;
};

// Light backgrounds with a darker border, readable in the default light palette.
const Colours* coloursFor(const QString& state)
{
    static const Colours ok{"#e8f5e9", "#66bb6a"};
    static const Colours failed{"#fdecea", "#e57373"};
    static const Colours stale{"#fff4e5", "#ffb74d"};
    if (state == QLatin1String("ok"))
        return &ok;
    if (state == QLatin1String("failed"))
        return &failed;
    if (state == QLatin1String("stale") || state == QLatin1String("cancelled"))
        return &stale;
    return nullptr;
}

} // namespace

ResultBanner::ResultBanner(const QString& frameName, const QString& labelName, QWidget* parent)
    : QFrame(parent), m_label(new QLabel(this))
{
    setObjectName(frameName);
    setFrameShape(QFrame::StyledPanel);
    m_label->setObjectName(labelName);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
}

void ResultBanner::addAction(QWidget* widget)
{
    widget->setParent(this);
    static_cast<QHBoxLayout*>(layout())->addWidget(widget, 0, Qt::AlignTop);
}

void ResultBanner::showState(const QString& state, const QString& html)
{
    setProperty("state", state);
    const Colours* colours = coloursFor(state);
    // An id selector: the label inside keeps its own look.
    setStyleSheet(colours ? QStringLiteral("#%1 { background:%2; border:1px solid %3; }")
                                .arg(objectName(), QLatin1String(colours->background),
                                     QLatin1String(colours->border))
                          : QString());
    m_label->setText(html);
}

QString ResultBanner::state() const
{
    return property("state").toString();
}

QString ResultBanner::text() const
{
    return m_label->text();
}

} // namespace omu::ui
