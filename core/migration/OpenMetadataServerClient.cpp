#include "OpenMetadataServerClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace omu {

namespace {

QUrl endpoint(const QUrl& base, const QString& path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

QString describeError(QNetworkReply* reply, int timeoutMs)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("nothing listens there (connection refused)");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0);
    default:
        return reply->errorString();
    }
}

} // namespace

OpenMetadataServerClient::OpenMetadataServerClient(QObject* parent) : QObject(parent) {}

QUrl OpenMetadataServerClient::normalise(const QString& text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.contains(QStringLiteral("://")))
        trimmed.prepend(QStringLiteral("http://"));
    const QUrl url(trimmed, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() ? url : QUrl();
}

void OpenMetadataServerClient::checkVersion(const QUrl& base, int timeoutMs)
{
    QNetworkRequest request(endpoint(base, QStringLiteral("/api/v1/system/version")));
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply* reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, timeoutMs] {
        reply->deleteLater();
        VersionAnswer answer;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        answer.answered = status.isValid();
        answer.httpStatus = status.toInt();
        if (answer.httpStatus == 200) {
            answer.version = QJsonDocument::fromJson(reply->readAll())
                                 .object()
                                 .value(QStringLiteral("version"))
                                 .toString();
            if (answer.version.isEmpty())
                answer.error = QStringLiteral("the server answered without a version");
        } else if (answer.answered) {
            answer.error = QStringLiteral("the server answered HTTP %1").arg(answer.httpStatus);
        } else {
            answer.error = describeError(reply, timeoutMs);
        }
        Q_EMIT versionChecked(answer);
    });
}

void OpenMetadataServerClient::triggerReindex(const QUrl& base, const QString& botToken,
                                              int timeoutMs)
{
    QNetworkRequest request(
        endpoint(base, QStringLiteral("/api/v1/apps/trigger/SearchIndexingApplication")));
    request.setTransferTimeout(timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + botToken.trimmed().toUtf8());
    QNetworkReply* reply = m_network.post(request, QByteArray("{}"));
    connect(reply, &QNetworkReply::finished, this, [this, reply, timeoutMs] {
        reply->deleteLater();
        ReindexAnswer answer;
        answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.triggered = answer.httpStatus >= 200 && answer.httpStatus < 300;
        if (answer.triggered)
            answer.message = QStringLiteral("The Search Indexing application was triggered: the "
                                            "indexes are rebuilt in the background.");
        else if (answer.httpStatus == 401 || answer.httpStatus == 403)
            answer.message =
                QStringLiteral("The server refused the token (HTTP %1). Use the "
                               "ingestion bot's JWT (Settings > Bots > ingestion-bot).")
                    .arg(answer.httpStatus);
        else if (answer.httpStatus == 404)
            answer.message = QStringLiteral("The server has no Search Indexing application (HTTP "
                                            "404): releases before 1.2 reindex from the UI.");
        else if (answer.httpStatus > 0)
            answer.message = QStringLiteral("The server answered HTTP %1.").arg(answer.httpStatus);
        else
            answer.message = QStringLiteral("The server did not answer: %1.")
                                 .arg(describeError(reply, timeoutMs));
        Q_EMIT reindexTriggered(answer);
    });
}

OpenMetadataServerClient::VersionAnswer OpenMetadataServerClient::checkVersionNow(const QUrl& base,
                                                                                  int timeoutMs)
{
    OpenMetadataServerClient client;
    VersionAnswer result;
    QEventLoop loop;
    connect(&client, &OpenMetadataServerClient::versionChecked, &loop,
            [&](const VersionAnswer& answer) {
                result = answer;
                loop.quit();
            });
    client.checkVersion(base, timeoutMs);
    loop.exec();
    return result;
}

OpenMetadataServerClient::ReindexAnswer
OpenMetadataServerClient::triggerReindexNow(const QUrl& base, const QString& botToken,
                                            int timeoutMs)
{
    OpenMetadataServerClient client;
    ReindexAnswer result;
    QEventLoop loop;
    connect(&client, &OpenMetadataServerClient::reindexTriggered, &loop,
            [&](const ReindexAnswer& answer) {
                result = answer;
                loop.quit();
            });
    client.triggerReindex(base, botToken, timeoutMs);
    loop.exec();
    return result;
}

} // namespace omu
