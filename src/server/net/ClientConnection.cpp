#include "server/net/ClientConnection.h"

#include "common/Protocol.h"
#include "common/Text.h"
#include "common/Utf8.h"
#include "common/Version.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace toom {

namespace {
// How long a closing connection may take to drain its last lines before it is cut.
constexpr std::chrono::seconds kCloseGrace{2};
constexpr std::size_t kReadChunk = 16 * 1024;
// Cap on one send(): keeps one huge backlog from monopolising the loop.
constexpr std::size_t kWriteChunk = 256 * 1024;
// Replies waiting for their commit, at most: beyond that the next line waits (a client that
// pipelines writes is slowed to the disk's pace, and the held replies stay bounded).
constexpr std::size_t kMaxHeldReplies = 64;

/// One read buffer per loop thread, not one per connection: an idle connection holds no
/// buffer at all (LineFramer keeps only a partial line).
thread_local char tReadBuffer[kReadChunk];
thread_local std::vector<FramedLine> tFramed;

ServerLine closingNotice(CloseReason reason) {
    switch (reason) {
    case CloseReason::IdleTimeout:
        return ServerLine::event(std::string(ev::kTimeout))
            .say("You have been logged out due to inactivity");
    case CloseReason::LoginTimeout:
        return ServerLine::event(std::string(ev::kClosing))
            .with("reason", "login_timeout")
            .say("Closing: no login within the time allowed");
    case CloseReason::Shutdown:
        return ServerLine::event(std::string(ev::kShutdown))
            .say("The server is shutting down. Goodbye!");
    case CloseReason::TakenOver:
        return ServerLine::event(std::string(ev::kClosing))
            .with("reason", "takeover")
            .say("You have logged in from another connection; this one is closed");
    case CloseReason::Displaced:
        return ServerLine::event(std::string(ev::kClosing))
            .with("reason", "server_full")
            .say("Closing: the server is full, and connections that have not logged in make "
                 "room for new ones");
    default:
        return {};
    }
}
} // namespace

// Why keep Poco's socket object rather than a raw descriptor: its implementation is shared,
// by a reference count, with the copy Poco's acceptor thread holds until its enqueue returns.
// Whoever releases last closes and frees it. Held here until the connection ends, the last
// release is (in practice always) on this loop's thread, so the close never happens on the
// acceptor thread while this loop still reads the descriptor.
namespace {
LoginFlow::Guards loginGuards(ServerContext& context) {
    LoginFlow::Guards guards;
    guards.isCommandName = [&registry = context.registry](std::string_view name) {
        return registry.find(name) != nullptr;
    };
    guards.registrations = context.registrations;
    return guards;
}
} // namespace

ClientConnection::ClientConnection(const Poco::Net::StreamSocket& socket,
                                   std::shared_ptr<Session> session, ServerContext& context,
                                   std::unique_ptr<TlsChannel> tls)
    : _socket(socket)
    , _fd(_socket.impl()->sockfd())
    , _tls(std::move(tls))
    , _handshakeDeadline(std::chrono::steady_clock::now() + context.tlsHandshakeTimeout)
    , _context(context)
    , _session(std::move(session))
    , _login(std::make_shared<LoginFlow>(context.services, context.limiter, _session,
                                         _session->address(), loginGuards(context)))
    , _framer(context.services.settings.maxLineBytes)
    , _flood(context.flood.linesPerSecond, context.flood.burst) {
    const ServerSettings& settings = _context.services.settings;
    ServerLine hello(LineKind::Hello, std::string(protocol::kNameAndVersion));
    hello.with("profile", settings.profile.name)
        .with("server", "toom-server/" + std::string(kVersion))
        .with("max_line", static_cast<std::int64_t>(settings.maxLineBytes))
        .with("registration", settings.selfRegistration ? 1 : 0)
        .say(_context.helloText);
    _session->queueReply(hello.format() + '\n');
    // Until the welcome is queued (a login step may finish on a worker thread, after the user
    // is online already), nothing pushed to this session may go out before it.
    _session->deferPushes();
    _countedAsPrelogin = _context.prelogin != nullptr;
}

