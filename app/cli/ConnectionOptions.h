#pragma once

#include "connection/ConnectionResolver.h"

#include <QCommandLineParser>

#include <optional>

namespace omu::cli {

// The connection options every command shares (--config, --env-file, --host, ...), and
// how they become ConnectionSources. The password never comes from an argument: child
// processes' command lines are visible to every user of the machine.
class ConnectionOptions
{
public:
    static void addTo(QCommandLineParser& parser);
    // nullopt, with `error` set, when an option is malformed or the password file is
    // unreadable.
    static std::optional<ConnectionSources> read(const QCommandLineParser& parser, QString* error);
};

} // namespace omu::cli
