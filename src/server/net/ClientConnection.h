#pragma once
// One Toom-protocol client connection, driven by the event loop that serves it (see EventLoop).
//
// No thread of its own: the loop calls handle() when the socket has bytes or room, when
// another thread pushed to the session or asked it to close, or when a time it asked for has
// come. Each call reads at most one chunk, serves the complete lines, and writes everything
// queued for this client (replies and events alike, in order) until the socket would block;
// so all the lines queued for one client during a loop turn leave in one send(). Every
// request gets exactly one reply, queued on the same outbox as events so that a reply's lines
// are never interleaved with an event. A reply to a request that wrote to the store is held
// until those writes are committed (StoreWriter), so an OK means "durable"; the replies after
// it wait behind it, in order, and events (which need not wait for the disk) pass it. A client that
// stops reading stalls nobody but itself, and is disconnected when its queue overflows.

#include "common/LineFramer.h"
#include "common/TokenBucket.h"
#include "server/net/LoginFlow.h"
#include "server/net/LoopConnection.h"
#include "server/net/ServerContext.h"
#include "server/net/Session.h"
#include "server/net/TlsChannel.h"

#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>

namespace toom {

class ClientConnection final : public LoopConnection {
public:
    /// Takes over `socket` (connected, non-blocking; closed by the destructor), one admission
    /// (ServerContext::admitted, given back by the destructor) and its address's pre-login slot
    /// (ServerContext::prelogin, given back at login or close). `session` is already in
    /// ServerContext::connections. Queues the HELLO line. With `tls` (a TLS listener's
    /// connection, on this socket) every byte goes through it, after a handshake that must be
    /// complete within ServerContext::tlsHandshakeTimeout; without, recv() and send() as is.
    ClientConnection(const Poco::Net::StreamSocket& socket, std::shared_ptr<Session> session,
                     ServerContext& context, std::unique_ptr<TlsChannel> tls = nullptr);
    ~ClientConnection() override;

    ClientConnection(const ClientConnection&) = delete;
    ClientConnection& operator=(const ClientConnection&) = delete;

    // LoopConnection (the loop's thread).
    int fd() const override { return _fd; }
    Session& session() override { return *_session; }
    LoopInterest handle(const LoopEvents& events,
                        std::chrono::steady_clock::time_point now) override;
    void abandon() override;

private:
    using SteadyTime = std::chrono::steady_clock::time_point;

    /// One recv() of at most a chunk; complete lines join _queued. False on a socket error.
    bool readOnce();
    /// TLS before its handshake is complete: goes on with it. Nothing while it is complete
    /// (the call goes on); otherwise what to wait for, or the end (failed, too late, or asked
    /// to close meanwhile).
    std::optional<LoopInterest> continueHandshake(SteadyTime now);
    /// One send() (or TLS write) of `length` queued bytes: how many left, 0 when the socket
    /// would block, -1 on an error.
    ssize_t sendSome(std::size_t length);
    /// Serves, closes and writes as far as it can now, and says what to wait for next.
    LoopInterest advance(SteadyTime now);
    /// Serves the lines read and not yet served, in order, until none is left, one is held
    /// (flood control or a password answer's delay), or this client's backlog is half the send
    /// queue (its replies would only pile up; serving resumes as it drains).
    void serveQueued(SteadyTime now);
    /// How long `line` must wait before it is served: the flood-control debt it adds (see
    /// TokenBucket, CommandRegistry::floodCost) and, for a password, the username's slow-down
    /// (LoginLimiter::answerDelay). Charges the bucket, so call it once per line.
    std::chrono::microseconds holdFor(const FramedLine& line, SteadyTime now);
    /// True while this client's backlog leaves room for a reply (under half the send queue).
    bool roomForReply() const;
    /// Pushes the next slice of the private messages that waited for this user, if any are
    /// left and the backlog allows (see PrivateMessageService::deliverStored); once they are
    /// all out, what the user missed while away (LoginFlow::takeBacklog), in a later turn.
    void deliverStoredSlice();
    /// Handles one framed line (a request, or an over-long line).
    void handleLine(const FramedLine& line);
    /// Queues a reply, behind the held ones if any. `before` and `last`: the store tickets the
    /// request made (StoreWriter::lastOnThisThread before and after it); the reply is held
    /// until they are committed, and becomes a STORE_FAILED failure if one of them failed.
    void reply(const Reply& reply, StoreWriter::Ticket before, StoreWriter::Ticket last);
    void reply(std::string wire);
    /// Queues the held replies whose writes are committed, in order, up to the first that is
    /// not.
    void releaseCommitted();
    Reply handleRequest(std::string_view text);
    /// Before login: hands `text` (a username or a password) to the worker pool when there is
    /// one, and serving stops until its answer is back (finishLoginStep). False when the line
    /// is to be served here (a command, or no pool); true also when the pool was full and the
    /// client was told to retry.
    bool startLoginStep(std::string_view text);
    /// Queues the answer of a login step that has come back from the pool, and finishes the
    /// login if it succeeded. No-op while none is back.
    void finishLoginStep();
    /// What follows a successful login on this thread: pushes let through, waiting messages.
    void loggedIn();
    /// Starts closing: queues the final notice, stops other pushes, logs the user out.
    void beginClose(CloseReason reason, SteadyTime now);
    /// Logs the user out if this connection's session is logged in (and remembers who, for the
    /// disconnect line).
    void logOut(CloseReason reason);
    /// Writes queued bytes until the socket would block. False on a socket error.
    bool flush();
    /// Ends the connection: logs the user out if still in, logs how it ended, forgets the
    /// session. Once; the socket is closed by the destructor.
    void finish();
    LoopInterest finished();
    /// Logs how a logged-in session ended (user, address, reason), unless by its own logout.
    void logDisconnect(CloseReason reason);

