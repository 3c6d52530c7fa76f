#pragma once
// The listening socket for direct connections from other clients, and the thread that accepts
// them.

#include "common/WakeUp.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <functional>
#include <thread>

namespace toom::p2p::chat {

/// Accepts TCP connections on one port until stopped. Each connection is handed to the handler
/// on the accept thread, which must return quickly (start a thread for anything that waits).
class AcceptLoop {
public:
    using Handler = std::function<void(Poco::Net::StreamSocket, Poco::Net::SocketAddress)>;

    /// Listens on `address`:`port` (0: the OS picks a free port) and starts accepting. Throws
    /// Poco::Exception if the port cannot be bound, std::system_error if the thread cannot start.
    AcceptLoop(const Poco::Net::IPAddress& address, int port, Handler handler);

    /// Stops (see stop()).
    ~AcceptLoop();

    AcceptLoop(const AcceptLoop&) = delete;
    AcceptLoop& operator=(const AcceptLoop&) = delete;

    /// The port being listened on.
    int port() const { return _port; }

    /// Stops accepting, joins the accept thread and closes the listening socket. Connections
    /// already handed over are not touched. Idempotent; not to be called from the handler.
    void stop();

private:
    void run();

    Poco::Net::ServerSocket _socket;
    Handler _handler;
    int _port = 0;
    WakeUp _wake; ///< Notified by stop() to end the accept thread's poll().
    std::thread _thread;
};

} // namespace toom::p2p::chat
