#pragma once
// The client's view of its server connection: whole lines out, whole lines in. The session
// logic depends only on this interface, so unit tests drive it with a scripted fake instead of
// a socket.

#include <optional>
#include <string>
#include <string_view>

namespace toom::client {

/// A bidirectional line channel to the server.
class LineTransport {
public:
    virtual ~LineTransport() = default;

    /// Sends one line; the transport adds the LF. Returns false if the connection is gone.
    virtual bool sendLine(std::string_view line) = 0;

    /// Waits for the next line from the server, without its CR/LF. Returns nothing once the
    /// server has closed the connection or close() was called.
    virtual std::optional<std::string> receiveLine() = 0;

    /// Ends the connection; a receiveLine() blocked in another thread returns nothing. Safe to
    /// call more than once and from any thread.
    virtual void close() = 0;
};

} // namespace toom::client
