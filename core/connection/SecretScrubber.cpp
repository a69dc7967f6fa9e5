#include "SecretScrubber.h"

#include <algorithm>

namespace omu {

namespace {
// Masking a one- or two-character "secret" would garble every message and hide nothing.
constexpr qsizetype minimumLength = 3;
} // namespace

void SecretScrubber::add(const QString& secret)
{
    if (secret.size() >= minimumLength && !m_secrets.contains(secret)) {
        m_secrets.append(secret);
        // Longest first, so a secret containing another is masked whole.
        std::sort(m_secrets.begin(), m_secrets.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
    }
}

void SecretScrubber::add(const QStringList& secrets)
{
    for (const QString& secret : secrets)
        add(secret);
}

QString SecretScrubber::scrub(QString text) const
{
    for (const QString& secret : m_secrets)
        text.replace(secret, QStringLiteral("***"));
    return text;
}

Error SecretScrubber::scrub(Error error) const
{
    error.message = scrub(error.message);
    error.where = scrub(error.where);
    error.advice = scrub(error.advice);
    return error;
}

} // namespace omu
