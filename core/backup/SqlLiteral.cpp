#include "SqlLiteral.h"

#include <array>
#include <cstring>

namespace omu {

namespace {

// The bytes MySQL needs escaped in a one-line statement, and how.
constexpr std::array<char, 256> mySqlEscapes = [] {
    std::array<char, 256> table{};
    table[quint8('\'')] = '\'';
    table[quint8('\\')] = '\\';
    table[quint8('\n')] = 'n';
    table[quint8('\r')] = 'r';
    table[0] = '0';
    table[0x1a] = 'Z';
    return table;
}();

void appendMySql(QByteArray& out, QByteArrayView value)
{
    out.append('\'');
    const char* begin = value.data();
    const char* end = begin + value.size();
    const char* run = begin; // start of bytes not yet copied
    for (const char* p = begin; p < end; ++p) {
        const char escape = mySqlEscapes[quint8(*p)];
        if (!escape)
            continue;
        out.append(run, p - run);
        // A quote is doubled, as the official tool does; the rest get a backslash.
        out.append(escape == '\'' ? '\'' : '\\');
        out.append(escape);
        run = p + 1;
    }
    out.append(run, end - run);
    out.append('\'');
}

void appendPostgres(QByteArray& out, QByteArrayView value)
{
    const bool breaksLine = std::memchr(value.data(), '\n', size_t(value.size())) ||
                            std::memchr(value.data(), '\r', size_t(value.size()));
    const char* begin = value.data();
    const char* end = begin + value.size();
    const char* run = begin;
    if (!breaksLine) {
        out.append('\'');
        while (const void* quote = std::memchr(run, '\'', size_t(end - run))) {
            const char* p = static_cast<const char*>(quote);
            out.append(run, p - run + 1);
            out.append('\''); // doubled
            run = p + 1;
        }
        out.append(run, end - run);
        out.append('\'');
        return;
    }
    // Standard strings cannot hold a line break on one line; an escape string can.
    out.append("E'", 2);
    for (const char* p = begin; p < end; ++p) {
        const char* escape = nullptr;
        switch (*p) {
        case '\'':
            escape = "''";
            break;
        case '\\':
            escape = "\\\\";
            break;
        case '\n':
            escape = "\\n";
            break;
        case '\r':
            escape = "\\r";
            break;
        default:
            continue;
        }
        out.append(run, p - run);
        out.append(escape, 2);
        run = p + 1;
    }
    out.append(run, end - run);
    out.append('\'');
}

} // namespace

void SqlLiteral::appendText(QByteArray& out, Engine engine, QByteArrayView value)
{
    if (engine == Engine::MySql)
        appendMySql(out, value);
    else
        appendPostgres(out, value);
}

void SqlLiteral::appendHex(QByteArray& out, QByteArrayView hexDigits)
{
    out.append("X'", 2);
    out.append(hexDigits);
    out.append('\'');
}

} // namespace omu
