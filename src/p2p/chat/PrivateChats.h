#pragma once
// Direct private messaging between two clients (startprivate / private / stopprivate): the
// server only brokers the meeting (it checks the users and issues a one-time token); the
// messages then travel over a TCP connection from one client to the other. This class owns
// those connections. It knows nothing of the server: the client calls expect(), connect() and
// ended() when the server's events arrive, and send() and stop() when the user types.
//
// The wire format is in PeerLine.h and docs/P2P.md.
//
// A chat is accepted before its connection is up (the requester has yet to connect, the
// acceptor to be greeted), and what the user types for it in the meantime waits in the chat's
// SetupQueue and goes out once it is; if the setup fails, the user is told how many messages
// were not delivered. So a user who accepted, or whose request was accepted, is never told
// "not enabled" while the chat is being set up.
//
// Everything the user should see is printed through the `print` callback, from whichever
// thread notices it: the session starting, each message received ("yoda(private): hi"), the
// session ending (exactly once, whoever notices first), and every error. Lines are queued
// under the mutex, in the order of the state changes they report, and printed after it is
// released (Notices).

#include "common/Mutex.h"
#include "p2p/chat/ChatSettings.h"
#include "p2p/chat/Notices.h"
#include "p2p/chat/PeerConnection.h"
#include "p2p/chat/PeerSession.h"
#include "p2p/chat/PendingTokens.h"
#include "p2p/chat/RefusalNotes.h"
#include "p2p/chat/SetupQueue.h"
#include "p2p/chat/WorkerThreads.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace toom::p2p::chat {

class AcceptLoop;

/// What send() did.
enum class SendResult {
    Sent,      ///< The message was handed to the connection in full.
    Queued,    ///< The chat is still being set up: the message goes out once it is up.
    NoSession, ///< No session with that peer ("Error. Private messaging to <peer> not enabled").
    TooLong,   ///< The text does not fit in one line of the protocol; the session goes on.
    QueueFull, ///< Still being set up, and as much as may wait already does; not sent.
    Failed     ///< The connection broke or the peer stalled: the session was ended. (Or, rarely,
               ///< no thread could be started to watch a chat being set up: not kept.)
};

/// The direct sessions of one logged-in user. Every public method may be called from any
/// thread, concurrently. Only three wait on the network: send() writes its line within
/// ChatSettings::sendTimeout, stop() its STOP within one second at most, and closeAll() a STOP per
/// session the same way before joining the threads. Messages that waited for the connection
/// are written by the session's own thread.
class PrivateChats {
public:
    /// Prints one line for the user; called from internal threads as well, so it must be
    /// thread-safe, and it must not call back into this object.
    using Printer = std::function<void(std::string_view)>;

    /// `me` is our user name exactly as the server knows it (it goes into our greetings); the
    /// client listens before login, when it does not know it yet, and sets it with setUser().
    PrivateChats(std::string me, Printer print, ChatSettings settings = {});

    /// closeAll().
    ~PrivateChats();

    /// Sets our user name (after login).
    void setUser(std::string me) TOOM_EXCLUDES(_mutex);

    /// Our user name.
    std::string user() const TOOM_EXCLUDES(_mutex);

    PrivateChats(const PrivateChats&) = delete;
    PrivateChats& operator=(const PrivateChats&) = delete;

    /// Listens for peers on `address`:`port` (0: the OS picks) and returns the port, which the
    /// client announces to the server. The client passes the local address of its connection
    /// to the server: the address the server sees, and so announces, is the one peers reach
    /// (listening on every interface would also answer on ones nobody was told about).
    /// Already listening: returns the current port. Throws Poco::Exception if the port cannot
    /// be bound.
    int listen(const Poco::Net::IPAddress& address, int port = 0) TOOM_EXCLUDES(_lifecycleMutex);

    /// The server says `peer` asked us for a chat (PRIVATE_REQUEST): until tokenLifetime has
    /// passed, a greeting from `peer` whose token is not registered yet waits for it (up to
    /// tokenWait), since our "y" and its connection race. A greeting from anyone else with
    /// an unknown token is refused at once: without this, any stranger could hold a handshake
    /// place for tokenWait with a made-up token. At most 64 peers are remembered.
    void announce(const std::string& peer) TOOM_EXCLUDES(_mutex);

