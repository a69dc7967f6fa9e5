#include "DisplayText.h"

#include <QLocale>

namespace omu {

namespace {

QString count(qsizetype n)
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions); // 5,242,880
    return c.toString(qlonglong(n));
}

} // namespace

QString DisplayText::lines(const QString& text)
{
    QStringList parts = text.split(QLatin1Char('\n'));
    for (QString& part : parts)
        part = escaped(part, true);
    return parts.join(QLatin1Char('\n'));
}

QString DisplayText::escaped(const QString& text, bool keepTabs)
{
    bool plain = true;
    for (const QChar c : text)
        if (c.category() == QChar::Other_Control && !(keepTabs && c == QLatin1Char('\t'))) {
            plain = false;
            break;
        }
    if (plain)
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (c.category() != QChar::Other_Control || (keepTabs && c == QLatin1Char('\t'))) {
            out += c;
            continue;
        }
        switch (c.unicode()) {
        case 0x00:
            out += QStringLiteral("\\0");
            break;
        case 0x07:
            out += QStringLiteral("\\a");
            break;
        case 0x08:
            out += QStringLiteral("\\b");
            break;
        case 0x09:
            out += QStringLiteral("\\t");
            break;
        case 0x0a:
            out += QStringLiteral("\\n");
            break;
        case 0x0d:
            out += QStringLiteral("\\r");
            break;
        case 0x1b:
            out += QStringLiteral("\\e");
            break;
        default:
            out += c.unicode() < 0x100
                       ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                       : QStringLiteral("\\u{%1}").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        }
    }
    return out;
}

QString DisplayText::cut(const QString& text, qsizetype limit)
{
    if (text.size() <= limit)
        return text;
    return text.left(limit) +
           QStringLiteral("\u2026 (%1 characters in all)").arg(count(text.size()));
}

QString DisplayText::value(const QString& text, qsizetype limit)
{
    if (text.size() <= limit)
        return escaped(text);
    return escaped(text.left(limit)) +
           QStringLiteral("\u2026 (%1 characters in all)").arg(count(text.size()));
}

Error DisplayText::error(Error error, qsizetype limit)
{
    error.message = value(error.message, limit);
    error.where = value(error.where, limit);
    error.advice = value(error.advice, limit);
    return error;
}

} // namespace omu
