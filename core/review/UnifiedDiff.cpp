#include "UnifiedDiff.h"

#include "common/DisplayText.h"

#include <QList>

#include <vector>

namespace omu {

namespace {

QList<QByteArray> splitLines(const QByteArray& text)
{
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the text ended with a line break
    return lines;
}

struct Operation
{
    char kind;        // ' ', '-', '+'
    qsizetype before; // index into the old lines (for ' ' and '-')
    qsizetype after;  // index into the new lines (for ' ' and '+')
};

} // namespace

QString UnifiedDiff::make(const QByteArray& before, const QByteArray& after, const QString& path,
                          const SecretMasker& masker)
{
    if (before == after)
        return {};
    const QList<QByteArray> a = splitLines(before);
    const QList<QByteArray> b = splitLines(after);

    // Fixes touch a few lines: skip the common start and end, then diff the middle by
    // longest common subsequence (or, when the middle is huge, as one replaced block).
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    const qsizetype n = a.size() - prefix - suffix;
    const qsizetype m = b.size() - prefix - suffix;

    std::vector<Operation> operations;
    for (qsizetype i = 0; i < prefix; ++i)
        operations.push_back({' ', i, i});
    if (n * m <= 4'000'000) {
        std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
        for (qsizetype i = n - 1; i >= 0; --i)
            for (qsizetype j = m - 1; j >= 0; --j)
                lcs[i][j] = a.at(prefix + i) == b.at(prefix + j)
                                ? lcs[i + 1][j + 1] + 1
                                : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        qsizetype i = 0;
        qsizetype j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.at(prefix + i) == b.at(prefix + j)) {
                operations.push_back({' ', prefix + i, prefix + j});
                ++i;
                ++j;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                operations.push_back({'-', prefix + i, prefix + j});
                ++i;
            } else {
                operations.push_back({'+', prefix + i, prefix + j});
                ++j;
            }
        }
    } else {
        for (qsizetype i = 0; i < n; ++i)
            operations.push_back({'-', prefix + i, prefix});
        for (qsizetype j = 0; j < m; ++j)
            operations.push_back({'+', prefix + n, prefix + j});
    }
    for (qsizetype k = 0; k < suffix; ++k)
        operations.push_back({' ', a.size() - suffix + k, b.size() - suffix + k});

    QString out = QStringLiteral("--- %1\n+++ %1 (fixed)\n").arg(path);
    constexpr qsizetype context = 3;
    const qsizetype total = qsizetype(operations.size());
    qsizetype index = 0;
    while (index < total) {
        // Find the next change, then grow a hunk while changes are close together.
        qsizetype change = index;
        while (change < total && operations[size_t(change)].kind == ' ')
            ++change;
        if (change == total)
            break;
        qsizetype start = std::max(index, change - context);
        qsizetype end = change;
        qsizetype quiet = 0;
        for (qsizetype k = change; k < total; ++k) {
            if (operations[size_t(k)].kind == ' ') {
                if (++quiet > 2 * context)
                    break;
            } else {
                quiet = 0;
                end = k;
            }
        }
        const qsizetype stop = std::min(total, end + context + 1);
        qsizetype oldStart = -1, newStart = -1, oldCount = 0, newCount = 0;
        QString body;
        for (qsizetype k = start; k < stop; ++k) {
            const Operation& op = operations[size_t(k)];
            if (oldStart < 0) {
                oldStart = op.before;
                newStart = op.after;
            }
            const QByteArray& line = op.kind == '+' ? b.at(op.after) : a.at(op.before);
            QString text = QString::fromUtf8(line);
            if (text.endsWith(QLatin1Char('\r')))
                text.chop(1);
            body += QLatin1Char(op.kind) + DisplayText::escaped(masker.maskFileLine(text), true) +
                    QLatin1Char('\n');
            if (op.kind != '+')
                ++oldCount;
            if (op.kind != '-')
                ++newCount;
        }
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                   .arg(oldCount ? oldStart + 1 : oldStart)
                   .arg(oldCount)
                   .arg(newCount ? newStart + 1 : newStart)
                   .arg(newCount);
        out += body;
        index = stop;
    }
    return out;
}

} // namespace omu
