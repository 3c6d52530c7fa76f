#include "server/net/ClientHandler.h"

#include "common/LineFramer.h"
#include "common/Protocol.h"
#include "common/Text.h"
#include "common/Utf8.h"
#include "common/Version.h"

#include <Poco/Logger.h>
#include <Poco/Net/NetException.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace toom {

namespace {
// How long a closing connection may take to drain its last lines before it is cut.
const Poco::Timespan kCloseGrace(2, 0);
constexpr std::size_t kReadChunk = 16 * 1024;
// Cap on one write(): keeps one huge backlog from monopolising the loop.
constexpr std::size_t kWriteChunk = 256 * 1024;

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
    default:
        return {};
    }
}
} // namespace

bool applyKeepAlive(int fd, int idleSeconds, int intervalSeconds, int probes) {
    const int on = idleSeconds > 0 ? 1 : 0;
    if (::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0)
        return false;
    if (!on)
        return true;
    const int interval = std::max(1, intervalSeconds);
    const int count = std::max(1, probes);
    return ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idleSeconds, sizeof idleSeconds) == 0 &&
           ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval) == 0 &&
           ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count) == 0;
}

ClientHandler::ClientHandler(const Poco::Net::StreamSocket& socket, ServerContext& context)
    : Poco::Net::TCPServerConnection(socket)
    , _context(context)
    , _flood(context.flood.linesPerSecond, context.flood.burst) {}

ClientHandler::~ClientHandler() {
    _context.admitted.fetch_sub(1);
}

void ClientHandler::run() {
    try {
        serve();
    } catch (const Poco::Exception& e) {
        _context.log.warning("connection error: %s", e.displayText());
    } catch (const std::exception& e) {
        _context.log.warning("connection error: %s", std::string(e.what()));
    }
    // Whatever happened, the user is no longer online and the connection is forgotten.
    if (_session) {
        const CloseReason reason =
            _closeReason == CloseReason::None ? CloseReason::PeerClosed : _closeReason;
        if (_session->loggedIn()) {
            _user = _session->username();
            _context.services.presence.leaveSession(_session->username(), *_session, reason);
            _session->markLoggedOut();
        }
        logDisconnect(reason);
        _context.connections.remove(_session);
    }
    // Shut down and close here, in the thread that read and wrote the socket. Otherwise the last
    // reference to the socket may be the acceptor thread's copy (Poco's TCPServer keeps one until
    // enqueue returns), and close() would run there, ordered against this thread's recv() only by
    // Poco's reference count, which ThreadSanitizer cannot see in the uninstrumented library.
    try {
        socket().shutdown();
    } catch (...) {
        // Already gone.
    }
    try {
        socket().close();
    } catch (...) {
        // Nothing left to release.
    }
}

void ClientHandler::serve() {
    Poco::Net::StreamSocket& sock = socket();
    sock.setNoDelay(true);
    sock.setBlocking(false);
    if (_context.services.settings.socketSendBufferBytes > 0)
        sock.setSendBufferSize(_context.services.settings.socketSendBufferBytes);
    const int fd = sock.impl()->sockfd();
    const ServerSettings& settings = _context.services.settings;
    if (!applyKeepAlive(fd, settings.tcpKeepAliveIdleSeconds, settings.tcpKeepAliveIntervalSeconds,
                        settings.tcpKeepAliveProbes))
        _context.log.warning("could not set TCP keepalive: %s", std::string(std::strerror(errno)));

    _session = std::make_shared<Session>(sock.peerAddress().host().toString(),
                                         settings.maxOutboundBytes, _context.services.clock);
    _context.connections.add(_session);
    _login = std::make_unique<LoginFlow>(_context.services, _context.limiter, _session,
                                         _session->address());

    ServerLine hello(LineKind::Hello, std::string(protocol::kNameAndVersion));
    hello.with("profile", settings.profile.name)
        .with("server", "toom-server/" + std::string(kVersion))
        .with("max_line", static_cast<std::int64_t>(settings.maxLineBytes))
        .with("registration", settings.selfRegistration ? 1 : 0)
        .say(_context.helloText);
    _session->queueReply(hello.format() + '\n');

    LineFramer framer(settings.maxLineBytes);
    std::vector<FramedLine> lines;
    char buffer[kReadChunk];
    Poco::Timestamp closeDeadline;

    for (;;) {
        if (!_closing && _session->closeRequested() == CloseReason::None) {
            serveQueued();
            deliverStoredSlice();
        }
        if (!_closing && _session->closeRequested() != CloseReason::None) {
            beginClose(_session->closeRequested());
            _queued.clear(); // Lines after a logout (or a timeout) are not served.
            _heldUntil.reset();
            closeDeadline = Poco::Timestamp() + kCloseGrace.totalMicroseconds();
            if (_closeReason == CloseReason::Overflow)
                return; // It is not reading; there is nothing to drain.
        }
        if (!flush())
            return;
        const bool drained = _writing.empty() && _session->queuedBytes() == 0;
        if (_closing && (drained || Poco::Timestamp() >= closeDeadline))
            return;

        // Stop reading requests while this client's own backlog is high: its replies would only
        // pile up (the InspIRCd "soft sendq" rule). Nor while earlier lines wait to be served
        // (a held password answer): one request at a time, and TCP pushes back on the client.
        const bool wantRead =
            !_closing && _queued.empty() && _session->queuedBytes() < settings.maxOutboundBytes / 2;
        pollfd fds[2];
        fds[0] = {
            fd, static_cast<short>((wantRead ? POLLIN : 0) | (_writing.empty() ? 0 : POLLOUT)), 0};
        fds[1] = {_session->wakeFd(), POLLIN, 0};
        int timeoutMs = _closing ? 100 : 30000;
        // Work that waited only for the backlog to fall (pipelined requests, stored messages)
        // goes on at once when the flush above emptied it.
        const bool readyToServe = !_closing && !_heldUntil && roomForReply() &&
                                  (!_queued.empty() || (_storedPending && _session->loggedIn()));
        if (readyToServe)
            timeoutMs = 0;
        if (_heldUntil && !_closing) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(
                *_heldUntil - std::chrono::steady_clock::now());
            timeoutMs = static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, timeoutMs));
        }
        const int ready = ::poll(fds, 2, timeoutMs);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        if (fds[1].revents & POLLIN)
            _session->drainWake();
        if (fds[0].revents & (POLLERR | POLLNVAL))
            return;
        if (!(fds[0].revents & (POLLIN | POLLHUP)) || !wantRead)
            continue;

        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) {
            // The client finished sending. Answer what it sent, then close.
            _session->requestClose(CloseReason::PeerClosed);
            continue;
        }
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                continue;
            return;
        }
        lines.clear();
        framer.feed(std::string_view(buffer, static_cast<std::size_t>(n)), lines);
        for (auto& line : lines)
            _queued.push_back(std::move(line));
    }
}