void ClientConnection::releasePrelogin() {
    if (!_countedAsPrelogin)
        return;
    _countedAsPrelogin = false;
    _context.prelogin->release(_fd);
}

ClientConnection::~ClientConnection() {
    try {
        finish();
    } catch (const std::exception& e) {
        _context.log.warning("connection cleanup: %s", std::string(e.what()));
    }
    if (_tls)
        _tls->close();
    try {
        _socket.shutdown();
    } catch (...) {
        // Already gone.
    }
    try {
        _socket.close();
    } catch (...) {
        // Nothing left to release.
    }
    _context.admitted.fetch_sub(1);
}

void ClientConnection::abandon() {
    finish();
}

LoopInterest ClientConnection::handle(const LoopEvents& events, SteadyTime now) {
    // Acknowledge first, look second: a push made after this line tells the loop again.
    _session->takeNotice();
    if (events.broken)
        return finished();
    bool readable = events.readable;
    if (_tls) {
        if (!_tls->established()) {
            if (auto waiting = continueHandshake(now))
                return *waiting;
            readable = true; // The client's first records may have come with its last one.
        }
        // Bytes OpenSSL holds already, or a read that waited for room to write.
        readable = readable || _tls->buffered() || (_tlsReadNeedsWrite && events.writable);
    }
    if (readable && !_closing && _queued.empty() && roomForReply()) {
        if (!readOnce())
            return finished();
    }
    return advance(now);
}

// Why a deadline of its own: a stranger who connects and sends nothing, or half a handshake,
// would otherwise hold a TLS session until the login timeout (and forever where that is off).
// The handshake costs this loop a few hundred microseconds of CPU per client, which is why
// the pre-login cap per address (counted from admission, like a plain connection) matters.
std::optional<LoopInterest> ClientConnection::continueHandshake(SteadyTime now) {
    const std::string address = _session->address();
    if (_session->closeRequested() != CloseReason::None)
        return finished(); // Shutdown, or the login timeout: there is no session to tell.
    if (now >= _handshakeDeadline) {
        _context.log.debug("TLS handshake with %s: no handshake within the time allowed", address);
        return finished();
    }
    LoopInterest interest;
    switch (_tls->handshake()) {
    case TlsChannel::Status::Done:
        return std::nullopt;
    case TlsChannel::Status::WantRead:
        interest.read = true;
        break;
    case TlsChannel::Status::WantWrite:
        interest.write = true;
        break;
    default:
        _context.log.debug("TLS handshake with %s failed: %s", address, _tls->error());
        return finished();
    }
    interest.wakeAt = _handshakeDeadline;
    return interest;
}

bool ClientConnection::readOnce() {
    ssize_t n = 0;
    if (_tls) {
        const TlsChannel::Result got = _tls->read(tReadBuffer, sizeof tReadBuffer);
        _tlsReadNeedsWrite = got.status == TlsChannel::Status::WantWrite;
        switch (got.status) {
        case TlsChannel::Status::Done:
            n = static_cast<ssize_t>(got.bytes);
            break;
        case TlsChannel::Status::Closed:
            n = 0;
            break;
        case TlsChannel::Status::Failed:
            _context.log.debug("TLS with %s failed: %s", _session->address(), _tls->error());
            return false;
        default:
            return true; // Nothing yet.
        }
    } else {
        n = ::recv(_fd, tReadBuffer, sizeof tReadBuffer, 0);
    }
    if (n == 0) {
        // The client finished sending. What it sent before is served already (reading waits
        // until the queue is empty); close now.
        _session->requestClose(CloseReason::PeerClosed);
        return true;
    }
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    tFramed.clear();
    _framer.feed(std::string_view(tReadBuffer, static_cast<std::size_t>(n)), tFramed);
    for (auto& line : tFramed)
        _queued.push_back(std::move(line));
    return true;
}

