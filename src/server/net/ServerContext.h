#pragma once
// What every connection shares: the services, the command table, the login limiter, the set
// of open connections and the event loops. Owned by ToomServer, which outlives every handler.

#include "commands/CommandRegistry.h"
#include "server/net/ConnectionSet.h"
#include "server/net/EventLoops.h"
#include "server/net/FloodLimits.h"
#include "server/net/PreloginBudget.h"
#include "server/net/WorkerPool.h"
#include "server/state/LoginLimiter.h"
#include "server/state/RegistrationThrottle.h"
#include "server/store/StoreWriter.h"
#include "services/Services.h"

#include <atomic>
#include <chrono>

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
    /// The loops that serve the connections.
    EventLoops& loops;
    /// Text of the HELLO line.
    std::string helloText;
    /// Each connection's flood-control bucket.
    FloodLimits flood;
    /// Writes the store (group commit): a request's reply is held until the writes it made are
    /// committed. None: replies go out at once (a context without a store writer).
    StoreWriter* writer = nullptr;
    /// Runs the login steps (password hashing, account reads, a new account's commit) off the
    /// loops. None: they run on the loop (a context without workers).
    WorkerPool* workers = nullptr;
    /// Counts each connection, from admission to its login or close, against its address's
    /// share of connections not logged in. None: no per-address limit.
    PreloginBudget* prelogin = nullptr;
    /// Accounts each address may create by self-registration. None: no limit.
    RegistrationThrottle* registrations = nullptr;
    /// How long a TLS connection may take to complete its handshake (TlsChannel); then it is
    /// closed. Plain connections have no handshake.
    std::chrono::milliseconds tlsHandshakeTimeout{10000};
};

} // namespace toom
