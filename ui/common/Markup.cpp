#include "Markup.h"

#include "PageLayout.h"

#include <QDateTime>

namespace omu::ui::markup {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString escapedLines(const QString& text)
{
    return escaped(text).replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString inState(const QString& state, const QString& html)
{
    const char* colour = state == QLatin1String("ok")       ? okColour
                         : state == QLatin1String("failed") ? failedColour
                         : state == QLatin1String("stale")  ? staleColour
                                                            : nullptr;
    return colour
               ? QStringLiteral("<span style='color:%1'>%2</span>").arg(QLatin1String(colour), html)
               : html;
}

QString coloured(const char* colour, const QString& text)
{
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg(QLatin1String(colour), escaped(text));
}

QString warning(const QString& text)
{
    return QStringLiteral("<span style='color:%1'>\u26a0 %2</span>")
        .arg(QLatin1String(staleColour), escaped(text));
}

QString localTime(const QString& iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : iso;
}

} // namespace omu::ui::markup

namespace omu::ui {

void showOnLine(QLabel* label, const QString& state, const QString& html)
{
    label->setProperty("state", state);
    label->setText(markup::inState(state, html));
}

} // namespace omu::ui