LoopInterest ClientConnection::advance(SteadyTime now) {
    releaseCommitted();
    finishLoginStep();
    if (!_closing && _session->closeRequested() == CloseReason::None) {
        serveQueued(now);
        deliverStoredSlice();
    }
    // A close waits for the held replies (their commits take a moment), so that an OK given
    // before a LOGOUT still reaches the client, and for a login step on the workers (a script
    // that sends its name and password and hangs up still hears the answer); not when it
    // stopped reading.
    const CloseReason asked = _session->closeRequested();
    if (!_closing && asked != CloseReason::None &&
        ((_held.empty() && !_loginStep) || asked == CloseReason::Overflow)) {
        beginClose(_session->closeRequested(), now);
        if (_closeReason == CloseReason::Overflow)
            return finished(); // It is not reading; there is nothing to drain.
    }
    if (!flush())
        return finished();
    const bool drained = _writing.empty() && _session->queuedBytes() == 0;
    if (_closing && (drained || now >= _closeDeadline))
        return finished();

    LoopInterest interest;
    // Stop reading requests while this client's own backlog is high: its replies would only
    // pile up (the InspIRCd "soft sendq" rule). Nor while earlier lines wait to be served
    // (flood control, a held password answer): TCP pushes back on the client meanwhile.
    interest.read = !_closing && _queued.empty() && roomForReply();
    interest.write = !_writing.empty();
    if (_tls) {
        // A write that waits for the client's records waits for readable, not writable: the
        // socket is writable all along, and asking for it would spin.
        interest.read = interest.read || _tlsWriteNeedsRead;
        interest.write = (interest.write && !_tlsWriteNeedsRead) || _tlsReadNeedsWrite;
        if (interest.read && _tls->buffered())
            interest.again = true;
    }
    if (_closing)
        interest.wakeAt = _closeDeadline;
    else if (_heldUntil)
        interest.wakeAt = *_heldUntil;
    // Work that waited only for the backlog to fall (pipelined requests, stored messages)
    // goes on in the next turn when the flush above made room; other connections come first.
    // Held replies need nothing: the store writer nudges the session when they are committed.
    // Nor while a login step is on the workers: its job nudges the session when it is done.
    interest.again = !_closing && !_heldUntil && !_loginStep && roomForReply() &&
                     _held.size() < kMaxHeldReplies &&
                     (!_queued.empty() || ((_storedPending || !_backlog.empty()) &&
                                           _session->loggedIn() && _held.empty()));
    return interest;
}

std::chrono::microseconds ClientConnection::holdFor(const FramedLine& line, SteadyTime now) {
    const std::string_view text = trim(line.text);
    if (line.kind == FramedLine::Kind::Line && text.empty())
        return std::chrono::microseconds{0}; // Blank lines are not requests: free.
    std::chrono::microseconds delay{0};
    double cost = _context.flood.unknownCommandCost; // An over-long line.
    if (line.kind == FramedLine::Kind::Line) {
        if (_session->loggedIn() || _login->step() == LoginFlow::Step::Username) {
            cost = _context.registry.floodCost(text, _context.flood.unknownCommandCost);
            if (!_session->loggedIn() && WordCursor(text).size() == 1)
                cost = 1; // A username.
        } else {
            cost = 1; // A password.
            // A password answer for a username under attack from many addresses waits
            // (LoginLimiter::answerDelay).
            delay = _login->answerDelay();
        }
    }
    // Flood control: charged once per line, when it comes up to be served.
    return std::max(delay, _flood.charge(cost, now));
}

bool ClientConnection::roomForReply() const {
    return _session->queuedBytes() < _context.services.settings.maxOutboundBytes / 2;
}

void ClientConnection::deliverStoredSlice() {
    // After the welcome: not while it (or any reply) is still held.
    if ((!_storedPending && _backlog.empty()) || !_session->loggedIn() || !roomForReply() ||
        !_held.empty())
        return;
    if (_storedPending) {
        const auto slice = _context.services.privateMessages.deliverStored(
            _session->username(), _context.services.settings.replyByteBudget());
        _storedPending = slice.more;
        return; // The backlog, if any, in a later turn: once the queue is under half again.
    }
    // At most a quarter of the queue (LoginFlow::gatherBacklog), pushed while it is under half:
    // it never overflows it. Pushed, not queued as a reply: events that came meanwhile stay in
    // order around it.
    _session->push(_backlog);
    _backlog.clear();
    _backlog.shrink_to_fit();
}

