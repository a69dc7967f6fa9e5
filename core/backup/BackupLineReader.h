#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace omu {

// Reads a backup file line by line in large blocks, with line numbers and byte offsets,
// in constant memory (apart from the longest line). Can go back to an earlier line, which
// restore uses to replay a failed batch statement by statement.
class BackupLineReader
{
public:
    explicit BackupLineReader(QString path);
    ~BackupLineReader();
    BackupLineReader(const BackupLineReader&) = delete;
    BackupLineReader& operator=(const BackupLineReader&) = delete;

    Status open();
    // The next line without its newline. False at the end or on a read error (see error()).
    bool next(QByteArray& line);
    // The same without a copy: `line` points into the reader's buffer and stays valid until
    // the next call.
    bool next(QByteArrayView& line);
    bool lastHadNewline() const { return m_lastHadNewline; }
    qint64 lineNumber() const { return m_lineNumber; } // of the line next() returned
    qint64 lineOffset() const { return m_lineOffset; } // its first byte
    qint64 position() const { return m_consumed; }     // bytes consumed so far
    qint64 size() const { return m_size; }
    const std::optional<Error>& error() const { return m_error; }
    // Continue from an earlier line (offset and number as lineOffset()/lineNumber() gave).
    Status seek(qint64 offset, qint64 lineNumber);

private:
    bool fill();

    QString m_path;
    int m_fd = -1;
    qint64 m_size = 0;
    QByteArray m_block;
    qsizetype m_blockPos = 0;
    qint64 m_blockStart = 0; // file offset of m_block[0]
    qint64 m_consumed = 0;
    qint64 m_lineNumber = 0;
    qint64 m_lineOffset = 0;
    bool m_lastHadNewline = false;
    bool m_eof = false;
    std::optional<Error> m_error;
};

} // namespace omu