std::chrono::microseconds ClientHandler::holdFor(const FramedLine& line) {
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
    return std::max(delay, _flood.charge(cost, std::chrono::steady_clock::now()));
}

bool ClientHandler::roomForReply() const {
    return _session->queuedBytes() < _context.services.settings.maxOutboundBytes / 2;
}

void ClientHandler::deliverStoredSlice() {
    if (!_storedPending || !_session->loggedIn() || !roomForReply())
        return;
    const auto slice = _context.services.privateMessages.deliverStored(
        _session->username(), _context.services.settings.replyByteBudget());
    _storedPending = slice.more;
}

void ClientHandler::serveQueued() {
    while (!_queued.empty()) {
        if (_session->closeRequested() != CloseReason::None)
            return; // The loop begins the close and drops the rest.
        if (!roomForReply())
            return; // The loop flushes, and serves the rest as the client reads.
        if (_heldUntil) {
            if (std::chrono::steady_clock::now() < *_heldUntil)
                return; // Still held: poll() wakes us when it is time.
            _heldUntil.reset();
        } else if (const auto delay = holdFor(_queued.front()); delay.count() > 0) {
            // The wait holds no thread: this connection's own thread goes back to poll() with a
            // timeout, so it still sees close requests and shutdown, and nobody else waits for
            // it. Only the waiting connection is slowed, and it is read no further meanwhile.
            _heldUntil = std::chrono::steady_clock::now() + delay;
            return;
        }
        FramedLine line = std::move(_queued.front());
        _queued.pop_front();
        handleLine(line);
    }
}

void ClientHandler::handleLine(const FramedLine& line) {
    const ServerSettings& settings = _context.services.settings;
    if (line.kind == FramedLine::Kind::TooLong) {
        ServerLine fail = ServerLine::fail("*", std::string(err::kLineTooLong));
        fail.with("max_line", static_cast<std::int64_t>(settings.maxLineBytes))
            .say("Line too long: the limit is " + std::to_string(settings.maxLineBytes) + " bytes");
        _session->queueReply(fail.format() + '\n');
        return;
    }
    if (!isValidUtf8(line.text)) {
        ServerLine fail = ServerLine::fail("*", std::string(err::kInvalidUtf8));
        fail.say("The line is not valid UTF-8 text; it was ignored");
        _session->queueReply(fail.format() + '\n');
        return;
    }
    std::string_view text = trim(line.text);
    if (text.empty())
        return; // Blank lines are not requests.
    const bool wasLoggedIn = _session->loggedIn();
    Reply reply = handleRequest(text);
    _session->queueReply(reply.wire());
    // Messages that waited for this user follow the welcome, oldest first, a slice at a time.
    if (!wasLoggedIn && _session->loggedIn()) {
        _storedPending = true;
        deliverStoredSlice();
    }
}

Reply ClientHandler::handleRequest(std::string_view text) {
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

void ClientHandler::logDisconnect(CloseReason reason) {
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

void ClientHandler::beginClose(CloseReason reason) {
    _closing = true;
    _closeReason = reason;
    ServerLine notice = closingNotice(reason);
    _session->seal(notice.verb().empty() ? std::string() : notice.format() + '\n');
    if (_session->loggedIn()) {
        _user = _session->username();
        // Only this connection's own session: after a takeover the user is online elsewhere.
        _context.services.presence.leaveSession(_session->username(), *_session, reason);
        _session->markLoggedOut();
    }
}

bool ClientHandler::flush() {
    const int fd = socket().impl()->sockfd();
    for (;;) {
        if (_writeOffset == _writing.size()) {
            _writing.clear();
            _writeOffset = 0;
            if (!_session->takePending(_writing))
                return true;
        }
        const std::size_t length = std::min(kWriteChunk, _writing.size() - _writeOffset);
        const ssize_t n = ::send(fd, _writing.data() + _writeOffset, length, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return true;
            if (errno == EINTR)
                continue;
            return false;
        }
        _writeOffset += static_cast<std::size_t>(n);
        _session->sent(static_cast<std::size_t>(n));
    }
}

} // namespace toom
