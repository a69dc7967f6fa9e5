#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace omu {

// Last line of defence for "the password never appears in a message": every secret seen
// while resolving is remembered and masked as *** in errors and warnings. Messages are
// written not to quote secrets in the first place; this catches what slips through
// (a password pasted into the wrong field, say).
class SecretScrubber
{
public:
    void add(const QString& secret);
    void add(const QStringList& secrets);

    QString scrub(QString text) const;
    Error scrub(Error error) const;

private:
    QStringList m_secrets;
};

} // namespace omu
