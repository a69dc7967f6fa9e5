#pragma once

#include <QString>
#include <QStringList>

namespace omu {

// Which cloud database service a server is, from what it reveals: its host name, its
// version strings, and the names of its variables/settings and roles. Managed services
// refuse SET GLOBAL / ALTER SYSTEM and route changes through parameter groups or flags,
// so later steps explain that route instead of offering SQL that would fail.
struct ManagedService
{
    QString id;       // "", "aws-rds", "aws-aurora", "gcp-cloud-sql", "azure"
    QString name;     // "Amazon RDS", ...
    QString evidence; // what gave it away, shown to the user
    bool isManaged() const { return !id.isEmpty(); }
};

struct ServerEvidence
{
    QString host;
    QString version;           // VERSION() / version()
    QString versionComment;    // MySQL @@version_comment
    QString baseDir;           // MySQL @@basedir
    QStringList variableNames; // MySQL variables / PostgreSQL settings that name a vendor
    QStringList roleNames;     // PostgreSQL roles that name a vendor
};

class ManagedServiceDetector
{
public:
    static ManagedService detect(const ServerEvidence& evidence);
};

} // namespace omu