    /// We accepted `peer`'s request and the server gave us `token`: one incoming connection
    /// from `peer` presenting it is accepted. Replaces an earlier token for `peer`; expires
    /// after ChatSettings::tokenLifetime. Until `peer` connects (or the token expires, or the
    /// chat ends) the chat is being set up: send() keeps what is typed for it.
    void expect(const std::string& peer, const std::string& token) TOOM_EXCLUDES(_mutex);

    /// `peer` accepted our request: connects to `address` and greets with `token` on a worker
    /// thread (returns at once). Prints "Start private messaging with <peer>" on success, an
    /// error otherwise. Refused (printed) if a session with `peer` exists or the limit is
    /// reached.
    void connect(const std::string& peer, const Poco::Net::SocketAddress& address,
                 const std::string& token) TOOM_EXCLUDES(_mutex);

    /// True if the session with `peer` is open (its handshake is over).
    bool connected(std::string_view peer) const TOOM_EXCLUDES(_mutex);

    /// The peers of open sessions, sorted.
    std::vector<std::string> peers() const TOOM_EXCLUDES(_mutex);

    /// Sends one message to `peer` (CR and LF become spaces). While the chat is being set up
    /// (connect() or expect() called, the session not open yet) the message is kept, at most
    /// ChatSettings::maxWaitingMessages and maxWaitingBytes of them, and sent once it is open,
    /// in the order typed; the user is told ("Private messaging with <peer> is still being set
    /// up; ..."). Prints what went wrong unless the result is Sent or Queued; on Failed the
    /// session is over.
    SendResult send(std::string_view peer, std::string_view text) TOOM_EXCLUDES(_mutex);

    /// The user stops the session with `peer`: tells the peer (STOP), closes and prints
    /// "Stopped private messaging with <peer>". Also cancels a connection still being set up
    /// and forgets a token expected from `peer`. False, with the error printed, if there was
    /// no session and none expected. Messages that were waiting for the connection are
    /// dropped, and the user told how many.
    bool stop(std::string_view peer) TOOM_EXCLUDES(_mutex);

    /// The server says the session with `peer` is over (the peer logged out, timed out or
    /// stopped). Closes without a word to the peer and prints `notice` if the session was
    /// still going here; if the peer's STOP or the end of the connection came first, that was
    /// printed instead and this prints nothing. Forgets a token expected from `peer`. Either
    /// way, if messages were waiting for the connection, the user is told they were not
    /// delivered (after `notice`, which is then printed even before a connection).
    void ended(std::string_view peer, std::string_view notice) TOOM_EXCLUDES(_mutex);

    /// Logout or exit: sends STOP to every open session, closes everything, stops listening
    /// and joins every thread. Prints nothing, except that messages waiting for a connection
    /// were not delivered. The object can listen again afterwards.
    void closeAll() TOOM_EXCLUDES(_mutex, _lifecycleMutex);

    /// Incoming greetings waiting for their token to be registered by expect() (for tests).
    std::size_t handshakesWaitingForToken() const { return _tokens.waiting(); }

private:
    using SessionPtr = std::shared_ptr<PeerSession>;
    using ConnectionPtr = std::shared_ptr<PeerConnection>;

    void onIncoming(const Poco::Net::StreamSocket& socket, const Poco::Net::SocketAddress& remote);
    void runConnector(const SessionPtr& session, const std::string& token);
    void runAcceptor(const ConnectionPtr& connection, GreetingSlots::Id slot);
    void acceptGreeting(const ConnectionPtr& connection, GreetingSlots::Id slot);
    void readMessages(const SessionPtr& session);

    /// The session just opened: writes what waited for it, in order, until nothing does (the
    /// queue is then Open). False if the session ended meanwhile (or because a write failed).
    bool deliverWaiting(const SessionPtr& session);

    /// A chat we accepted, expected from its peer (expect()) and not connected yet: what is
    /// typed for it waits here, and moves to the session when the peer's greeting is
    /// accepted. Guarded by _mutex.
    struct Awaited {
        Awaited(SetupQueue waiting, std::chrono::steady_clock::time_point until)
            : queue(std::move(waiting))
            , deadline(until) {}
        SetupQueue queue;
        std::chrono::steady_clock::time_point deadline; ///< The token's expiry.
        bool timed = false; ///< A runAwaitTimer() thread watches the deadline.
    };
    using AwaitedPtr = std::shared_ptr<Awaited>;