    /// Kept, not just its descriptor: the socket is closed and released here on the loop's
    /// thread, long after Poco's acceptor dropped its copy (see the constructor).
    Poco::Net::StreamSocket _socket;
    const int _fd;
    /// The TLS session when this connection came through a TLS listener; none: plain TCP.
    /// Declared after _socket: destroyed before the descriptor is closed.
    std::unique_ptr<TlsChannel> _tls;
    SteadyTime _handshakeDeadline{};
    /// What TLS waits for beyond the plain rules: a read that must first write (the socket
    /// full), a write that must first read (records still to come from the client).
    bool _tlsReadNeedsWrite = false;
    bool _tlsWriteNeedsRead = false;
    ServerContext& _context;
    std::shared_ptr<Session> _session;
    /// Shared with a login step running on the worker pool (see LoginStep).
    std::shared_ptr<LoginFlow> _login;
    /// A login line being handled on the worker pool. While it is, this connection serves
    /// nothing else and _login belongs to the worker; `done` (set last, by the worker) hands
    /// both back. If the connection ends first, `abandoned` tells the worker to undo a login
    /// that succeeded (nobody would ever log that session out).
    struct LoginStep {
        Mutex mutex;
        bool done TOOM_GUARDED_BY(mutex) = false;
        bool abandoned TOOM_GUARDED_BY(mutex) = false;
        Reply answer TOOM_GUARDED_BY(mutex){"USER"};
    };
    std::shared_ptr<LoginStep> _loginStep;
    LineFramer _framer;
    std::deque<FramedLine> _queued; ///< Read, not yet served.
    /// While set, the first queued line waits until then (steady time: real waiting).
    std::optional<SteadyTime> _heldUntil;
    std::string _writing; ///< Bytes taken from the session, not yet fully written.
    std::size_t _writeOffset = 0;
    TokenBucket _flood;
    /// A reply waiting for its request's writes to be committed.
    struct HeldReply {
        struct Commit {
            std::atomic<bool> done{false};
            std::atomic<bool> ok{true};
        };
        std::shared_ptr<Commit> commit; ///< Set by the store writer's thread.
        std::string verb;
        std::string wire;
    };
    std::deque<HeldReply> _held;
    bool _storedPending = false; ///< Stored private messages may still wait for this user.
    std::string _backlog;        ///< What the user missed, to push after the stored messages.
    /// Still counted in ServerContext::prelogin (until the login, or the close).
    bool _countedAsPrelogin = false;
    void releasePrelogin();
    bool _closing = false;
    SteadyTime _closeDeadline{};
    CloseReason _closeReason = CloseReason::None;
    bool _finished = false;
    std::string _user; ///< Who was logged in on this connection (for the disconnect line).
};

} // namespace toom
