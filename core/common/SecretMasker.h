#pragma once

#include "Result.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace omu {

// The one place secrets are masked as *** before text is shown, logged or written:
// messages, the migration tool's output, reports, and every view of a file's content
// (the review's diffs and previews). It masks
//   - the secrets it was given (the database password, a bot token), as written, inside
//     JSON strings and percent-encoded in URLs;
//   - anything shaped like a secret: the value of a key or variable named like one
//     (password, secret, token, key, ...: `DB_USER_PASSWORD=...`, `password: ...`,
//     `"apiKey": "..."`), `Authorization: Bearer ...`, user:password@ in URLs, and JWTs;
//   - in JSON, every value under a key named like a secret.
// Messages are written not to quote secrets in the first place; this catches what slips
// through (a password pasted into the wrong field, a line of a file next to a fixed one).
class SecretMasker
{
public:
    static const QString masked; // "***"

    void add(const QString& secret);
    void add(const QStringList& secrets);

    QString mask(QString text) const;
    // Only the secrets added, none of the patterns: for omupgrade's own advice, which
    // spells variables as examples ("${DB_USER_PASSWORD:-value}") that the patterns would eat.
    QString maskKnown(QString text) const;
    Error mask(Error error) const;
    QJsonValue mask(const QJsonValue& value) const;
    // One line of a file (env, YAML, properties, a script): as mask(), and when the line
    // assigns a secret-named key or variable, everything after the `=` or `:` (values in
    // files may hold spaces).
    QString maskFileLine(const QString& line) const;

    // Whether a key or variable name names a secret: its last word is password, secret,
    // token, key, credential(s), ... (`DB_USER_PASSWORD`, `clientSecret`, `apiKey`), but
    // not `secretsManager` or `tokenExpiry`, which hold none.
    static bool isSecretKey(const QString& key);

private:
    QStringList m_secrets; // longest first, so a secret containing another is masked whole
};

} // namespace omu
