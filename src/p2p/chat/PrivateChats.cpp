#include "p2p/chat/PrivateChats.h"

#include "p2p/chat/AcceptLoop.h"
#include "p2p/chat/PeerLine.h"
#include "p2p/chat/PeerText.h"

#include <Poco/Exception.h>

#include <algorithm>
#include <system_error>

namespace toom::p2p::chat {

namespace {

// Threads: one accept thread, and one thread per connection that first runs the handshake,
// then writes what the user typed meanwhile (SetupQueue), then reads the session's messages.
// A poll loop over every socket would need fewer threads, but the handshake waits (for the
// greeting, for a token, for the TCP connect) would become timers and state machines; with at
// most maxSessions sessions plus greetingSlots.total greetings (and a few evicted ones on their
// way out), blocking threads woken by shutdown()
// are simpler to get right. A chat we accepted whose peer has not connected yet has no thread,
// unless the user typed for it: then one waits for the token's expiry, to report what waited
// (runAwaitTimer). Other writes are made by the caller's thread, bounded by
// ChatSettings::sendTimeout, so a peer that stops reading only ever delays the send addressed
// to it.

/// How long a STOP or a FAIL may take to leave: a goodbye to a peer that does not read must
/// not hold up a logout.
std::chrono::milliseconds goodbyeTimeout(const ChatSettings& settings) {
    return std::min(settings.sendTimeout, std::chrono::milliseconds(1000));
}

/// "5 s" or "200 ms", for messages.
std::string describe(std::chrono::milliseconds duration) {
    if (duration.count() % 1000 == 0)
        return std::to_string(duration.count() / 1000) + " s";
    return std::to_string(duration.count()) + " ms";
}

/// Bytes of protocol around a message's text on the wire ("EVENT MSG :").
std::size_t messageOverhead() {
    static const std::size_t overhead = PeerLine::message("x").format().size() - 1;
    return overhead;
}

/// Peers announce() remembers at most.
constexpr std::size_t kMaxAnnouncedPeers = 64;

std::string notEnabled(std::string_view peer) {
    return "Error. Private messaging to " + std::string(peer) + " not enabled";
}

/// Said when a message is kept for a chat still being set up.
std::string stillSettingUp(std::string_view peer) {
    return "Private messaging with " + std::string(peer) +
           " is still being set up: the message will be sent as soon as it starts";
}

/// Said when the chat with `peer` ended before `count` (> 0) kept messages could go out.
std::string undelivered(std::string_view peer, std::size_t count) {
    return "Error. " +
           (count == 1
                ? std::string("1 private message") + " waiting for " + std::string(peer) + " was"
                : std::to_string(count) + " private messages waiting for " + std::string(peer) +
                      " were") +
           " not delivered";
}

std::string couldNotSend(std::string_view peer) {
    const std::string name(peer);
    return "Error. Private message to " + name + " could not be sent; private messaging with " +
           name + " ended";
}

} // namespace

PrivateChats::PrivateChats(std::string me, Printer print, ChatSettings settings)
    : _settings(settings)
    , _tokens(settings.tokenLifetime)
    , _notices(std::move(print))
    , _me(std::move(me))
    , _slots(settings.greetingSlots) {}

void PrivateChats::setUser(std::string me) {
    MutexLock lock(_mutex);
    _me = std::move(me);
}

std::string PrivateChats::user() const {
    MutexLock lock(_mutex);
    return _me;
}

PrivateChats::~PrivateChats() {
    closeAll();
}

int PrivateChats::listen(const Poco::Net::IPAddress& address, int port) {
    MutexLock lifecycle(_lifecycleMutex);
    if (!_listener) {
        _listener = std::make_unique<AcceptLoop>(
            address, port,
            [this](const Poco::Net::StreamSocket& socket, const Poco::Net::SocketAddress& remote) {
                onIncoming(socket, remote);
            });
    }
    return _listener->port();
}

SetupQueue PrivateChats::newQueue() const {
    return SetupQueue({_settings.maxWaitingMessages, _settings.maxWaitingBytes});
}

void PrivateChats::announce(const std::string& peer) {
    MutexLock lock(_mutex);
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(_announced, [now](const auto& entry) { return entry.second <= now; });
    if (_announced.size() >= kMaxAnnouncedPeers && !_announced.contains(peer))
        return; // More asked at once than anyone answers: their greetings just cannot wait.
    _announced[peer] = now + _settings.tokenLifetime;
}

void PrivateChats::expect(const std::string& peer, const std::string& token) {
    if (!token.empty()) {
        // Registered before the token, so that a greeting accepted at once finds the entry
        // (and adopts what waits in it); either way, once this returns, the chat is known here
        // as being set up, and the next line the user types can no longer be "not enabled".
        MutexLock lock(_mutex);
        const auto now = std::chrono::steady_clock::now();
        for (auto it = _awaited.begin(); it != _awaited.end();) {
            // Expired entries nobody typed for go quietly; one with messages has its timer.
            if (it->second->deadline <= now && it->second->queue.size() == 0 && !it->second->timed)
                it = _awaited.erase(it);
            else
                ++it;
        }
        if (!_closing && !_sessions.contains(peer)) {
            const auto deadline = now + _settings.tokenLifetime;
            AwaitedPtr& awaited = _awaited[peer];
            if (awaited)
                awaited->deadline = deadline; // A new token: the wait starts again.
            else
                awaited = std::make_shared<Awaited>(newQueue(), deadline);
        }
    }
    _tokens.expect(peer, token);
}

void PrivateChats::connect(const std::string& peer, const Poco::Net::SocketAddress& address,
                           const std::string& token) {
    _workers.reapFinished();      // Here, with no lock held: spawn() below runs under _mutex.
    FlushNotices flush(_notices); // Declared first: prints after the lock below is released.
    MutexLock lock(_mutex);
    if (_closing)
        return;
    if (auto found = _sessions.find(peer); found != _sessions.end()) {
        say("Error. Private messaging with " + peer +
            (found->second->state == PeerSession::State::Open ? " is already active"
                                                              : " is already being set up"));
        return;
    }
    const std::string failed = "Error. Could not start private messaging with " + peer + ": ";
    if (_sessions.size() >= _settings.maxSessions) {
        say(failed + "too many private sessions (at most " + std::to_string(_settings.maxSessions) +
            ")");
        return;
    }
    SessionPtr session;
    try {
        // Creating the socket here, not on the worker, lets stop() shut it down at any moment.
        session = std::make_shared<PeerSession>(
            peer, PeerSession::State::Connecting,
            std::make_shared<PeerConnection>(address, _settings.maxLineBytes), newQueue());
    } catch (const Poco::Exception& e) {
        say(failed + e.displayText());
        return;
    }
    _sessions[peer] = session;
    try {
        // Spawned under the lock so that closeAll(), which sets _closing under it, cannot miss
        // the thread when it joins them all.
        _workers.spawn([this, session, token] { runConnector(session, token); });
    } catch (const std::system_error& e) {
        _sessions.erase(peer);
        say(failed + e.what());
    }
}

bool PrivateChats::connected(std::string_view peer) const {
    MutexLock lock(_mutex);
    auto found = _sessions.find(peer);
    return found != _sessions.end() && found->second->state == PeerSession::State::Open;
}

std::vector<std::string> PrivateChats::peers() const {
    MutexLock lock(_mutex);
    std::vector<std::string> out;
    for (const auto& [peer, session] : _sessions) {
        if (session->state == PeerSession::State::Open)
            out.push_back(peer);
    }
    return out; // Sorted: the map is.
}

SendResult PrivateChats::send(std::string_view peer, std::string_view text) {
    _workers.reapFinished(); // Here, with no lock held: a timer may be spawned below.
    FlushNotices flush(_notices);
    const std::string line = PeerLine::message(std::string(text)).format();
    SessionPtr session;
    {
        MutexLock lock(_mutex);
        SetupQueue* queue = nullptr;
        AwaitedPtr awaited;
        if (auto found = _sessions.find(peer); found != _sessions.end()) {
            session = found->second;
            queue = &session->outgoing;
        } else if (auto expected = _awaited.find(peer);
                   expected != _awaited.end() &&
                   std::chrono::steady_clock::now() < expected->second->deadline) {
            awaited = expected->second;
            queue = &awaited->queue;
        } else {
            say(notEnabled(peer));
            return SendResult::NoSession;
        }
        if (line.size() > _settings.maxLineBytes) {
            // Refused here rather than sent (or kept): the peer would drop the line and the
            // session with it.
            say("Error. Private message too long (at most " +
                std::to_string(_settings.maxLineBytes - messageOverhead()) + " bytes)");
            return SendResult::TooLong;
        }
        if (awaited && !awaited->timed) {
            // Before the message is kept: without a timer, nobody would ever report it if the
            // peer never connects.
            try {
                _workers.spawn(
                    [this, name = std::string(peer), awaited] { runAwaitTimer(name, awaited); });
                awaited->timed = true;
            } catch (const std::system_error& e) {
                say("Error. Private message to " + std::string(peer) + " not sent: " + e.what());
                return SendResult::Failed;
            }
        }
        switch (queue->typed(line)) {
        case SetupQueue::Typed::SendNow:
            break;
        case SetupQueue::Typed::Queued:
            say(stillSettingUp(peer));
            return SendResult::Queued;
        case SetupQueue::Typed::QueuedBehind:
            // "Start private messaging" is out already; this one follows the others at once.
            return SendResult::Queued;
        case SetupQueue::Typed::Full:
            say("Error. Private message to " + std::string(peer) +
                " not sent: private messaging with " + std::string(peer) +
                " is still being set up, and at most " +
                std::to_string(queue->limits().maxMessages) + " messages (" +
                std::to_string(queue->limits().maxBytes) + " bytes) may wait");
            return SendResult::QueueFull;
        case SetupQueue::Typed::Over:
            say(notEnabled(peer));
            return SendResult::NoSession;
        }
        if (!session) { // SendNow comes from an open session only; never from an entry.
            say(notEnabled(peer));
            return SendResult::NoSession;
        }
    }
    if (session->connection->sendLine(line, _settings.sendTimeout))
        return SendResult::Sent;
    finish(session, couldNotSend(session->peer));
    return SendResult::Failed;
}

bool PrivateChats::stop(std::string_view peer) {
    FlushNotices flush(_notices);
    _tokens.forget(peer);
    SessionPtr session;
    bool wasOpen = false;
    {
        MutexLock lock(_mutex);
        AwaitedPtr awaited = takeAwaitedLocked(peer);
        auto found = _sessions.find(peer);
        if (found == _sessions.end()) {
            if (!awaited) {
                say(notEnabled(peer));
                return false;
            }
            // Accepted, but the peer has not connected yet: nothing to close.
            say("Stopped private messaging with " + std::string(peer));
            sayUndeliveredLocked(peer, awaited->queue);
            return true;
        }
        session = found->second;
        wasOpen = session->state == PeerSession::State::Open;
        retireLocked(session);
        say("Stopped private messaging with " + session->peer);
        sayUndeliveredLocked(session->peer, session->outgoing);
        if (awaited) // Typed for it before our own request made the session (both asked).
            sayUndeliveredLocked(peer, awaited->queue);
    }
    _notices.flush(); // Before the goodbye, which may take up to a second.
    // The session is already out of the map, so the reader, woken by the shutdown below, ends
    // silently; the STOP tells the peer why the connection closes.
    if (wasOpen)
        session->connection->sendLine(PeerLine::stop(StopReason::Stopped).format(),
                                      goodbyeTimeout(_settings));
    session->connection->shutdown();
    return true;
}

void PrivateChats::ended(std::string_view peer, std::string_view notice) {
    _tokens.forget(peer);
    SessionPtr session;
    {
        MutexLock lock(_mutex);
        AwaitedPtr awaited = takeAwaitedLocked(peer);
        auto found = _sessions.find(peer);
        if (found != _sessions.end()) {
            session = found->second;
            retireLocked(session);
            if (!notice.empty())
                say(std::string(notice));
            sayUndeliveredLocked(peer, session->outgoing);
            if (awaited) // Typed for it before our own request made the session (both asked).
                sayUndeliveredLocked(peer, awaited->queue);
        } else if (awaited && awaited->queue.size() > 0) {
            // Accepted, never connected, and the user typed for it: why it ends, and what
            // was lost. (With nothing typed, there was no session to end: nothing is said.)
            if (!notice.empty())
                say(std::string(notice));
            sayUndeliveredLocked(peer, awaited->queue);
        }
        // Otherwise already ended here, and that was printed then.
    }
    _notices.flush();
    if (session)
        session->connection->shutdown();
}

void PrivateChats::closeAll() {
    // Declared first: what is said about undelivered messages is printed once the lifecycle
    // lock is released (nothing prints under a lock), or earlier by another thread's flush.
    FlushNotices flush(_notices);
    MutexLock lifecycle(_lifecycleMutex);
    std::vector<std::pair<SessionPtr, bool>> sessions; // With "was open".
    std::vector<ConnectionPtr> greeting;
    {
        MutexLock lock(_mutex);
        _closing = true;
        for (auto& [peer, session] : _sessions) {
            session->ended = true;
            sessions.emplace_back(session, session->state == PeerSession::State::Open);
            sayUndeliveredLocked(peer, session->outgoing);
        }
        _sessions.clear();
        for (auto& [peer, awaited] : _awaited)
            sayUndeliveredLocked(peer, awaited->queue);
        _awaited.clear();
        _awaitedChanged.notifyAll(); // The timers see _closing and end.
        greeting.assign(_greeting.begin(), _greeting.end());
    }
    _tokens.cancelWaiters();
    if (_listener) {
        _listener->stop();
        _listener.reset();
    }
    for (auto& [session, wasOpen] : sessions) {
        if (wasOpen)
            session->connection->sendLine(PeerLine::stop(StopReason::Leaving).format(),
                                          goodbyeTimeout(_settings));
        session->connection->shutdown();
    }
    for (auto& connection : greeting)
        connection->shutdown();
    // Every thread is now waking up: connect attempts and reads see the shutdown, token waits
    // the cancellation, and none of them finds its session any more, so they end silently.
    _workers.joinAll();
    _tokens.reset();
    MutexLock lock(_mutex);
    _greeting.clear();
    _closing = false;
}

void PrivateChats::onIncoming(const Poco::Net::StreamSocket& socket,
                              const Poco::Net::SocketAddress& remote) {
    _workers.reapFinished();
    auto connection = std::make_shared<PeerConnection>(socket, remote, _settings.maxLineBytes);
    bool closing = false;
    bool admitted = false;
    ConnectionPtr evicted;
    {
        MutexLock lock(_mutex);
        closing = _closing;
        auto admission =
            closing ? GreetingSlots::Admission{} : _slots.admit(remote.host().toString());
        if (admission.evicted) {
            // Its place is the newcomer's: closed without a word (it said none either); its
            // thread sees the connection end and returns.
            if (auto it = _silent.find(*admission.evicted); it != _silent.end()) {
                evicted = it->second;
                _silent.erase(it);
            }
        }
        if (admission.admitted) {
            _greeting.insert(connection);
            _silent[admission.id] = connection;
            try {
                const GreetingSlots::Id slot = admission.id;
                _workers.spawn([this, connection, slot] { runAcceptor(connection, slot); });
                admitted = true;
            } catch (const std::system_error&) {
                _greeting.erase(connection);
                _silent.erase(admission.id);
                _slots.release(admission.id);
            }
        }
    }
    if (evicted)
        evicted->shutdown(); // With no lock held, like all socket calls.
    if (admitted)
        return;
    // Refused before reading anything: the accept thread must not wait for a greeting. A new
    // socket's send buffer is empty, so the FAIL line cannot block.
    if (closing)
        refuse(*connection, refusal::kClosing, "closing", {});
    else
        refuse(*connection, refusal::kBusy, "too many connections at once",
               "too many connections at once");
}

void PrivateChats::runAcceptor(const ConnectionPtr& connection, GreetingSlots::Id slot) {
    acceptGreeting(connection, slot);
    MutexLock lock(_mutex);
    _greeting.erase(connection);
    _silent.erase(slot);
    _slots.release(slot);
}

void PrivateChats::acceptGreeting(const ConnectionPtr& connection, GreetingSlots::Id slot) {
    auto received =
        connection->receiveLine(PeerConnection::Clock::now() + _settings.greetingTimeout);
    bool evicted = false;
    {
        // It spoke (or is gone): no longer a silent place a newcomer may take. Only an
        // eviction takes it out of _silent before this.
        MutexLock lock(_mutex);
        evicted = _silent.erase(slot) == 0;
        _slots.greeted(slot);
    }
    // Evicted as its greeting arrived (or closeAll()): it must not use up a token it can no
    // longer answer on.
    if (evicted || connection->isShutDown())
        return;
    switch (received.kind) {
    case Received::Kind::Closed:
        return; // Gone without a word (or closeAll()): nothing to answer or report.
    case Received::Kind::TimedOut:
        refuse(*connection, refusal::kTimeout,
               "no greeting within " + describe(_settings.greetingTimeout),
               "no greeting within " + describe(_settings.greetingTimeout));
        return;
    case Received::Kind::TooLong:
        refuse(*connection, refusal::kLineTooLong, "greeting too long", "greeting too long");
        return;
    case Received::Kind::Line:
        break;
    }
    auto hello = PeerLine::parse(received.text);
    if (!hello || hello->type != PeerLine::Type::Hello) {
        refuse(*connection, refusal::kBadHello,
               "expected: HELLO " + std::string(kPeerProtocol) + " from=<user> token=<token>",
               "invalid greeting");
        return;
    }
    const std::string& peer = hello->name;
    // Only a peer the server said asked us may wait for its token (announce()).
    std::chrono::milliseconds wait{0};
    {
        MutexLock lock(_mutex);
        auto announced = _announced.find(peer);
        if (announced != _announced.end() && announced->second > std::chrono::steady_clock::now())
            wait = _settings.tokenWait;
    }
    switch (_tokens.claim(peer, hello->token, wait)) {
    case PendingTokens::Claim::Accepted:
        break;
    case PendingTokens::Claim::Cancelled:
        refuse(*connection, refusal::kClosing, "closing", {});
        return;
    case PendingTokens::Claim::UnknownToken:
        refuse(*connection, refusal::kBadToken, "unknown or expired token",
               shortPrintable(peer) + " presented an unknown or expired token");
        return;
    case PendingTokens::Claim::AlreadyUsed:
        refuse(*connection, refusal::kTokenUsed, "token already used",
               shortPrintable(peer) + " presented a token that was already used");
        return;
    case PendingTokens::Claim::WrongUser:
        refuse(*connection, refusal::kWrongUser,
               "the token was not issued to " + shortPrintable(peer),
               "the token " + shortPrintable(peer) + " presented was issued to someone else");
        return;
    }

    SessionPtr session;
    AwaitedPtr lost; // The token is used up: what waited for this peer can never go out.
    std::string_view code;
    std::string why;
    {
        MutexLock lock(_mutex);
        if (_closing) {
            code = refusal::kClosing;
        } else if (_sessions.contains(peer)) {
            code = refusal::kAlreadyConnected;
            why = "already in a private session with " + peer;
        } else if (_sessions.size() >= _settings.maxSessions) {
            code = refusal::kSessionLimit;
            why =
                "too many private sessions (at most " + std::to_string(_settings.maxSessions) + ")";
            lost = takeAwaitedLocked(peer);
        } else {
            // What the user typed since accepting goes with the session, to be written once
            // our OK is out.
            SetupQueue waiting = newQueue();
            if (AwaitedPtr awaited = takeAwaitedLocked(peer))
                waiting = std::move(awaited->queue);
            session = std::make_shared<PeerSession>(peer, PeerSession::State::Accepting, connection,
                                                    std::move(waiting));
            _sessions[peer] = session;
        }
    }
    if (!session) {
        refuse(*connection, code, code == refusal::kClosing ? "closing" : why, why);
        if (lost) {
            {
                MutexLock lock(_mutex);
                sayUndeliveredLocked(peer, lost->queue);
            }
            _notices.flush();
        }
        return;
    }
    // The session is reserved (one per peer, maxSessions) before the OK goes out, but opened
    // only after: our own send() must not write a MSG ahead of the OK (it keeps it meanwhile).
    if (!connection->sendLine(PeerLine::accepted(user()).format(), _settings.sendTimeout)) {
        finish(session,
               "Error. Could not start private messaging with " + peer + ": the connection broke");
        return;
    }
    {
        MutexLock lock(_mutex);
        if (session->ended)
            return; // stop(), ended() or closeAll() came first.
        session->state = PeerSession::State::Open;
        session->outgoing.connected();
        say("Start private messaging with " + peer);
    }
    _notices.flush();
    {
        MutexLock lock(_mutex);
        _greeting.erase(connection); // The handshake is over; it no longer counts as one.
        _slots.release(slot);
    }
    if (deliverWaiting(session))
        readMessages(session);
}

void PrivateChats::runConnector(const SessionPtr& session, const std::string& token) {
    PeerConnection& connection = *session->connection;
    const std::string& peer = session->peer;
    const std::string failed = "Error. Could not start private messaging with " + peer + ": ";
    if (auto error = connection.connect(_settings.connectTimeout)) {
        finish(session, failed + *error); // Silent if stop() cancelled it.
        return;
    }
    if (!connection.sendLine(PeerLine::hello(user(), token).format(), _settings.sendTimeout)) {
        finish(session, failed + "the connection broke");
        return;
    }
    // The acceptor may hold our greeting up to its tokenWait while the server's token reaches
    // it, so the answer is awaited that long on top of the handshake timeout.
    auto received = connection.receiveLine(PeerConnection::Clock::now() +
                                           _settings.handshakeTimeout + _settings.tokenWait);
    if (received.kind == Received::Kind::TimedOut) {
        finish(session, failed + "no answer from " + peer);
        return;
    }
    if (received.kind == Received::Kind::Closed) {
        finish(session, failed + "the connection was closed");
        return;
    }
    auto answer =
        received.kind == Received::Kind::Line ? PeerLine::parse(received.text) : std::nullopt;
    if (answer && answer->type == PeerLine::Type::Refused) {
        finish(session, failed + peer + " refused (" + shortPrintable(answer->code) + ": " +
                            shortPrintable(answer->text, 160) + ")");
        return;
    }
    if (!answer || answer->type != PeerLine::Type::Accepted) {
        finish(session, failed + "invalid answer");
        return;
    }
    if (answer->name != peer) {
        // The address no longer belongs to that user (it logged out and another client took
        // the port): never talk to the wrong person.
        finish(session, failed + "the answer came from " + shortPrintable(answer->name));
        return;
    }
    {
        MutexLock lock(_mutex);
        if (session->ended)
            return;
        session->state = PeerSession::State::Open;
        session->outgoing.connected();
        say("Start private messaging with " + peer);
    }
    _notices.flush();
    if (deliverWaiting(session))
        readMessages(session);
}

bool PrivateChats::deliverWaiting(const SessionPtr& session) {
    // Written before the first read: the peer's messages wait in the socket meanwhile, which
    // is why what may wait is small (ChatSettings::maxWaitingBytes). The user's own send()
    // keeps its messages behind these until takeNext() finds none left.
    for (;;) {
        std::optional<std::string> line;
        {
            MutexLock lock(_mutex);
            if (session->ended)
                return false; // Whoever ended it reported what was still waiting.
            line = session->outgoing.takeNext();
        }
        if (!line)
            return true; // Open: the user's sends now go out directly.
        if (!session->connection->sendLine(*line, _settings.sendTimeout)) {
            finish(session, couldNotSend(session->peer)); // And how many more were lost.
            return false;
        }
    }
}

void PrivateChats::runAwaitTimer(const std::string& peer, const AwaitedPtr& awaited) {
    {
        MutexLock lock(_mutex);
        for (;;) {
            auto found = _awaited.find(peer);
            if (_closing || found == _awaited.end() || found->second != awaited)
                break; // Connected (the session has the messages), ended, or closing.
            if (std::chrono::steady_clock::now() >= awaited->deadline) {
                // The token has expired: a greeting would now be refused.
                _awaited.erase(found);
                say("Error. Could not start private messaging with " + peer + ": " + peer +
                    " did not connect within " + describe(_settings.tokenLifetime));
                sayUndeliveredLocked(peer, awaited->queue);
                break;
            }
            // The deadline is read again on waking: expect() may have moved it.
            const auto deadline = awaited->deadline;
            _awaitedChanged.waitUntil(_mutex, deadline);
        }
    }
    _notices.flush();
}

PrivateChats::AwaitedPtr PrivateChats::takeAwaitedLocked(std::string_view peer) {
    auto found = _awaited.find(peer);
    if (found == _awaited.end())
        return nullptr;
    AwaitedPtr awaited = std::move(found->second);
    _awaited.erase(found);
    _awaitedChanged.notifyAll();
    return awaited;
}

void PrivateChats::sayUndeliveredLocked(std::string_view peer, SetupQueue& queue) {
    if (const std::size_t count = queue.abandon(); count > 0)
        say(undelivered(peer, count));
}

void PrivateChats::readMessages(const SessionPtr& session) {
    const std::string& peer = session->peer;
    for (;;) {
        auto received = session->connection->receiveLine();
        if (received.kind == Received::Kind::TooLong) {
            finish(session, "Private messaging with " + peer + " closed: " + peer +
                                " sent a line longer than " +
                                std::to_string(_settings.maxLineBytes) + " bytes");
            return;
        }
        if (received.kind != Received::Kind::Line) {
            finish(session, "Private messaging with " + peer + " ended");
            return;
        }
        auto line = PeerLine::parse(received.text);
        if (line && line->type == PeerLine::Type::Message) {
            {
                // Decided under the mutex, like the session's end, so that a message can never
                // be printed after the notice that its session ended.
                MutexLock lock(_mutex);
                if (!session->ended)
                    say(peer + "(private): " + withValidUtf8(line->text));
            }
            _notices.flush();
            continue;
        }
        if (line && line->type == PeerLine::Type::Stop) {
            finish(session, line->reason == StopReason::Leaving
                                ? "Private messaging with " + peer + " ended: " + peer + " left"
                                : peer + " stopped private messaging");
            return;
        }
        finish(session,
               "Private messaging with " + peer + " closed: " + peer + " sent an invalid line");
        return;
    }
}

void PrivateChats::finish(const SessionPtr& session, std::string_view notice) {
    {
        MutexLock lock(_mutex);
        // Queued under the lock so that a session's notices come out in the order of its
        // state changes ("Start ..." can never follow its own end); printed after it.
        if (retireLocked(session)) {
            if (!notice.empty())
                say(std::string(notice));
            sayUndeliveredLocked(session->peer, session->outgoing);
        }
    }
    _notices.flush();
    session->connection->shutdown();
}

bool PrivateChats::retireLocked(const SessionPtr& session) {
    auto found = _sessions.find(session->peer);
    if (found == _sessions.end() || found->second != session)
        return false;
    _sessions.erase(found);
    session->ended = true;
    return true;
}

void PrivateChats::refuse(PeerConnection& connection, std::string_view code,
                          const std::string& reason, const std::string& note) {
    connection.sendLine(PeerLine::refused(code, reason).format(), goodbyeTimeout(_settings));
    connection.shutdown();
    if (note.empty())
        return;
    std::optional<std::string> line;
    {
        MutexLock lock(_mutex);
        line = _refusalNotes.note("Refused a private messaging connection from " +
                                      connection.remote() + ": " + note,
                                  RefusalNotes::Clock::now());
    }
    if (line) {
        say(std::move(*line));
        _notices.flush();
    }
}

} // namespace toom::p2p::chat
