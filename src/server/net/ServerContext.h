#pragma once
// What every connection handler shares: the services, the command table, the login limiter
// and the set of open connections. Owned by ToomServer, which outlives every handler.

#include "commands/CommandRegistry.h"
#include "server/net/ConnectionSet.h"
#include "server/net/FloodLimits.h"
#include "server/state/LoginLimiter.h"
#include "services/Services.h"

#include <atomic>

namespace Poco {
class Logger;
}

namespace toom {

struct ServerContext {
    Services& services;
    const CommandRegistry& registry;
    LoginLimiter& limiter;
    ConnectionSet& connections;
    Poco::Logger& log;
    /// Connections admitted by the connection filter and not yet finished.
    std::atomic<int>& admitted;
    /// Text of the HELLO line.
    std::string helloText;
    /// Each connection's flood-control bucket.
    FloodLimits flood;
};

} // namespace toom
