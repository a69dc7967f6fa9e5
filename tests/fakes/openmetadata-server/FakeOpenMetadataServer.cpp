#include "FakeOpenMetadataServer.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace omu::test {

FakeOpenMetadataServer::FakeOpenMetadataServer(QObject* parent)
    : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeOpenMetadataServer::accept);
    m_lifetime.setSingleShot(true);
    connect(&m_lifetime, &QTimer::timeout, this, &FakeOpenMetadataServer::stop);
}

FakeOpenMetadataServer::~FakeOpenMetadataServer()
{
    stop();
}

bool FakeOpenMetadataServer::listen(int lifetimeSeconds)
{
    if (!m_server->listen(QHostAddress::LocalHost, 0))
        return false;
    m_lifetime.start(lifetimeSeconds * 1000);
    return true;
}

void FakeOpenMetadataServer::stop()
{
    m_lifetime.stop();
    m_server->close();
}

bool FakeOpenMetadataServer::isListening() const
{
    return m_server->isListening();
}

QUrl FakeOpenMetadataServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort()));
}

void FakeOpenMetadataServer::accept()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
    }
}

void FakeOpenMetadataServer::read(QTcpSocket* socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    Request request{QString::fromLatin1(requestLine.value(0)),
                    QString::fromLatin1(requestLine.value(1)),
                    {},
                    {}};
    qsizetype length = 0;
    for (const QByteArray& line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            length = value.toLongLong();
        else if (name == "authorization")
            request.authorization = value;
    }
    if (buffer.size() < headerEnd + 4 + length)
        return; // the body is still coming
    request.body = buffer.mid(headerEnd + 4, length);
    socket->setProperty("buffer", QByteArray());
    m_requests.append(request);
    if (!m_silent)
        answer(socket, request);
}

void FakeOpenMetadataServer::answer(QTcpSocket* socket, const Request& request)
{
    int status = 404;
    QJsonObject body{{QStringLiteral("code"), 404},
                     {QStringLiteral("message"), QStringLiteral("Not found")}};
    if (request.method == QLatin1String("GET") &&
        request.path == QLatin1String("/api/v1/system/version")) {
        status = 200;
        body = QJsonObject{{QStringLiteral("version"), m_version},
                           {QStringLiteral("revision"), QStringLiteral("fake0000")},
                           {QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch()}};
    } else if (request.method == QLatin1String("POST") &&
               request.path == QLatin1String("/api/v1/apps/trigger/SearchIndexingApplication")) {
        if (request.authorization == "Bearer " + m_token) {
            status = 200;
            body = QJsonObject{};
        } else {
            status = 401;
            body = QJsonObject{
                {QStringLiteral("code"), 401},
                {QStringLiteral("message"), QStringLiteral("Not Authorized! Token not present")}};
        }
    }
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const QByteArray reason = status == 200 ? "OK" : status == 401 ? "Unauthorized" : "Not Found";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(payload.size()) + "\r\nConnection: close\r\n\r\n" + payload);
    socket->disconnectFromHost();
}

} // namespace omu::test
