#pragma once

#include "common/CancelToken.h"
#include "common/Result.h"
#include "DumpSink.h"
#include "Sha256.h"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <array>

namespace omu {

// An order-independent digest of a table's INSERT lines: their number and the sum, modulo
// 2^256, of each line's SHA-256. The scratch copy is read back in its own physical order,
// which need not be the file's, so the two are compared as multisets of lines.
class LineSetDigest
{
public:
    // `hash` is scratch space, shared to avoid a hasher per table.
    void add(QByteArrayView line, Sha256& hash)
    {
        if (line.endsWith('\n'))
            line.chop(1);
        hash.addData(line);
        const std::array<quint8, 32> digest = hash.rawDigest();
        std::array<quint64, 4> words{};
        for (int word = 0; word < 4; ++word)
            for (int byte = 0; byte < 8; ++byte)
                words[word] |= quint64(digest[word * 8 + byte]) << (8 * byte);
        addSum(words, 1);
    }
    // The digest of two sets together (a table loaded in parts).
    void merge(const LineSetDigest& other) { addSum(other.m_sum, other.m_count); }
    qint64 count() const { return m_count; }
    bool operator==(const LineSetDigest& other) const
    {
        return m_count == other.m_count && m_sum == other.m_sum;
    }

private:
    void addSum(const std::array<quint64, 4>& words, qint64 count)
    {
        quint64 carry = 0;
        for (int word = 0; word < 4; ++word) {
            const quint64 sum = m_sum[word] + words[word];
            const quint64 withCarry = sum + carry;
            carry = (sum < words[word] || withCarry < sum) ? 1 : 0;
            m_sum[word] = withCarry;
        }
        m_count += count;
    }

    qint64 m_count = 0;
    std::array<quint64, 4> m_sum{};
};

// Receives a table's lines from TableDumper and keeps only their digest.
class LineSetSink final : public DumpSink
{
public:
    Status write(QByteArrayView bytes) override
    {
        if (!bytes.startsWith("TRUNCATE TABLE "))
            m_digest.add(bytes, m_hash);
        return {};
    }
    const LineSetDigest& digest() const { return m_digest; }

private:
    LineSetDigest m_digest;
    Sha256 m_hash;
};

// The digests of every table's INSERT lines in a backup file, by the name the lines use.
Result<QMap<QString, LineSetDigest>> fileLineSets(const QString& file, const CancelToken& cancel);

} // namespace omu
