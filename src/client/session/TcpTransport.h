#pragma once
// LineTransport over a TCP connection (Poco::Net::StreamSocket).

#include "client/session/LineTransport.h"
#include "common/LineFramer.h"
#include "common/Mutex.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <deque>

namespace toom::client {

/// A connected TCP socket that sends and receives LF-terminated lines.
class TcpTransport : public LineTransport {
public:
    /// Connects to `server`, waiting at most `timeoutSeconds`. Throws Poco::Exception (e.g.
    /// Poco::Net::ConnectionRefusedException) on failure.
    explicit TcpTransport(const Poco::Net::SocketAddress& server, int timeoutSeconds = 10);

    /// Sends `line` + LF in full. Returns false if the connection is gone.
    bool sendLine(std::string_view line) override;

    /// Waits for the next line. Over-long lines (more than 1 MiB) are skipped.
    std::optional<std::string> receiveLine() override;

    /// Our end of the connection: the local address the server is reached through.
    Poco::Net::SocketAddress localAddress() const { return _socket.address(); }

    /// Shuts the socket down in both directions, which wakes a blocked receiveLine().
    void close() override;

private:
    Poco::Net::StreamSocket _socket;
    LineFramer _framer;
    std::deque<std::string> _lines; ///< Lines framed but not yet returned.
    /// Keeps two writers' lines from interleaving: held across the socket write, by design
    /// (it guards the write itself, not data).
    Mutex _sendMutex;
    std::atomic<bool> _closed{false};
};

} // namespace toom::client
