#pragma once
// Where a connection enters Toom: Poco's TCPServer hands each accepted socket to a
// ClientHandler on one of its few pool threads. The handler sets the socket up, gives it a
// Session and hands it to an event loop as a ClientConnection, and returns at once: no
// connection keeps a thread.

#include "server/net/ServerContext.h"

#include <Poco/Net/TCPServerConnection.h>

namespace toom {

/// Turns TCP keepalive on for socket `fd` with the given timings (off when `idleSeconds` is 0),
/// so that a peer that vanished without closing is noticed: its session then ends like any
/// lost connection. False if the system refused an option.
bool applyKeepAlive(int fd, int idleSeconds, int intervalSeconds, int probes);

class TlsServerContext;

class ClientHandler final : public Poco::Net::TCPServerConnection {
public:
    /// `tls`: the connection came through a TLS listener and speaks TLS with this identity;
    /// none: plain TCP.
    ClientHandler(const Poco::Net::StreamSocket& socket, ServerContext& context,
                  const TlsServerContext* tls = nullptr);
    ~ClientHandler() override;

    void run() override;

private:
    ServerContext& _context;
    const TlsServerContext* _tls;
    bool _handedOver = false; ///< The admission now belongs to a ClientConnection.
};

} // namespace toom
