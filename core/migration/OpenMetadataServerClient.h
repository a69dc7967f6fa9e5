#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>

namespace omu {

// Talks to a running OpenMetadata server: its version (to know whether it is stopped
// before the migration, and that the new one runs after it) and the reindex trigger.
// Every request has a time limit; nothing waits forever.
class OpenMetadataServerClient : public QObject
{
    Q_OBJECT

public:
    struct VersionAnswer
    {
        bool answered = false; // the server replied at all (any HTTP status)
        int httpStatus = 0;
        QString version; // from {"version": ...} on a 200
        QString error;   // what went wrong, for people
    };
    struct ReindexAnswer
    {
        bool triggered = false;
        int httpStatus = 0;
        QString message;
    };

    explicit OpenMetadataServerClient(QObject* parent = nullptr);

    // GET <base>/api/v1/system/version
    void checkVersion(const QUrl& base, int timeoutMs = 5000);
    // POST <base>/api/v1/apps/trigger/SearchIndexingApplication, Authorization: Bearer <token>
    void triggerReindex(const QUrl& base, const QString& botToken, int timeoutMs = 15000);

    // The same, waiting in a local event loop: for the command line.
    static VersionAnswer checkVersionNow(const QUrl& base, int timeoutMs = 5000);
    static ReindexAnswer triggerReindexNow(const QUrl& base, const QString& botToken,
                                           int timeoutMs = 15000);
    // "localhost:8585" -> "http://localhost:8585"; empty when unusable.
    static QUrl normalise(const QString& text);

Q_SIGNALS:
    void versionChecked(const omu::OpenMetadataServerClient::VersionAnswer& answer);
    void reindexTriggered(const omu::OpenMetadataServerClient::ReindexAnswer& answer);

private:
    QNetworkAccessManager m_network;
};

} // namespace omu
