#pragma once

// Layout checks the GUI tests share: no label shows less than its text needs, and no two
// controls of a window answer the same Alt+key.
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QKeySequence>
#include <QLabel>
#include <QMap>
#include <QStringList>
#include <QWidget>

namespace omu::test {

inline QString describe(const QWidget* widget, const QString& text)
{
    const QString name = widget->objectName().isEmpty()
                             ? QString::fromLatin1(widget->metaObject()->className())
                             : widget->objectName();
    return QStringLiteral("%1 \"%2\"").arg(name, text.left(60));
}

// True when `widget` lies in the viewport of a scroll area below `window`: it may scroll
// out of view, which is no clipping.
inline bool scrolls(const QWidget* widget, const QWidget* window)
{
    for (const QWidget* w = widget->parentWidget(); w && w != window; w = w->parentWidget())
        if (auto* area = qobject_cast<const QAbstractScrollArea*>(w->parentWidget());
            area && area->viewport() == w)
            return true;
    return false;
}

// Every visible label under `window` with text: given the height its text needs at its
// width (word-wrapped) or its whole text width (not wrapped), and not cut by a parent.
// Returns one line per clipped label.
inline QStringList clippedLabels(QWidget* window)
{
    QStringList problems;
    for (QLabel* label : window->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty() || label->width() <= 0)
            continue;
        const QString what = describe(label, label->text());
        const QSize hint = label->sizeHint();
        if (label->wordWrap()) {
            const int needed = label->heightForWidth(label->width());
            if (needed > label->height())
                problems << QStringLiteral("%1: %2 px high, its text needs %3 at width %4")
                                .arg(what)
                                .arg(label->height())
                                .arg(needed)
                                .arg(label->width());
        } else if (hint.width() > label->width() || hint.height() > label->height()) {
            problems << QStringLiteral("%1: %2x%3, its text needs %4x%5")
                            .arg(what)
                            .arg(label->width())
                            .arg(label->height())
                            .arg(hint.width())
                            .arg(hint.height());
        }
        if (scrolls(label, window))
            continue;
        // Cut by a parent that is smaller than the label's place in it.
        for (QWidget* parent = label->parentWidget(); parent; parent = parent->parentWidget()) {
            const QRect inParent(label->mapTo(parent, QPoint(0, 0)), label->size());
            if (!parent->rect().contains(inParent)) {
                problems << QStringLiteral("%1: cut by %2 (%3x%4 at %5,%6 in %7x%8)")
                                .arg(what, describe(parent, QString()))
                                .arg(inParent.width())
                                .arg(inParent.height())
                                .arg(inParent.x())
                                .arg(inParent.y())
                                .arg(parent->width())
                                .arg(parent->height());
                break;
            }
            if (parent == window)
                break;
        }
    }
    return problems;
}

// The Alt+key of every visible button and buddied label under `window`, and of `alsoShown`
// (a button the state at hand hides, shown in others: the wizard's Back); one line per
// key that more than one of them answers.
inline QStringList sharedMnemonics(QWidget* window, const QList<QAbstractButton*>& alsoShown = {})
{
    QMap<QString, QStringList> owners;
    const auto add = [&](const QWidget* widget, const QString& text) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (!key.isEmpty())
            owners[key.toString(QKeySequence::PortableText)] << describe(widget, text);
    };
    for (QAbstractButton* button : window->findChildren<QAbstractButton*>())
        if (button->isVisible() || alsoShown.contains(button))
            add(button, button->text());
    for (QLabel* label : window->findChildren<QLabel*>())
        if (label->isVisible() && label->buddy())
            add(label, label->text());
    QStringList problems;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        if (it.value().size() > 1)
            problems << QStringLiteral("%1: %2").arg(it.key(),
                                                     it.value().join(QStringLiteral(", ")));
    return problems;
}

} // namespace omu::test
