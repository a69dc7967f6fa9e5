#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace omu::test {

// A FAKE OpenMetadata server for tests, not OpenMetadata: listens on 127.0.0.1 only,
// answers GET /api/v1/system/version and POST /api/v1/apps/trigger/SearchIndexingApplication
// (which wants "Authorization: Bearer <token>"), records every request, and stops by
// itself after its lifetime so a forgotten one never outlives the test.
class FakeOpenMetadataServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QString method;
        QString path;
        QByteArray authorization;
        QByteArray body;
    };

    explicit FakeOpenMetadataServer(QObject* parent = nullptr);
    ~FakeOpenMetadataServer() override;

    bool listen(int lifetimeSeconds = 300);
    void stop();
    bool isListening() const;
    QUrl url() const; // http://127.0.0.1:<port>

    void setVersion(const QString& version) { m_version = version; }
    void setBotToken(const QByteArray& token) { m_token = token; }
    // Answer nothing at all (accept, then stay silent), like a hung server.
    void setSilent(bool silent) { m_silent = silent; }
    const QList<Request>& requests() const { return m_requests; }

private:
    void accept();
    void read(QTcpSocket* socket);
    void answer(QTcpSocket* socket, const Request& request);

    QTcpServer* m_server;
    QTimer m_lifetime;
    QString m_version = QStringLiteral("1.3.0");
    QByteArray m_token = "fake-bot-token";
    bool m_silent = false;
    QList<Request> m_requests;
};

} // namespace omu::test
