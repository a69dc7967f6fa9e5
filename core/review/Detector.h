#pragma once

#include "AutoFixSpec.h"
#include "common/Result.h"
#include "common/Version.h"
#include "FixTarget.h"
#include "ReviewWorkspace.h"
#include "SearchEngineInfo.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <QByteArray>

#include <functional>
#include <memory>
#include <optional>

namespace omu {

class DatabaseSession;

// What a detector may look at.
struct DetectorContext
{
    const ReviewWorkspace& workspace;
    Version from;
    Version to;
    // The metadata database, or null with the reason it is not there.
    DatabaseSession* database = nullptr;
    QString databaseUnavailable;
    // What GET / on the search engine said, or nothing with the reason.
    std::optional<SearchEngineInfo> search;
    QString searchUnavailable;
    // Where programs are looked up (JAVA_HOME, PATH): this process's, or a test's.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // GET of a path on that search engine (set when it answered GET /), e.g.
    // "/_cluster/settings?include_defaults=true"; answers are kept for the review.
    std::function<Result<QByteArray>(const QString& path)> searchGet;
};

// One place where a catalog entry touches this deployment.
struct DetectorHit
{
    QString file;   // as given by the user; empty for the database, search engine, manual
    int line = 0;   // 1-based; 0 when not in a file
    int column = 0; // 1-based
    QString message;
    std::optional<FixTarget> target; // set when an automatic fix could edit it
};

struct DetectorFindings
{
    QList<DetectorHit> hits;
    // Set when the detector could not look (input not given, database unreachable...).
    QString notChecked;
};

// A small check, configured by a catalog entry. Detectors only read; fixes are separate.
class Detector
{
public:
    enum class Needs
    {
        Files,
        Database,
        Search,
        Nothing // manual checks and version facts
    };

    virtual ~Detector() = default;
    virtual QString type() const = 0;
    virtual Needs needs() const { return Needs::Files; }
    // Whether running it may need the database or the search engine (a detector with a
    // condition needs what both need).
    virtual bool uses(Needs what) const { return needs() == what; }
    virtual bool isManual() const { return false; }
    // Whether hits of this detector carry a target that kind of fix can edit.
    virtual bool supportsFix(AutoFixSpec::Kind /*kind*/) const { return false; }
    virtual DetectorFindings run(const DetectorContext& context) const = 0;

    // The fix for this detector's hits: its own, or the entry's.
    const std::shared_ptr<const AutoFixSpec>& autoFix() const { return m_autoFix; }
    void setAutoFix(std::shared_ptr<const AutoFixSpec> fix) { m_autoFix = std::move(fix); }

private:
    std::shared_ptr<const AutoFixSpec> m_autoFix;
};

} // namespace omu
