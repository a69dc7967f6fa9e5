#include "PortProbe.h"

#include <QElapsedTimer>
#include <QTcpSocket>

#include <algorithm>

namespace omu {

namespace {

QString firstLine(const QByteArray& bytes)
{
    QByteArray line = bytes.left(bytes.indexOf('\n') < 0 ? bytes.size() : bytes.indexOf('\n'));
    QString text;
    for (const char c : line) {
        if (c == '\r')
            break;
        text += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('?');
    }
    return text.left(100).trimmed();
}

bool printable(const QByteArray& bytes)
{
    const QByteArray head = bytes.left(40);
    for (const char c : head)
        if ((c < 0x20 || c >= 0x7f) && c != '\r' && c != '\n' && c != '\t')
            return false;
    return !head.isEmpty();
}

// Whatever arrives within `timeoutMs`, plus what follows at once.
QByteArray readSome(QTcpSocket& socket, int timeoutMs)
{
    QByteArray bytes;
    if (!socket.waitForReadyRead(timeoutMs))
        return bytes;
    bytes += socket.readAll();
    while (bytes.size() < 512 && socket.waitForReadyRead(150))
        bytes += socket.readAll();
    return bytes;
}

} // namespace

PortProbe PortProbe::fromGreeting(const QByteArray& bytes)
{
    PortProbe probe;
    if (bytes.isEmpty())
        return probe;
    if (bytes.startsWith("SSH-"))
        probe.speaks = Speaks::Ssh;
    else if (bytes.startsWith("HTTP/"))
        probe.speaks = Speaks::Http;
    // MySQL's first packet: 3-byte length, sequence 0, then protocol 10 or an error (0xff).
    else if (bytes.size() >= 5 && bytes.at(3) == 0 &&
             (bytes.at(4) == 0x0a || uchar(bytes.at(4)) == 0xff))
        probe.speaks = Speaks::MySql;
    // PostgreSQL's ErrorResponse: 'E', a length, then fields starting with 'S' (severity).
    else if (bytes.size() >= 6 && bytes.at(0) == 'E' && bytes.at(5) == 'S')
        probe.speaks = Speaks::Postgres;
    else if (printable(bytes))
        probe.speaks = Speaks::Other;
    if (probe.speaks != Speaks::MySql && probe.speaks != Speaks::Postgres)
        probe.greeting = firstLine(bytes);
    return probe;
}

PortProbe PortProbe::probe(const QString& host, int port, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(host, quint16(port));
    if (!socket.waitForConnected(timeoutMs))
        return {};
    // Servers that speak first (SSH, MySQL, mail) do so at once.
    QByteArray bytes = readSome(socket, std::min(timeoutMs, 1500));
    if (bytes.isEmpty() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.write(QByteArrayLiteral("GET / HTTP/1.0\r\nHost: ") + host.toUtf8() +
                     QByteArrayLiteral("\r\nUser-Agent: omupgrade\r\nConnection: close\r\n\r\n"));
        socket.waitForBytesWritten(timeoutMs);
        bytes = readSome(socket, timeoutMs);
    }
    socket.abort();
    if (!bytes.isEmpty())
        return fromGreeting(bytes);
    // Silent to HTTP too: PostgreSQL hangs up on it without a word, but answers its own
    // SSLRequest with one byte, 'S' or 'N'.
    QTcpSocket postgres;
    postgres.connectToHost(host, quint16(port));
    if (!postgres.waitForConnected(timeoutMs))
        return {};
    postgres.write(QByteArray::fromHex("0000000804d2162f"));
    postgres.waitForBytesWritten(timeoutMs);
    bytes = readSome(postgres, timeoutMs);
    postgres.abort();
    PortProbe probe;
    if (bytes == "S" || bytes == "N")
        probe.speaks = Speaks::Postgres;
    return probe;
}

} // namespace omu
