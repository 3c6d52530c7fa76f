#pragma once
// A TCP connection to another client carrying LF-terminated lines of bounded length.

#include "common/LineFramer.h"
#include "common/Mutex.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace toom::p2p::chat {

/// What receiveLine() got.
struct Received {
    enum class Kind {
        Line,    ///< A complete line, in `text` without CR/LF.
        TooLong, ///< The peer sent a line over the limit (its bytes were dropped).
        Closed,  ///< End of stream, a socket error, or shutdown() was called.
        TimedOut ///< The deadline passed before a complete line arrived.
    };
    Kind kind = Kind::Closed;
    std::string text;
};

/// One direct connection. Threads: one reader (receiveLine), any number of writers (sendLine,
/// serialised), and anyone may call shutdown() at any time to wake and end both.
class PeerConnection {
public:
    using Clock = std::chrono::steady_clock;

    /// A connection that connect() will open to `target`.
    PeerConnection(const Poco::Net::SocketAddress& target, std::size_t maxLineBytes);

    /// A connection accepted by a listening socket from `remote`.
    PeerConnection(Poco::Net::StreamSocket accepted, const Poco::Net::SocketAddress& remote,
                   std::size_t maxLineBytes);

    PeerConnection(const PeerConnection&) = delete;
    PeerConnection& operator=(const PeerConnection&) = delete;

    /// Connects to the target given at construction within `timeout`. Returns nothing on
    /// success, otherwise why it failed ("Connection refused", ...). A shutdown() during the
    /// attempt ends it early.
    std::optional<std::string> connect(std::chrono::milliseconds timeout);

    /// Sends `line` and its LF in full within `timeout`. False if the connection is shut down,
    /// broken, or the peer did not take the bytes in time (the line may then be half sent:
    /// the caller must give the connection up).
    bool sendLine(std::string_view line, std::chrono::milliseconds timeout);

    /// Waits for the next line until `deadline` (nothing: no limit). Only one thread reads.
    Received receiveLine(std::optional<Clock::time_point> deadline = std::nullopt);

    /// Shuts the socket down in both directions: a blocked receiveLine() returns Closed and
    /// later calls fail. The descriptor is closed only by the destructor, so a thread still
    /// inside a system call never sees its number reused. Idempotent.
    void shutdown();

    /// True once shutdown() was called.
    bool isShutDown() const { return _shutDown; }

    /// The peer's address as "ip:port", for messages.
    const std::string& remote() const { return _remote; }

private:
    Poco::Net::StreamSocket _socket;
    Poco::Net::SocketAddress _target;
    std::string _remote;
    LineFramer _framer;
    std::deque<Received> _received; ///< Framed but not yet returned (reader thread only).
    /// Keeps two writers' lines from interleaving: held across the socket write, by design (it
    /// guards the write, not data), which sendLine() bounds by its timeout.
    Mutex _sendMutex;
    std::atomic<bool> _shutDown{false};
};

} // namespace toom::p2p::chat
