#include "SecretMasker.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace omu {

namespace {

// Masking a one- or two-character "secret" would garble every message and hide nothing;
// the shapes below still cover such a value where it appears as one.
constexpr qsizetype minimumLength = 3;

// The last word of a name: `DB_USER_PASSWORD` -> password, `clientSecret` -> secret.
QString lastWord(const QString& name)
{
    qsizetype end = name.size();
    while (end > 0 && !name.at(end - 1).isLetterOrNumber())
        --end;
    qsizetype start = end;
    while (start > 0) {
        const QChar c = name.at(start - 1);
        if (!c.isLetterOrNumber())
            break;
        // camelCase: a capital after a small letter starts the word.
        if (c.isUpper() && start - 2 >= 0 && name.at(start - 2).isLower()) {
            --start;
            break;
        }
        --start;
    }
    return name.mid(start, end - start).toLower();
}

// Replaces each match of `pattern` through `replace` (which sees the match and returns
// the new text, or a null string to keep it).
template <typename Replace>
QString replaceEach(const QString& text, const QRegularExpression& pattern, Replace replace)
{
    QString out;
    qsizetype copied = 0;
    auto it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString replacement = replace(match);
        if (replacement.isNull())
            continue;
        out += QStringView(text).mid(copied, match.capturedStart() - copied);
        out += replacement;
        copied = match.capturedEnd();
    }
    if (copied == 0)
        return text;
    out += QStringView(text).mid(copied);
    return out;
}

} // namespace

const QString SecretMasker::masked = QStringLiteral("***");

void SecretMasker::add(const QString& secret)
{
    if (secret.size() < minimumLength || m_secrets.contains(secret))
        return;
    m_secrets.append(secret);
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

void SecretMasker::add(const QStringList& secrets)
{
    for (const QString& secret : secrets)
        add(secret);
}

bool SecretMasker::isSecretKey(const QString& key)
{
    const QString word = lastWord(key);
    if (word.isEmpty())
        return false;
    // A bare "key" names nothing in particular (`KEY=value` in advice, `key:` of a list
    // entry); API_KEY, privateKey and SECRET_KEY do.
    if (word == QLatin1String("key") &&
        key.trimmed().compare(QLatin1String("key"), Qt::CaseInsensitive) == 0)
        return false;
    static const QStringList words{
        QStringLiteral("password"),      QStringLiteral("passwd"),      QStringLiteral("pwd"),
        QStringLiteral("pass"),          QStringLiteral("passphrase"),  QStringLiteral("secret"),
        QStringLiteral("token"),         QStringLiteral("key"),         QStringLiteral("apikey"),
        QStringLiteral("privatekey"),    QStringLiteral("secretkey"),   QStringLiteral("accesskey"),
        QStringLiteral("credential"),    QStringLiteral("credentials"), QStringLiteral("jwt"),
        QStringLiteral("authorization"),
    };
    if (words.contains(word))
        return true;
    // Words run together: PGPASSWORD, apitoken, clientsecret.
    for (const char* suffix : {"password", "passwd", "secret", "token"})
        if (word.endsWith(QLatin1String(suffix)))
            return true;
    return false;
}

QString SecretMasker::maskKnown(QString text) const
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
    return text;
}

QString SecretMasker::mask(QString text) const
{
    if (text.isEmpty())
        return text;
    text = maskKnown(std::move(text));
    static const QRegularExpression bearer(QStringLiteral(R"((Bearer\s+)[A-Za-z0-9._~+/=-]{4,})"),
                                           QRegularExpression::CaseInsensitiveOption);
    text.replace(bearer, QStringLiteral("\\1***"));
    // scheme://user:password@host
    static const QRegularExpression userInfo(
        QStringLiteral(R"((\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@)"),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(userInfo, QStringLiteral("\\1***@"));
    static const QRegularExpression jwt(
        QStringLiteral(R"(\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)"));
    text.replace(jwt, masked);
    // "password": "value" in JSON text
    static const QRegularExpression jsonPair(
        QStringLiteral(R"xx("((?:[^"\\]|\\.){1,200})"\s*:\s*"((?:[^"\\]|\\.)*)")xx"));
    text = replaceEach(text, jsonPair, [](const QRegularExpressionMatch& match) {
        if (!isSecretKey(match.captured(1)) || match.captured(2) == masked ||
            match.captured(2).isEmpty())
            return QString();
        return QStringLiteral("\"%1\": \"***\"").arg(match.captured(1));
    });
    // SQL: ALTER USER ... PASSWORD '...', IDENTIFIED BY '...', PASSWORD('...')
    static const QRegularExpression sqlPassword(
        QStringLiteral(R"(\b((?:PASSWORD|IDENTIFIED\s+BY)\s*(?:\(\s*)?)'(?:[^'\\]|''|\\.)*')"),
        QRegularExpression::CaseInsensitiveOption);
    text.replace(sqlPassword, QStringLiteral("\\1'***'"));
    // password=value, PGPASSWORD=value, token: value (not already masked)
    static const QRegularExpression pair(QStringLiteral(
        R"xx(\b([A-Za-z_][A-Za-z0-9_.-]{0,200}?)(\s*[=:]\s*)(?!\*\*\*)("[^"]*"|'[^']*'|[^\s&;,'"]+))xx"));
    text = replaceEach(text, pair, [](const QRegularExpressionMatch& match) {
        if (!isSecretKey(match.captured(1)) || match.captured(3).startsWith(QLatin1String("//")))
            return QString(); // not a secret's name, or a URL's scheme
        return match.captured(1) + match.captured(2) + masked;
    });
    return text;
}

Error SecretMasker::mask(Error error) const
{
    error.message = mask(error.message);
    error.where = mask(error.where);
    error.advice = mask(error.advice);
    return error;
}

QJsonValue SecretMasker::mask(const QJsonValue& value) const
{
    if (value.isString())
        return mask(value.toString());
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& item : value.toArray())
            array.append(mask(item));
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
                object.insert(it.key(), mask(it.value()));
        }
        return object;
    }
    return value;
}

QString SecretMasker::maskFileLine(const QString& line) const
{
    // [- ][# ][export ]NAME = value  /  NAME: value  /  "NAME": value
    static const QRegularExpression assignment(QStringLiteral(
        R"(^(\s*(?:-\s+)?(?:#\s*)?(?:export\s+)?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2(\s*[=:]\s*)(\S.*)$)"));
    const QRegularExpressionMatch match = assignment.match(line);
    if (match.hasMatch() && isSecretKey(match.captured(3))) {
        static const QRegularExpression bareReference(
            QStringLiteral(R"(^["']?\$\{[A-Za-z_][A-Za-z0-9_]*\}["']?,?$)"));
        const QString value = match.captured(5);
        // A plain ${NAME} holds no secret and says where the value comes from.
        if (bareReference.match(value.trimmed()).hasMatch())
            return mask(line.left(match.capturedStart(5))) + value;
        return mask(line.left(match.capturedStart(5))) + masked;
    }
    return mask(line);
}

} // namespace omu
