#pragma once
// Where a connection enters Toom: Poco's TCPServer hands each accepted socket to a
// ClientHandler on one of its few pool threads. The handler sets the socket up, gives it a
// Session and hands it to an event loop as a ClientConnection (or, on another protocol's
// listener, whatever LoopConnection its ConnectionMaker builds), and returns at once: no
// connection keeps a thread.

#include "server/net/LoopConnection.h"
#include "server/net/ServerContext.h"
#include "server/net/Session.h"

#include <Poco/Net/TCPServerConnection.h>

#include <functional>
#include <memory>

namespace toom {

/// Turns TCP keepalive on for socket `fd` with the given timings (off when `idleSeconds` is 0),
/// so that a peer that vanished without closing is noticed: its session then ends like any
/// lost connection. False if the system refused an option.
bool applyKeepAlive(int fd, int idleSeconds, int intervalSeconds, int probes);

class TlsServerContext;

/// Builds the connection a listener serves its sockets with. It takes over the admission and
/// the pre-login slot, as ClientConnection does (see its constructor).
using ConnectionMaker = std::function<std::unique_ptr<LoopConnection>(
    const Poco::Net::StreamSocket& socket, std::shared_ptr<Session> session)>;

class ClientHandler final : public Poco::Net::TCPServerConnection {
public:
    /// `tls`: the connection came through a TLS listener and speaks TLS with this identity;
    /// none: plain TCP. Without a `maker`, the connection is a Toom-protocol ClientConnection.
    ClientHandler(const Poco::Net::StreamSocket& socket, ServerContext& context,
                  const TlsServerContext* tls = nullptr, ConnectionMaker maker = {});
    ~ClientHandler() override;

    void run() override;

private:
    ServerContext& _context;
    const TlsServerContext* _tls;
    ConnectionMaker _maker;
    bool _handedOver = false; ///< The admission now belongs to a ClientConnection.
};

} // namespace toom