void ClientConnection::serveQueued(SteadyTime now) {
    while (!_queued.empty()) {
        if (_session->closeRequested() != CloseReason::None)
            return; // advance() begins the close and drops the rest.
        if (_loginStep)
            return; // The next line waits for the login step's answer (finishLoginStep).
        if (!roomForReply())
            return; // Flushed, and served as the client reads.
        if (_held.size() >= kMaxHeldReplies)
            return; // Served when the store writer has caught up (it nudges the session).
        if (_heldUntil) {
            if (now < *_heldUntil)
                return; // Still held: the loop calls again at that time.
            _heldUntil.reset();
        } else if (const auto delay = holdFor(_queued.front(), now); delay.count() > 0) {
            // The wait holds no thread: the loop serves everyone else meanwhile and calls this
            // connection again when the time comes (or when it is asked to close). Only the
            // waiting connection is slowed, and it is read no further meanwhile.
            _heldUntil = now + delay;
            return;
        }
        FramedLine line = std::move(_queued.front());
        _queued.pop_front();
        handleLine(line);
    }
}

void ClientConnection::handleLine(const FramedLine& line) {
    const ServerSettings& settings = _context.services.settings;
    if (line.kind == FramedLine::Kind::TooLong) {
        ServerLine fail = ServerLine::fail("*", std::string(err::kLineTooLong));
        fail.with("max_line", static_cast<std::int64_t>(settings.maxLineBytes))
            .say("Line too long: the limit is " + std::to_string(settings.maxLineBytes) + " bytes");
        reply(fail.format() + '\n');
        return;
    }
    if (!isValidUtf8(line.text)) {
        ServerLine fail = ServerLine::fail("*", std::string(err::kInvalidUtf8));
        fail.say("The line is not valid UTF-8 text; it was ignored");
        reply(fail.format() + '\n');
        return;
    }
    std::string_view text = trim(line.text);
    if (text.empty())
        return; // Blank lines are not requests.
    const bool wasLoggedIn = _session->loggedIn();
    if (!wasLoggedIn && startLoginStep(text))
        return;
    const StoreWriter::Ticket before = StoreWriter::lastOnThisThread();
    const Reply answer = handleRequest(text);
    // Before login nothing is held: a new account is written through (the registration's OK
    // is durable already), and the login history need not be, so the welcome comes first and
    // nothing pushed to the new session can overtake it.
    reply(answer, before, wasLoggedIn ? StoreWriter::lastOnThisThread() : before);
    if (!wasLoggedIn && _session->loggedIn())
        loggedIn();
}

void ClientConnection::loggedIn() {
    _session->openToPushes();
    releasePrelogin(); // Logged in: no longer a stranger's connection.
    // Messages that waited for this user follow the welcome, oldest first, a slice at a time;
    // then what they missed on the board and in their rooms.
    _storedPending = true;
    _backlog = _login->takeBacklog();
    deliverStoredSlice();
}

// Why a login step leaves the loop: checking a password is PBKDF2 (milliseconds of CPU by
// design), and a username or a new account needs the store (a read that waits for pending
// account writes; a registration that waits for its commit). On a loop that time would be
// everyone else's latency; on the workers it is only this client's.
bool ClientConnection::startLoginStep(std::string_view text) {
    WorkerPool* workers = _context.workers;
    if (!workers)
        return false;
    const bool usernameStep = _login->step() == LoginFlow::Step::Username;
    if (usernameStep) {
        WordCursor words(text);
        if (words.size() > 1 && _context.registry.find(words.word(0)))
            return false; // A command before login (handleRequest): served here.
    }
    auto step = std::make_shared<LoginStep>();
    auto job = [step, login = _login, session = _session, services = &_context.services,
                line = std::string(text), udpPort = _session->udpPort(),
                chatPort = _session->chatPort(), verb = usernameStep ? "USER" : "PASS"] {
        Reply answer(verb);
        try {
            answer = login->handle(line, udpPort, chatPort);
        } catch (const std::exception& e) {
            Poco::Logger::get("toom.server").error("login step failed: %s", std::string(e.what()));
            answer = Reply(verb);
            answer.fail(err::kInternal).say("Internal error; please try again");
        }
        bool undo = false;
        {
            MutexLock lock(step->mutex);
            step->answer = std::move(answer);
            step->done = true;
            undo = step->abandoned && login->loggedIn();
        }
        // The connection ended while this ran: a login that succeeded meanwhile has no
        // connection left to log it out, so it is undone here.
        if (undo)
            services->presence.leaveSession(login->username(), *session, CloseReason::PeerClosed);
        else
            session->nudge();
    };
    if (!workers->trySubmit(std::move(job))) {
        Reply busy(usernameStep ? "USER" : "PASS");
        busy.fail(err::kServerBusy)
            .say("The server is busy with other logins; please send that line again");
        reply(busy.wire());
        return true;
    }
    _loginStep = std::move(step);
    return true;
}

