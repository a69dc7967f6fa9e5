#include "DisplayCheck.h"

#include <QtGlobal>

namespace omu::cli {

std::optional<QString> DisplayCheck::missingDisplay()
{
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM").trimmed();
    const bool x11 = !qEnvironmentVariableIsEmpty("DISPLAY");
    const bool wayland = !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (platform.isEmpty() ? (x11 || wayland) : (platform != QLatin1String("xcb") || x11))
        return std::nullopt;
    return QStringLiteral(
        "omupgrade: no display: the wizard needs a desktop, and neither DISPLAY nor "
        "WAYLAND_DISPLAY is set\n"
        "(over SSH: ssh -X, or xvfb-run -a omupgrade).\n"
        "\n"
        "The same steps run headless, each recording what the wizard records:\n"
        "  omupgrade inspect --config conf/openmetadata.yaml\n"
        "  omupgrade backup  --config conf/openmetadata.yaml --output /backups\n"
        "  omupgrade verify  --config conf/openmetadata.yaml --input /backups/FILE.sql --deep\n"
        "  omupgrade tune apply --config conf/openmetadata.yaml\n"
        "  omupgrade review  --config conf/openmetadata.yaml --to VERSION\n"
        "  omupgrade migrate --config conf/openmetadata.yaml --distribution ./openmetadata-X.Y.Z\n"
        "  omupgrade after   --config conf/openmetadata.yaml\n"
        "\n"
        "Each command's options and an example: omupgrade <command> --help; all of them: "
        "omupgrade --help.\n");
}

} // namespace omu::cli
