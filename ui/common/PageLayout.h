#pragma once

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace omu::ui {

// The amber notice the pages put above their content (a migration to resume, a tool gone
// quiet): word-wrapped, hidden until it has something to say.
inline QLabel* noticeLabel(const char* objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("background:#fff4e5; color:#663c00; padding:8px;"));
    // Wrapped text would otherwise be squeezed below its height when the page is full.
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    label->hide();
    return label;
}

// A line of a step's result: word-wrapped rich text, selectable, never squeezed below its
// text (the page scrolls instead).
inline QLabel* resultLine(const char* objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    return label;
}

// Shows `html` on a result line in the colour of `state` ("ok", "failed", "stale" or ""),
// kept as the label's "state" property for the GUI tests.
void showOnLine(QLabel* label, const QString& state, const QString& html);

// A page whose content may be taller than the window: `content` in a frameless scroll
// area filling `page`.
inline QScrollArea* setScrollingContent(QWidget* page, QWidget* content)
{
    auto* scroll = new QScrollArea(page);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    return scroll;
}

// Scrolls the page that holds `widget` (see setScrollingContent) until `widget` shows.
inline void scrollIntoView(QWidget* widget)
{
    for (QWidget* ancestor = widget->parentWidget(); ancestor; ancestor = ancestor->parentWidget())
        if (auto* scroll = qobject_cast<QScrollArea*>(ancestor)) {
            scroll->ensureWidgetVisible(widget);
            return;
        }
}

} // namespace omu::ui
