#pragma once
// One connection as an event loop drives it: the loop owns the descriptor's place in epoll and
// calls the connection, always on the loop's own thread, when something happened to it; the
// connection says what it wants to wait for next. The Toom protocol is one such connection
// (ClientConnection); another protocol on the same loops is another.

#include <chrono>
#include <cstdint>
#include <optional>

namespace toom {

class Session;

/// What woke a connection up in one loop turn (several may be set at once).
struct LoopEvents {
    bool opened = false;   ///< First call: the loop has just adopted the connection.
    bool readable = false; ///< The socket has bytes (or an end of stream) to read.
    bool writable = false; ///< The socket takes bytes again.
    bool broken = false;   ///< The socket reported an error or a hang-up in both directions.
    bool notified = false; ///< Its session has pushed bytes or a close request.
    bool timer = false;    ///< The wake-up time it asked for has come.
};

/// What a connection wants after a call.
struct LoopInterest {
    bool read = false;  ///< Wait for bytes from the client.
    bool write = false; ///< Wait until the socket takes bytes again.
    /// Call again at this time (steady clock) even if nothing happens; none = no timer.
    std::optional<std::chrono::steady_clock::time_point> wakeAt;
    /// Call again in this same turn's end (work is ready that waited only for room).
    bool again = false;
    /// Done: the loop removes the descriptor from epoll and destroys the connection (whose
    /// destructor closes it).
    bool finished = false;
};

class LoopConnection {
public:
    virtual ~LoopConnection() = default;

    /// The socket the loop watches. Owned by the connection.
    virtual int fd() const = 0;

    /// The session whose pushes and close requests wake this connection (SessionOwner).
    virtual Session& session() = 0;

    /// Handles what happened and says what to wait for next. Never blocks on the network.
    virtual LoopInterest handle(const LoopEvents& events,
                                std::chrono::steady_clock::time_point now) = 0;

    /// The loop is stopping with this connection still open: end it (the user is logged out,
    /// nothing more is sent). handle() is not called again.
    virtual void abandon() = 0;
};

} // namespace toom
