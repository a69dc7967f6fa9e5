// fake-search-server: a stand-in for Elasticsearch / OpenSearch in tests, listening on
// 127.0.0.1 only. It answers GET / the way the real engines do (the shapes in
// openmetadata-facts.md §6), and GET /_cluster/settings the way OpenSearch does with
// include_defaults and flat_settings (max_clause_count 1024, its default, or 4096 in
// "opensearch2-tuned"); in "silent" mode it accepts connections and never answers, to
// test timeouts. It prints "port <n>" once listening and stops by itself after --lifetime
// seconds (default 60), or when its standard input closes.
//
//   fake-search-server --mode es7|es8|es9|opensearch2|opensearch2-tuned|opensearch3|silent
//                      [--lifetime SECONDS]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace {

QByteArray bodyFor(const QString& mode)
{
    if (mode == QLatin1String("es7"))
        return R"({"name":"fake-es7","cluster_name":"docker-cluster","cluster_uuid":"fake","version":{"number":"7.16.3","build_flavor":"default","build_type":"docker","lucene_version":"8.10.1","minimum_wire_compatibility_version":"6.8.0","minimum_index_compatibility_version":"6.0.0-beta1"},"tagline":"You Know, for Search"})";
    if (mode == QLatin1String("es8"))
        return R"({"name":"fake-es8","cluster_name":"docker-cluster","cluster_uuid":"fake","version":{"number":"8.10.2","build_flavor":"default","build_type":"docker","lucene_version":"9.7.0","minimum_wire_compatibility_version":"7.17.0","minimum_index_compatibility_version":"7.0.0"},"tagline":"You Know, for Search"})";
    if (mode == QLatin1String("es9"))
        return R"({"name":"fake-es9","cluster_name":"docker-cluster","cluster_uuid":"fake","version":{"number":"9.1.4","build_flavor":"default","build_type":"docker","lucene_version":"10.2.2","minimum_wire_compatibility_version":"8.19.0","minimum_index_compatibility_version":"8.0.0"},"tagline":"You Know, for Search"})";
    if (mode == QLatin1String("opensearch3"))
        return R"({"name":"fake-opensearch3","cluster_name":"opensearch-cluster","cluster_uuid":"fake","version":{"distribution":"opensearch","number":"3.2.0","build_type":"tar","lucene_version":"10.2.2","minimum_wire_compatibility_version":"2.19.0","minimum_index_compatibility_version":"2.0.0"},"tagline":"The OpenSearch Project: https://opensearch.org/"})";
    return R"({"name":"fake-opensearch","cluster_name":"opensearch-cluster","cluster_uuid":"fake","version":{"distribution":"opensearch","number":"2.7.0","build_type":"tar","lucene_version":"9.5.0","minimum_wire_compatibility_version":"7.10.0","minimum_index_compatibility_version":"7.0.0"},"tagline":"The OpenSearch Project: https://opensearch.org/"})";
}

// The cluster settings OpenSearch reports for a node whose opensearch.yml sets nothing
// (or, tuned, the clause limit OpenMetadata asks for since 1.7).
QByteArray settingsFor(const QString& mode)
{
    const QByteArray clauses = mode == QLatin1String("opensearch2-tuned") ? "4096" : "1024";
    return R"({"persistent":{},"transient":{},"defaults":{"cluster.name":"opensearch-cluster",)"
           R"("indices.query.bool.max_clause_count":")" +
           clauses + R"(","search.max_buckets":"65535"}})";
}

void answer(QTcpSocket* socket, const QString& mode)
{
    QByteArray& request = *static_cast<QByteArray*>(socket->property("buffer").value<void*>());
    request += socket->readAll();
    if (request.size() > 64 * 1024) {
        socket->abort();
        return;
    }
    if (!request.contains("\r\n\r\n") || mode == QLatin1String("silent"))
        return; // silent: hold the connection open, say nothing
    const bool root = request.startsWith("GET / ") || request.startsWith("GET /? ");
    const bool settings = mode.startsWith(QLatin1String("opensearch")) &&
                          request.startsWith("GET /_cluster/settings");
    const QByteArray body = root       ? bodyFor(mode)
                            : settings ? settingsFor(mode)
                                       : QByteArrayLiteral(R"({"error":"not found"})");
    socket->write((root || settings ? QByteArrayLiteral("HTTP/1.1 200 OK\r\n")
                                    : QByteArrayLiteral("HTTP/1.1 404 Not Found\r\n")) +
                  "Content-Type: application/json; charset=UTF-8\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("mode"),
                      QStringLiteral("es7, es8, es9, opensearch2, opensearch2-tuned, opensearch3 "
                                     "or silent."),
                      QStringLiteral("mode")});
    parser.addOption({QStringLiteral("lifetime"),
                      QStringLiteral("Seconds before stopping (default 60)."),
                      QStringLiteral("seconds"), QStringLiteral("60")});
    parser.process(app);
    const QString mode = parser.value(QStringLiteral("mode"));
    if (!QStringList{QStringLiteral("es7"), QStringLiteral("es8"), QStringLiteral("es9"),
                     QStringLiteral("opensearch2"), QStringLiteral("opensearch2-tuned"),
                     QStringLiteral("opensearch3"), QStringLiteral("silent")}
             .contains(mode)) {
        QTextStream(stderr) << "fake-search-server: --mode must be es7, es8, es9, opensearch2, "
                               "opensearch2-tuned, opensearch3 or silent\n";
        return 64;
    }
    const int lifetime = qBound(1, parser.value(QStringLiteral("lifetime")).toInt(), 600);

    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        QTextStream(stderr) << "fake-search-server: " << server.errorString() << "\n";
        return 2;
    }
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            auto* buffer = new QByteArray;
            socket->setProperty("buffer", QVariant::fromValue(static_cast<void*>(buffer)));
            QObject::connect(socket, &QTcpSocket::readyRead, socket,
                             [socket, mode] { answer(socket, mode); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
        }
    });
    // Bounded: stop after the lifetime, or as soon as the test that started us goes away.
    QTimer::singleShot(lifetime * 1000, &app, &QCoreApplication::quit);
    QSocketNotifier stdinWatch(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinWatch, &QSocketNotifier::activated, &app, [&] {
        char byte;
        if (::read(STDIN_FILENO, &byte, 1) <= 0)
            app.quit();
    });
    std::printf("port %u\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
