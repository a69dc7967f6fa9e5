#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

namespace omu {

// A JDBC url as OpenMetadata writes it, jdbc:<scheme>://host[:port]/database[?params],
// split into parts that each remember where they sit in the text, so a part can be
// traced back to the ${VAR} that produced it. Only the syntax is checked here; what the
// values mean is the resolver's business.
class JdbcUrl
{
public:
    struct Span
    {
        int start = -1; // -1: the part is absent
        int length = 0;
        bool present() const { return start >= 0; }
    };
    struct Param
    {
        QString key;
        QString value; // as written, not percent-decoded
        Span span;     // the whole key=value
    };

    // The error has a message and advice but no "where"; the caller knows the file:line.
    static Result<JdbcUrl> parse(const QString& url);

    QString scheme; // "mysql", "postgresql"; may be empty
    Span schemeSpan;
    QString host; // without the brackets of an IPv6 address
    Span hostSpan;
    QString port;  // as written; empty when absent
    Span portSpan; // absent when the url has no ':port'
    QString database;
    Span databaseSpan;
    QList<Param> params;
    Span querySpan;       // the text after '?', absent when there is no '?'
    QString userInfoUser; // jdbc:mysql://user:password@host/... (rare)
    QString userInfoPassword;
    Span userInfoSpan;
    int extraHosts = 0; // failover lists (host1,host2): only the first is used

    // The parameter named key (case-insensitive, as the drivers read them), last one wins.
    const Param* param(const QString& key) const;
};

} // namespace omu
