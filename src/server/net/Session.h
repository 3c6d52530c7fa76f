#pragma once
// The server side of one client connection: who it is, and a bounded queue of bytes waiting
// to be sent to it.
//
// Threads: the connection's owner (the event loop serving it, see EventLoop and
// ClientConnection) is the only one that reads or writes the socket and the only one that
// changes login state. Other threads push bytes and ask for the connection to close; both take
// a short lock and tell the owner (SessionOwner::sessionReady), once per batch: after the first
// push nobody tells it again until it has acknowledged (takeNotice) and taken what waits.

#include "commands/SessionControl.h"
#include "common/Mutex.h"
#include "services/Clock.h"
#include "services/Outbox.h"

#include <atomic>
#include <string>

namespace toom {

class Session;

/// Who serves a session: told when it has bytes to send or a close request.
class SessionOwner {
public:
    virtual ~SessionOwner() = default;
    /// Any thread, without locks of the caller's that the owner could need. Must not block.
    virtual void sessionReady(Session& session) = 0;
};

class Session final : public Outbox, public SessionControl {
public:
    /// `maxQueuedBytes` bounds what may wait unsent; pushing past it closes the connection.
    Session(std::string address, std::size_t maxQueuedBytes, Clock& clock);
    ~Session() override;

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Outbox (any thread).
    bool push(std::string_view lines) override TOOM_EXCLUDES(_mutex);
    void requestClose(CloseReason reason) override;

    /// Any thread: tells the owner to look at this session again (something it waits for
    /// happened: a held reply's writes were committed, say), once per batch like a push.
    void nudge() { wake(); }

    // SessionControl (the connection's own thread).
    bool loggedIn() const override { return _loggedIn.load(); }
    const std::string& username() const override { return _username; }
    std::string address() const override { return _address; }
    int udpPort() const override { return _udpPort.load(); }
    void setUdpPort(int port) override { _udpPort.store(port); }
    int chatPort() const override { return _chatPort.load(); }
    void setChatPort(int port) override { _chatPort.store(port); }
    void touch() override;
    void closeAfterReply(CloseReason reason) override { requestClose(reason); }

    // The connection's own thread.

    /// Queues this client's own reply. Unlike push(), never counts as overflow: the owner
    /// produces a reply only while the backlog is under half the bound and a reply is at most
    /// ServerSettings::maxReplyBytes (at most half), so replies alone cannot outgrow the queue,
    /// and a client that asks for a long listing is not "not reading". Dropped once sealed.
    void queueReply(std::string_view lines) TOOM_EXCLUDES(_mutex);

    void markLoggedIn(const std::string& username);
    void markLoggedOut();

    /// Sets who is told about pushes and close requests (nobody until then). Call before the
    /// session is shared, and again with nullptr when the owner lets it go.
    void setOwner(SessionOwner* owner) { _owner.store(owner); }
    /// The owner acknowledges that it was told: the next push or close request tells it again.
    /// Call before looking at what waits (takePending, closeRequested), so nothing is missed.
    void takeNotice() { _noticePending.store(false); }

    /// The first close reason asked for, or None.
    CloseReason closeRequested() const { return _closeReason.load(); }

    /// From now until openToPushes(), lines pushed by other threads wait apart, behind
    /// everything this connection queues itself. The login's reply is queued by the loop after
    /// the user is already online (a password is checked on a worker thread), and nothing
    /// pushed to the new session may overtake it. The waiting bytes count toward the bound.
    void deferPushes() TOOM_EXCLUDES(_mutex);
    /// Queues what was pushed since deferPushes(), in order, and lets pushes through again.
    void openToPushes() TOOM_EXCLUDES(_mutex);

    /// Stops accepting pushes from other threads; `finalLines` (may be empty) is queued last.
    void seal(std::string_view finalLines) TOOM_EXCLUDES(_mutex);

    /// Appends the bytes waiting to be sent to `out` and counts them as in flight.
    /// Returns false when nothing was waiting.
    bool takePending(std::string& out) TOOM_EXCLUDES(_mutex);

    /// Records that `bytes` of the in-flight data were written to the socket.
    void sent(std::size_t bytes);

    /// Bytes queued or in flight and not yet written.
    std::size_t queuedBytes() const { return _queuedBytes.load(); }
    std::size_t maxQueuedBytes() const { return _maxQueuedBytes; }

    Poco::Timestamp connectedAt() const { return _connectedAt; }
    Poco::Timestamp lastActivity() const;

private:
    /// Tells the owner, unless it was told and has not yet taken notice.
    void wake();

    const std::string _address;
    const std::size_t _maxQueuedBytes;
    Clock& _clock;
    const Poco::Timestamp _connectedAt;
    std::atomic<SessionOwner*> _owner{nullptr};
    std::atomic<bool> _noticePending{false};

    std::atomic<bool> _loggedIn{false};
    std::string _username; ///< Written once by the owner before _loggedIn is set.
    std::atomic<int> _udpPort{0};
    std::atomic<int> _chatPort{0};
    std::atomic<Poco::Timestamp::TimeVal> _lastActivity;
    std::atomic<CloseReason> _closeReason{CloseReason::None};

    mutable Mutex _mutex;
    std::string _pending TOOM_GUARDED_BY(_mutex);
    bool _sealed TOOM_GUARDED_BY(_mutex) = false;
    bool _pushesDeferred TOOM_GUARDED_BY(_mutex) = false;
    std::string _deferred TOOM_GUARDED_BY(_mutex); ///< Pushed while deferred.
    std::atomic<std::size_t> _queuedBytes{0};
};

} // namespace toom
