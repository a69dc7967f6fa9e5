#include "JdbcUrl.h"

namespace omu {

namespace {

Error malformed(const QString& what)
{
    return makeError(QStringLiteral("the JDBC url is malformed: %1").arg(what), {},
                     QStringLiteral("Write it as jdbc:mysql://host:3306/openmetadata_db?params or "
                                    "jdbc:postgresql://host:5432/openmetadata_db?params."));
}

JdbcUrl::Span span(qsizetype start, qsizetype end)
{
    return JdbcUrl::Span{int(start), int(end - start)};
}

} // namespace

const JdbcUrl::Param* JdbcUrl::param(const QString& key) const
{
    for (auto it = params.crbegin(); it != params.crend(); ++it) {
        if (it->key.compare(key, Qt::CaseInsensitive) == 0)
            return &*it;
    }
    return nullptr;
}

Result<JdbcUrl> JdbcUrl::parse(const QString& url)
{
    JdbcUrl result;
    const QString prefix = QStringLiteral("jdbc:");
    if (!url.startsWith(prefix, Qt::CaseInsensitive))
        return malformed(url.trimmed().isEmpty() ? QStringLiteral("it is empty")
                                                 : QStringLiteral("it does not start with jdbc:"));
    const qsizetype slashes = url.indexOf(QLatin1String("://"), prefix.size());
    if (slashes < 0)
        return malformed(QStringLiteral("there is no '://' after jdbc:<engine>"));
    result.scheme = url.mid(prefix.size(), slashes - prefix.size());
    result.schemeSpan = span(prefix.size(), slashes);

    // The authority runs to the first '/' or '?'.
    const qsizetype authorityStart = slashes + 3;
    qsizetype authorityEnd = authorityStart;
    while (authorityEnd < url.size() && url.at(authorityEnd) != QLatin1Char('/') &&
           url.at(authorityEnd) != QLatin1Char('?'))
        ++authorityEnd;

    qsizetype hostStart = authorityStart;
    const qsizetype at = url.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (at >= authorityStart) {
        const QString userInfo = url.mid(authorityStart, at - authorityStart);
        const qsizetype colon = userInfo.indexOf(QLatin1Char(':'));
        result.userInfoUser = colon < 0 ? userInfo : userInfo.left(colon);
        result.userInfoPassword = colon < 0 ? QString() : userInfo.mid(colon + 1);
        result.userInfoSpan = span(authorityStart, at);
        hostStart = at + 1;
    }

    // Failover lists: keep the first host, count the others.
    qsizetype hostEnd = authorityEnd;
    const qsizetype comma = url.indexOf(QLatin1Char(','), hostStart);
    if (comma >= 0 && comma < authorityEnd) {
        result.extraHosts = int(url.mid(comma, authorityEnd - comma).count(QLatin1Char(',')));
        hostEnd = comma;
    }

    qsizetype portColon = -1;
    if (hostStart < hostEnd && url.at(hostStart) == QLatin1Char('[')) {
        const qsizetype close = url.indexOf(QLatin1Char(']'), hostStart);
        if (close < 0 || close >= hostEnd)
            return malformed(QStringLiteral("the IPv6 address has no closing ']'"));
        result.host = url.mid(hostStart + 1, close - hostStart - 1);
        result.hostSpan = span(hostStart + 1, close);
        if (close + 1 < hostEnd) {
            if (url.at(close + 1) != QLatin1Char(':'))
                return malformed(QStringLiteral("unexpected text after the IPv6 address"));
            portColon = close + 1;
        }
    } else {
        const qsizetype colon = url.indexOf(QLatin1Char(':'), hostStart);
        const qsizetype hostPartEnd = (colon >= 0 && colon < hostEnd) ? colon : hostEnd;
        if (colon >= 0 && colon < hostEnd) {
            const qsizetype second = url.indexOf(QLatin1Char(':'), colon + 1);
            if (second >= 0 && second < hostEnd)
                return malformed(QStringLiteral("an IPv6 address must be written in brackets, "
                                                "e.g. [::1]:3306"));
            portColon = colon;
        }
        result.host = url.mid(hostStart, hostPartEnd - hostStart);
        result.hostSpan = span(hostStart, hostPartEnd);
    }
    if (portColon >= 0) {
        result.port = url.mid(portColon + 1, hostEnd - portColon - 1);
        result.portSpan = span(portColon + 1, hostEnd);
    }

    qsizetype position = authorityEnd;
    if (position < url.size() && url.at(position) == QLatin1Char('/')) {
        const qsizetype start = position + 1;
        qsizetype end = url.indexOf(QLatin1Char('?'), start);
        if (end < 0)
            end = url.size();
        result.database = url.mid(start, end - start);
        result.databaseSpan = span(start, end);
        if (result.database.contains(QLatin1Char('/')))
            return malformed(QStringLiteral("the database name contains '/'"));
        position = end;
    } else {
        result.databaseSpan = span(position, position);
    }

    if (position < url.size() && url.at(position) == QLatin1Char('?')) {
        const qsizetype queryStart = position + 1;
        result.querySpan = span(queryStart, url.size());
        qsizetype start = queryStart;
        while (start <= url.size()) {
            qsizetype end = url.indexOf(QLatin1Char('&'), start);
            if (end < 0)
                end = url.size();
            const QString pair = url.mid(start, end - start);
            if (!pair.isEmpty()) {
                const qsizetype equals = pair.indexOf(QLatin1Char('='));
                Param param;
                param.key = equals < 0 ? pair : pair.left(equals);
                param.value = equals < 0 ? QString() : pair.mid(equals + 1);
                param.span = span(start, end);
                if (param.key.isEmpty())
                    return malformed(QStringLiteral("a parameter has no name before '='"));
                result.params.append(param);
            }
            start = end + 1;
        }
    }
    return result;
}

} // namespace omu
