#include "SearchEngineProbe.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace omu {

Result<SearchEngineInfo> SearchEngineProbe::parse(const QByteArray& body, const QString& url)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    const QJsonObject version = document.object().value(QStringLiteral("version")).toObject();
    const QString number = version.value(QStringLiteral("number")).toString();
    if (error.error != QJsonParseError::NoError || number.isEmpty())
        return makeError(
            QStringLiteral("the answer to GET / is not what Elasticsearch or OpenSearch "
                           "send (no version.number)"),
            url, QStringLiteral("Check that the URL points at the search engine itself."));
    SearchEngineInfo info;
    info.url = url;
    info.version = number;
    info.clusterName = document.object().value(QStringLiteral("cluster_name")).toString();
    info.flavour =
        version.value(QStringLiteral("distribution")).toString() == QLatin1String("opensearch")
            ? QStringLiteral("opensearch")
            : QStringLiteral("elasticsearch");
    return info;
}

Result<QByteArray> SearchEngineProbe::get(const QUrl& givenUrl, const QString& path, int timeoutMs,
                                          const QString& user, const QString& password)
{
    QUrl url = givenUrl;
    QString login = user.isEmpty() ? url.userName() : user;
    QString secret = password.isEmpty() ? url.password() : password;
    url.setUserInfo({});
    const QString shown = url.toString();
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return makeError(
            QStringLiteral("\"%1\" is not an http(s) URL").arg(shown), {},
            QStringLiteral("Give the search engine's address, e.g. http://localhost:9200."));
    const QUrl relative(path);
    url.setPath(relative.path());
    url.setQuery(relative.query());

    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    if (!login.isEmpty())
        request.setRawHeader("Authorization",
                             "Basic " + (login + QLatin1Char(':') + secret).toUtf8().toBase64());
    QNetworkReply* reply = manager.get(request);
    QEventLoop loop;
    QTimer watchdog;
    watchdog.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    watchdog.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    watchdog.stop();

    const auto networkError = reply->error();
    const bool gaveUp = timedOut || networkError == QNetworkReply::TimeoutError ||
                        networkError == QNetworkReply::OperationCanceledError;
    const QByteArray body = gaveUp ? QByteArray() : reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString errorText = reply->errorString();
    reply->deleteLater();

    if (gaveUp)
        return makeError(QStringLiteral("no answer from %1 within %2 seconds")
                             .arg(shown)
                             .arg(double(timeoutMs) / 1000.0, 0, 'f', 1),
                         {}, QStringLiteral("Check the URL and that the search engine is up."));
    if (status == 401 || status == 403)
        return makeError(
            QStringLiteral("%1 refused the request (HTTP %2)").arg(shown).arg(status), {},
            QStringLiteral("Give the search engine's user and password in the URL "
                           "(http://user:password@host:9200) or in openmetadata.yaml."));
    if (networkError != QNetworkReply::NoError && body.isEmpty())
        return makeError(QStringLiteral("could not reach %1: %2").arg(shown, errorText), {},
                         QStringLiteral("Check the URL and that the search engine is up."));
    if (status >= 400 && path != QLatin1String("/"))
        return makeError(QStringLiteral("%1 answered HTTP %2").arg(shown).arg(status), {},
                         QStringLiteral("Check that the user may read the cluster settings."));
    return body;
}

Result<SearchEngineInfo> SearchEngineProbe::probe(const QUrl& url, int timeoutMs,
                                                  const QString& user, const QString& password)
{
    auto body = get(url, QStringLiteral("/"), timeoutMs, user, password);
    if (!body)
        return body.error();
    QUrl shown = url;
    shown.setUserInfo({});
    return parse(body.value(), shown.toString());
}

} // namespace omu