void ClientConnection::finishLoginStep() {
    if (!_loginStep)
        return;
    Reply answer("USER");
    {
        MutexLock lock(_loginStep->mutex);
        if (!_loginStep->done)
            return;
        answer = std::move(_loginStep->answer);
    }
    _loginStep.reset();
    reply(answer.wire());
    if (_login->loggedIn()) {
        _session->markLoggedIn(_login->username());
        loggedIn();
    }
}

void ClientConnection::reply(std::string wire) {
    if (_held.empty()) {
        _session->queueReply(wire);
        return;
    }
    HeldReply behind;
    behind.commit = std::make_shared<HeldReply::Commit>();
    behind.commit->done = true; // Nothing of its own to wait for; only its turn.
    behind.wire = std::move(wire);
    _held.push_back(std::move(behind));
}

void ClientConnection::reply(const Reply& answer, StoreWriter::Ticket before,
                             StoreWriter::Ticket last) {
    StoreWriter* writer = _context.writer;
    if (!writer || last <= before) {
        reply(answer.wire());
        return;
    }
    HeldReply held;
    held.commit = std::make_shared<HeldReply::Commit>();
    held.verb = answer.verb();
    held.wire = answer.wire();
    // The callback may run at once (already committed) or later on the writer's thread; it only
    // records the outcome and nudges the session, whose loop then releases the reply.
    writer->whenCommitted(
        before, last, [commit = held.commit, session = std::weak_ptr<Session>(_session)](bool ok) {
            commit->ok = ok;
            commit->done = true;
            if (auto alive = session.lock())
                alive->nudge();
        });
    _held.push_back(std::move(held));
    releaseCommitted();
}

void ClientConnection::releaseCommitted() {
    while (!_held.empty() && _held.front().commit->done.load()) {
        HeldReply& front = _held.front();
        if (front.commit->ok.load()) {
            _session->queueReply(front.wire);
        } else {
            Reply failed(front.verb.empty() ? std::string("*") : front.verb);
            failed.fail(err::kStoreFailed)
                .say("Done, but the server could not save it: it may be lost if the server "
                     "restarts");
            _session->queueReply(failed.wire());
        }
        _held.pop_front();
    }
}

Reply ClientConnection::handleRequest(std::string_view text) {
    Services& services = _context.services;
    if (_session->loggedIn()) {
        Reply reply = _context.registry.dispatch(text, services, *_session);
        if (services.settings.consoleAudit)
            services.audit.information("%s issued %s command", _session->username(),
                                       WordCursor(text).word(0));
        return reply;
    }
    // Before login a line is a username or a password, except that in the username step a line
    // of several words that starts with a command name is that command (UDPPORT runs, the others
    // answer LOGIN_REQUIRED): usernames contain no spaces, so the two never collide.
    if (_login->step() == LoginFlow::Step::Username) {
        WordCursor words(text);
        if (words.size() > 1 && _context.registry.find(words.word(0)))
            return _context.registry.dispatch(text, services, *_session);
    }
    Reply reply = _login->handle(text, _session->udpPort(), _session->chatPort());
    if (_login->loggedIn())
        _session->markLoggedIn(_login->username());
    return reply;
}