    /// Runs while `awaited` holds messages: when its deadline passes with `peer` still not
    /// connected, tells the user they were not delivered. Ends silently once the entry is
    /// gone (the peer connected, the chat ended, closeAll()).
    void runAwaitTimer(const std::string& peer, const AwaitedPtr& awaited) TOOM_EXCLUDES(_mutex);

    /// The chat with `peer` ended before `queue` could be delivered: forgets it and tells the
    /// user how many messages were lost, if any.
    void sayUndeliveredLocked(std::string_view peer, SetupQueue& queue) TOOM_REQUIRES(_mutex);

    /// Removes the entry expected from `peer`, if any, and wakes its timer; returns it.
    AwaitedPtr takeAwaitedLocked(std::string_view peer) TOOM_REQUIRES(_mutex);

    /// A fresh SetupQueue with the settings' limits.
    SetupQueue newQueue() const;

    /// Ends `session` if it is still current: removes it, prints `notice` (if any), and shuts
    /// its connection down either way.
    void finish(const SessionPtr& session, std::string_view notice) TOOM_EXCLUDES(_mutex);

    /// Removes `session` if it is still the current one for its peer.
    bool retireLocked(const SessionPtr& session) TOOM_REQUIRES(_mutex);

    /// Prints `line` after the lines already queued (Notices::queue); flush() prints them.
    void say(std::string line) { _notices.queue(std::move(line)); }

    /// Answers a greeting with FAIL and closes; prints `note` (if any) for the user, unless
    /// too many were printed lately (RefusalNotes).
    void refuse(PeerConnection& connection, std::string_view code, const std::string& reason,
                const std::string& note) TOOM_EXCLUDES(_mutex);

    const ChatSettings _settings;
    PendingTokens _tokens;
    Notices _notices; ///< What the user sees, in order; printed with no lock held.

    /// Serialises listen() and closeAll(); taken before _mutex, never after it. Held while
    /// closeAll() joins the threads, which never take it (documented in ARCHITECTURE.md).
    Mutex _lifecycleMutex TOOM_ACQUIRED_BEFORE(_mutex);
    std::unique_ptr<AcceptLoop> _listener TOOM_GUARDED_BY(_lifecycleMutex);

    /// Guards the members below and PeerSession::state. Never held across socket I/O, a join
    /// or printing.
    mutable Mutex _mutex;
    std::string _me TOOM_GUARDED_BY(_mutex);
    /// By peer; at most maxSessions.
    std::map<std::string, SessionPtr, std::less<>> _sessions TOOM_GUARDED_BY(_mutex);
    /// Incoming connections still in their handshake.
    std::set<ConnectionPtr> _greeting TOOM_GUARDED_BY(_mutex);
    /// Their places, per peer address (see ChatSettings::greetingSlots).
    GreetingSlots _slots TOOM_GUARDED_BY(_mutex);
    /// Those that have not greeted yet, by place: an evicted one is shut down.
    std::map<GreetingSlots::Id, ConnectionPtr> _silent TOOM_GUARDED_BY(_mutex);
    /// Peers the server said asked us, until when their greeting may wait for its token.
    std::map<std::string, std::chrono::steady_clock::time_point, std::less<>>
        _announced TOOM_GUARDED_BY(_mutex);
    /// Keeps refused connections from filling the user's screen.
    RefusalNotes _refusalNotes TOOM_GUARDED_BY(_mutex);
    /// Chats we accepted whose peer has not connected yet, by peer. Entries without messages
    /// are dropped once their token has expired; those with messages by their timer.
    std::map<std::string, AwaitedPtr, std::less<>> _awaited TOOM_GUARDED_BY(_mutex);
    CondVar _awaitedChanged; ///< An entry of _awaited left it, or closeAll() began.
    bool _closing TOOM_GUARDED_BY(_mutex) = false; ///< closeAll() is running: start nothing new.

    WorkerThreads _workers; ///< Connectors, acceptors and readers; last, so joined first.
};

} // namespace toom::p2p::chat
