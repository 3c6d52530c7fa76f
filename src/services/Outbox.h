#pragma once
// The sending side of one client connection, as seen from other threads.
//
// Anything may push bytes into an outbox; only the connection's own thread writes them to the
// socket. Pushing never blocks on the network, which is what keeps a slow client from slowing
// down the users who send to it.

#include <Poco/Timestamp.h>

#include <string_view>

namespace toom {

/// Why a connection is being closed by the server.
enum class CloseReason {
    None,
    Logout,       ///< The user logged out.
    IdleTimeout,  ///< No valid command within the inactivity timeout.
    LoginTimeout, ///< Connected but never logged in within the login timeout.
    Shutdown,     ///< The server is stopping.
    Overflow,     ///< The client stopped reading and its outbound queue filled up.
    PeerClosed,   ///< The client went away.
    TakenOver,    ///< The same user logged in on another connection (sessionTakeover).
    Displaced     ///< Not logged in, and closed to make room for a newcomer on a full server.
};

class Outbox {
public:
    virtual ~Outbox() = default;

    /// Queues complete lines (each ending in '\n') for the client, all or nothing. Returns false
    /// when the connection is closing or the queue would exceed its bound; in the latter case
    /// the connection is closed with CloseReason::Overflow.
    virtual bool push(std::string_view lines) = 0;

    /// Asks the connection's own thread to finish the session: it sends what is queued, logs
    /// the user out and closes. Safe to call from any thread, more than once.
    virtual void requestClose(CloseReason reason) = 0;
};

} // namespace toom
