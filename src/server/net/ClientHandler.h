#pragma once
// Serves one client connection on its own thread (Poco's TCPServer hands it over).
//
// The thread multiplexes three things with poll(): request lines from the socket, bytes other
// threads queued for this client (Session's outbox), and close requests. Every request gets
// exactly one reply, queued on the same outbox as events so that a reply's lines are never
// interleaved with an event. The socket is non-blocking: a client that stops reading stalls
// nobody but itself, and is disconnected when its queue overflows.

#include "common/LineFramer.h"
#include "common/TokenBucket.h"
#include "server/net/LoginFlow.h"
#include "server/net/ServerContext.h"
#include "server/net/Session.h"

#include <Poco/Net/TCPServerConnection.h>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace toom {

/// Turns TCP keepalive on for socket `fd` with the given timings (off when `idleSeconds` is 0),
/// so that a peer that vanished without closing is noticed: its session then ends like any
/// lost connection. False if the system refused an option.
bool applyKeepAlive(int fd, int idleSeconds, int intervalSeconds, int probes);

class ClientHandler final : public Poco::Net::TCPServerConnection {
public:
    ClientHandler(const Poco::Net::StreamSocket& socket, ServerContext& context);
    ~ClientHandler() override;

    void run() override;

private:
    void serve();
    /// Serves the lines read and not yet served, in order, until none is left, one is held
    /// (a password answer's delay, see LoginFlow::answerDelay), or this client's backlog is
    /// half the send queue (its replies would only pile up; serving resumes as it drains).
    void serveQueued();
    /// How long `line` must wait before it is served: the flood-control debt it adds (see
    /// TokenBucket, CommandRegistry::floodCost) and, for a password, the username's slow-down
    /// (LoginLimiter::answerDelay). Charges the bucket, so call it once per line.
    std::chrono::microseconds holdFor(const FramedLine& line);
    /// True while this client's backlog leaves room for a reply (under half the send queue).
    bool roomForReply() const;
    /// Pushes the next slice of the private messages that waited for this user, if any are
    /// left and the backlog allows (see PrivateMessageService::deliverStored).
    void deliverStoredSlice();
    /// Handles one framed line (a request, or an over-long line).
    void handleLine(const FramedLine& line);
    Reply handleRequest(std::string_view text);
    /// Starts closing: queues the final notice, stops other pushes, logs the user out.
    void beginClose(CloseReason reason);
    /// Writes queued bytes until the socket would block. False on a socket error.
    bool flush();
    /// Logs how a logged-in session ended (user, address, reason), unless by its own logout.
    void logDisconnect(CloseReason reason);

    ServerContext& _context;
    std::shared_ptr<Session> _session;
    std::unique_ptr<LoginFlow> _login;
    std::deque<FramedLine> _queued; ///< Read, not yet served.
    /// While set, the first queued line waits until then (steady time: real waiting).
    std::optional<std::chrono::steady_clock::time_point> _heldUntil;
    std::string _writing; ///< Bytes taken from the session, not yet fully written.
    std::size_t _writeOffset = 0;
    TokenBucket _flood;
    bool _storedPending = false; ///< Stored private messages may still wait for this user.
    bool _closing = false;
    CloseReason _closeReason = CloseReason::None;
    std::string _user; ///< Who was logged in on this connection (for the disconnect line).
};

} // namespace toom