void ClientConnection::beginClose(CloseReason reason, SteadyTime now) {
    _closing = true;
    _closeReason = reason;
    _closeDeadline = now + kCloseGrace;
    _queued.clear(); // Lines after a logout (or a timeout) are not served.
    _heldUntil.reset();
    ServerLine notice = closingNotice(reason);
    _session->seal(notice.verb().empty() ? std::string() : notice.format() + '\n');
    logOut(reason);
}

void ClientConnection::logOut(CloseReason reason) {
    if (!_session->loggedIn())
        return;
    _user = _session->username();
    // Only this connection's own session: after a takeover the user is online elsewhere.
    _context.services.presence.leaveSession(_session->username(), *_session, reason);
    _session->markLoggedOut();
}

bool ClientConnection::flush() {
    for (;;) {
        if (_writeOffset == _writing.size()) {
            _writing.clear();
            _writeOffset = 0;
            if (!_session->takePending(_writing)) {
                // Nothing waits: give the memory back unless it is small (an idle connection
                // should cost a few hundred bytes, not its largest burst).
                if (_writing.capacity() > 4096)
                    std::string().swap(_writing);
                return true;
            }
        }
        const std::size_t length = std::min(kWriteChunk, _writing.size() - _writeOffset);
        const ssize_t n = sendSome(length);
        if (n < 0)
            return false;
        if (n == 0)
            return true; // The socket would block: the loop calls again.
        _writeOffset += static_cast<std::size_t>(n);
        _session->sent(static_cast<std::size_t>(n));
    }
}

ssize_t ClientConnection::sendSome(std::size_t length) {
    const char* data = _writing.data() + _writeOffset;
    if (_tls) {
        const TlsChannel::Result sent = _tls->write(data, length);
        _tlsWriteNeedsRead = sent.status == TlsChannel::Status::WantRead;
        switch (sent.status) {
        case TlsChannel::Status::Done:
            return static_cast<ssize_t>(sent.bytes);
        case TlsChannel::Status::WantRead:
        case TlsChannel::Status::WantWrite:
            return 0;
        default:
            return -1;
        }
    }
    for (;;) {
        const ssize_t n = ::send(_fd, data, length, MSG_NOSIGNAL);
        if (n >= 0)
            return n;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

LoopInterest ClientConnection::finished() {
    finish();
    LoopInterest interest;
    interest.finished = true;
    return interest;
}

void ClientConnection::finish() {
    if (_finished)
        return;
    _finished = true;
    // Whatever happened, the user is no longer online and the connection is forgotten.
    CloseReason reason = _closeReason;
    if (reason == CloseReason::None)
        reason = _session->closeRequested(); // Abandoned at shutdown, say.
    if (reason == CloseReason::None)
        reason = CloseReason::PeerClosed;
    if (_loginStep) {
        // A login step still on the workers undoes its own success (see startLoginStep); one
        // that is back already and succeeded is logged out below like any session.
        bool done = false;
        {
            MutexLock lock(_loginStep->mutex);
            _loginStep->abandoned = true;
            done = _loginStep->done;
        }
        if (done && _login->loggedIn() && !_session->loggedIn())
            _session->markLoggedIn(_login->username());
        _loginStep.reset();
    }
    logOut(reason);
    releasePrelogin();
    logDisconnect(reason);
    _context.connections.remove(_session);
}

void ClientConnection::logDisconnect(CloseReason reason) {
    // A logout is the user's own choice and already audited; every other end of a logged-in
    // session is worth a line for the operator (who vanished, who was dropped and why).
    if (_user.empty() || reason == CloseReason::Logout)
        return;
    const char* why = "connection lost without logging out";
    switch (reason) {
    case CloseReason::IdleTimeout:
        why = "logged out for inactivity";
        break;
    case CloseReason::Shutdown:
        why = "server shutting down";
        break;
    case CloseReason::TakenOver:
        why = "the user logged in again from another connection";
        break;
    case CloseReason::Overflow:
        why = "dropped: stopped reading (outbound queue full)";
        break;
    default:
        break;
    }
    const std::string address = _session->address();
    if (reason == CloseReason::Overflow)
        _context.log.warning("%s from %s disconnected: %s", _user, address, std::string(why));
    else
        _context.log.information("%s from %s disconnected: %s", _user, address, std::string(why));
}

} // namespace toom
