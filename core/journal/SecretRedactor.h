#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace omu {

// Removes secrets from what leaves the machine (reports, support bundles): the secrets
// it was given (the database password, a bot token), and anything shaped like one:
// password=..., "token": "...", Authorization: Bearer ..., user:password@ in URLs,
// JWTs. In JSON, every value under a key that names a secret becomes "***".
class SecretRedactor
{
public:
    void add(const QString& secret);
    void add(const QStringList& secrets);

    QString redact(QString text) const;
    QJsonValue redact(const QJsonValue& value) const;

    static bool isSecretKey(const QString& key);

private:
    QStringList m_secrets;
};

} // namespace omu
