#include "SecretRedactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace omu {

namespace {
const QString masked = QStringLiteral("***");
}

void SecretRedactor::add(const QString& secret)
{
    // Very short strings would blank out ordinary words; the patterns still cover them
    // where they appear as a value.
    if (secret.size() >= 3 && !m_secrets.contains(secret)) {
        m_secrets << secret;
        // Longest first, so a secret containing another is masked whole.
        std::sort(m_secrets.begin(), m_secrets.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
    }
}

void SecretRedactor::add(const QStringList& secrets)
{
    for (const QString& secret : secrets)
        add(secret);
}

bool SecretRedactor::isSecretKey(const QString& key)
{
    static const QRegularExpression secretKey(
        QStringLiteral(
            R"(pass(word|wd)?$|^pwd$|secret|token|credential|api[-_]?key|private[-_]?key|jwt|authorization)"),
        QRegularExpression::CaseInsensitiveOption);
    return secretKey.match(key).hasMatch();
}

QString SecretRedactor::redact(QString text) const
{
    for (const QString& secret : m_secrets) {
        text.replace(secret, masked);
        // The same secret as it appears inside JSON or a URL.
        QString escaped = secret;
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('"'), QStringLiteral("\\\""));
        if (escaped != secret)
            text.replace(escaped, masked);
        const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (percent != secret)
            text.replace(percent, masked);
    }
    static const QList<QPair<QRegularExpression, QString>> patterns{
        // Authorization: Bearer <token>
        {QRegularExpression(QStringLiteral(R"((Bearer\s+)[A-Za-z0-9._~+/=-]{4,})"),
                            QRegularExpression::CaseInsensitiveOption),
         QStringLiteral("\\1***")},
        // scheme://user:password@host
        {QRegularExpression(QStringLiteral(R"((\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@)"),
                            QRegularExpression::CaseInsensitiveOption),
         QStringLiteral("\\1***@")},
        // JWTs
        {QRegularExpression(
             QStringLiteral(R"(\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)")),
         masked},
        // "password": "value" in JSON text
        {QRegularExpression(
             QStringLiteral(
                 R"xx(("[A-Za-z_]*(?:password|passwd|secret|token|apiKey|api_key)[A-Za-z_]*"\s*:\s*")(?:[^"\\]|\\.)*")xx"),
             QRegularExpression::CaseInsensitiveOption),
         QStringLiteral("\\1***\"")},
        // password=value, PGPASSWORD=value, token: value (not already masked)
        {QRegularExpression(
             QStringLiteral(
                 R"xx(\b([A-Za-z_]*(?:password|passwd|pwd|secret|token|api[-_]?key)[A-Za-z_]*\s*[=:]\s*)(?!\*\*\*)(?:"[^"]*"|'[^']*'|[^\s&;,'"]+))xx"),
             QRegularExpression::CaseInsensitiveOption),
         QStringLiteral("\\1***")},
    };
    for (const auto& [pattern, replacement] : patterns)
        text.replace(pattern, replacement);
    return text;
}

QJsonValue SecretRedactor::redact(const QJsonValue& value) const
{
    if (value.isString())
        return redact(value.toString());
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& item : value.toArray())
            array.append(redact(item));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it) {
            if (isSecretKey(it.key()) && (it.value().isString() || it.value().isDouble()) &&
                !it.value().toString().isEmpty())
                object.insert(it.key(), masked);
            else
                object.insert(it.key(), redact(it.value()));
        }
        return object;
    }
    return value;
}

} // namespace omu
