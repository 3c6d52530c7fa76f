#include "server/irc/IrcConnection.h"

#include "common/IrcNumerics.h"
#include "common/Protocol.h"
#include "common/Text.h"
#include "common/Utf8.h"
#include "server/irc/IrcChannels.h"
#include "server/irc/IrcTranslation.h"
#include "server/irc/IrcWelcome.h"
#include "server/net/LoginFlow.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <cerrno>
#include <sys/socket.h>

namespace toom {

namespace {
constexpr std::chrono::seconds kCloseGrace{2};
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kWriteChunk = 256 * 1024;
constexpr std::size_t kMaxTargets = 4; ///< TARGMAX=PRIVMSG:4 in ISUPPORT.
thread_local char tIrcReadBuffer[kReadChunk];
thread_local std::vector<FramedLine> tIrcFramed;

/// The ERROR line a close ends with, by why it closes (QUIT and refusals queued theirs).
std::string closingLine(CloseReason reason) {
    const char* why = nullptr;
    switch (reason) {
    case CloseReason::IdleTimeout:
        why = "Closing link: idle for too long";
        break;
    case CloseReason::LoginTimeout:
        why = "Closing link: registration timed out";
        break;
    case CloseReason::Shutdown:
        why = "Closing link: the server is shutting down";
        break;
    case CloseReason::TakenOver:
        why = "Closing link: you logged in from another connection";
        break;
    default:
        return {};
    }
    return IrcMessage("ERROR", {why}).format() + "\r\n";
}

/// Runs one account login through LoginFlow, the Toom port's rules: the username step (lock,
/// stored spelling), then the password (PBKDF2, failure counting, presence). An unknown name
/// is refused: registering over IRC is a later slice.
IrcLoginAnswer checkLogin(ServerContext& context, const std::shared_ptr<Session>& session,
                          const IrcLoginRequest& request, const std::string& serverName,
                          std::shared_ptr<IrcOutbox>& outbox) {
    Services& services = context.services;
    const std::string nick =
        services.accounts.storedName(request.username).value_or(request.username);
    outbox = std::make_shared<IrcOutbox>(session, nick, serverName);
    LoginFlow::Guards guards;
    guards.registrations = context.registrations;
    LoginFlow flow(services, context.limiter, outbox, session->address(), guards);
    IrcLoginAnswer answer;
    const Reply name = flow.handle(request.username, 0, 0);
    if (name.failed()) {
        answer.reason = name.final().text();
        return answer;
    }
    if (name.final().field("next") != "password") {
        answer.reason = "No such account; create one with toom-client first";
        return answer;
    }
    const Reply password = flow.handle(request.password, 0, 0);
    if (!flow.loggedIn()) {
        answer.reason = password.final().text();
        return answer;
    }
    answer.ok = true;
    answer.account = flow.username();
    return answer;
}
} // namespace

IrcConnection::IrcConnection(const Poco::Net::StreamSocket& socket,
                             std::shared_ptr<Session> session, IrcContext& context)
    : _socket(socket)
    , _fd(_socket.impl()->sockfd())
    , _irc(context)
    , _context(context.server)
    , _session(std::move(session))
    , _registration({context.options.serverName, context.options.allowGuests})
    , _framer(IrcMessage::kMaxClientLineBytes)
    , _flood(_context.flood.linesPerSecond, _context.flood.burst) {
    // Nothing pushed may overtake the welcome (a SASL login enters presence before it).
    _session->deferPushes();
    _countedAsPrelogin = _context.prelogin != nullptr;
}

IrcConnection::~IrcConnection() {
    try {
        finish();
    } catch (const std::exception& e) {
        _context.log.warning("irc connection cleanup: %s", std::string(e.what()));
    }
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

void IrcConnection::releasePrelogin() {
    if (!_countedAsPrelogin)
        return;
    _countedAsPrelogin = false;
    _context.prelogin->release(_fd);
}

void IrcConnection::abandon() {
    finish();
}

LoopInterest IrcConnection::handle(const LoopEvents& events, SteadyTime now) {
    _session->takeNotice();
    if (events.broken)
        return finished();
    if (events.readable && !_closing && _queued.empty() && roomForReply()) {
        if (!readOnce())
            return finished();
    }
    return advance(now);
}

bool IrcConnection::readOnce() {
    const ssize_t n = ::recv(_fd, tIrcReadBuffer, sizeof tIrcReadBuffer, 0);
    if (n == 0) {
        _session->requestClose(CloseReason::PeerClosed);
        return true;
    }
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    tIrcFramed.clear();
    _framer.feed(std::string_view(tIrcReadBuffer, static_cast<std::size_t>(n)), tIrcFramed);
    for (auto& line : tIrcFramed)
        _queued.push_back(std::move(line));
    return true;
}

bool IrcConnection::roomForReply() const {
    return _session->queuedBytes() < _context.services.settings.maxOutboundBytes / 2;
}

IrcAddressing IrcConnection::addressing() const {
    return {_irc.options.serverName, _registration.nick()};
}

LoopInterest IrcConnection::advance(SteadyTime now) {
    finishJob();
    if (!_closing && _session->closeRequested() == CloseReason::None) {
        serveQueued(now);
        deliverStoredSlice();
    }
    const CloseReason asked = _session->closeRequested();
    if (!_closing && asked != CloseReason::None && (!_job || asked == CloseReason::Overflow)) {
        beginClose(asked, now);
        if (_closeReason == CloseReason::Overflow)
            return finished();
    }
    if (!flush())
        return finished();
    const bool drained = _writing.empty() && _session->queuedBytes() == 0;
    if (_closing && (drained || now >= _closeDeadline))
        return finished();
    LoopInterest interest;
    interest.read = !_closing && _queued.empty() && roomForReply();
    interest.write = !_writing.empty();
    if (_closing)
        interest.wakeAt = _closeDeadline;
    else if (_heldUntil)
        interest.wakeAt = *_heldUntil;
    interest.again = !_closing && !_heldUntil && !_job && roomForReply() &&
                     (!_queued.empty() || (_storedPending && _session->loggedIn()));
    return interest;
}

void IrcConnection::serveQueued(SteadyTime now) {
    while (!_queued.empty()) {
        if (_session->closeRequested() != CloseReason::None || _job || !roomForReply())
            return;
        if (_heldUntil) {
            if (now < *_heldUntil)
                return;
            _heldUntil.reset();
        } else if (const auto delay = _flood.charge(1, now); delay.count() > 0) {
            _heldUntil = now + delay; // Flood control: the loop calls again then.
            return;
        }
        FramedLine line = std::move(_queued.front());
        _queued.pop_front();
        handleLine(line);
    }
}

void IrcConnection::send(const IrcMessage& message) {
    _session->queueReply(message.format() + "\r\n");
}

void IrcConnection::handleLine(const FramedLine& line) {
    if (line.kind == FramedLine::Kind::TooLong) {
        send(ircNumeric(addressing(), irc::ERR_INPUTTOOLONG, {"Input line was too long"}));
        return;
    }
    const IrcParseResult parsed = IrcMessage::parse(line.text);
    if (parsed.error == IrcParseError::Empty)
        return; // Blank lines are not requests.
    if (parsed.error == IrcParseError::TooLong) {
        send(ircNumeric(addressing(), irc::ERR_INPUTTOOLONG, {"Input line was too long"}));
        return;
    }
    if (!parsed) {
        send(ircServerNotice(addressing(), "Line ignored: " + std::string(describe(parsed.error))));
        return;
    }
    if (!isValidUtf8(line.text)) {
        send(ircServerNotice(addressing(), "Line ignored: Toom takes UTF-8 text only"));
        return;
    }
    if (!_registration.registered()) {
        apply(_registration.handle(parsed.message));
        return;
    }
    serveRegistered(parsed.message);
}

void IrcConnection::apply(IrcRegistrationOutput out) {
    for (const IrcMessage& m : out.replies)
        send(m);
    if (out.close) {
        _session->requestClose(CloseReason::Logout);
        return;
    }
    if (out.login) {
        auto job = std::make_shared<Job>();
        job->isLogin = true;
        startJob(job, [request = *out.login, session = _session, context = &_context,
                       serverName = _irc.options.serverName](Job& j) {
            std::shared_ptr<IrcOutbox> outbox;
            IrcLoginAnswer answer = checkLogin(*context, session, request, serverName, outbox);
            MutexLock lock(j.mutex);
            j.login = std::move(answer);
            if (j.login.ok)
                j.outbox = std::move(outbox);
        });
    }
    if (out.checkGuestNick) {
        auto job = std::make_shared<Job>();
        startJob(job,
                 [nick = *out.checkGuestNick, context = &_context, guests = &_irc.guests](Job& j) {
                     IrcGuestNick answer = IrcGuestNick::InUse;
                     if (context->services.accounts.storedName(nick))
                         answer = IrcGuestNick::Account;
                     else if (guests->claim(nick))
                         answer = IrcGuestNick::Free;
                     MutexLock lock(j.mutex);
                     j.guest = answer;
                     if (answer == IrcGuestNick::Free)
                         j.claimed = nick;
                 });
    }
    if (out.registered)
        registered();
}

// Why the worker pool: a login is PBKDF2 and store reads, a guest check a store read; on the
// loop that time would be everyone else's latency.
void IrcConnection::startJob(std::shared_ptr<Job> job, std::function<void(Job&)> work) {
    auto run = [job, work = std::move(work), session = _session, context = &_context,
                guests = &_irc.guests] {
        try {
            work(*job);
        } catch (const std::exception& e) {
            Poco::Logger::get("toom.server")
                .error("irc login step failed: %s", std::string(e.what()));
            MutexLock lock(job->mutex);
            job->login = IrcLoginAnswer{false, "", "Internal error; please try again"};
        }
        std::shared_ptr<IrcOutbox> undoLogin;
        std::string undoGuest;
        bool abandoned = false;
        {
            MutexLock lock(job->mutex);
            job->done = true;
            abandoned = job->abandoned;
            if (abandoned) {
                undoLogin = job->outbox;
                undoGuest = job->claimed;
            }
        }
        // The connection ended meanwhile: nobody else would undo what this did.
        if (undoLogin)
            context->services.presence.leaveSession(undoLogin->nick(), *undoLogin,
                                                    CloseReason::PeerClosed);
        if (!undoGuest.empty())
            guests->release(undoGuest);
        if (!abandoned)
            session->nudge();
    };
    if (!_context.workers) {
        run();
    } else if (!_context.workers->trySubmit(run)) {
        send(ircServerNotice(addressing(), "The server is busy with other logins; try again"));
        return;
    }
    _job = std::move(job);
    finishJob(); // Done at once without workers.
}

void IrcConnection::finishJob() {
    if (!_job)
        return;
    IrcLoginAnswer login;
    std::shared_ptr<IrcOutbox> outbox;
    IrcGuestNick guest = IrcGuestNick::InUse;
    std::string claimed;
    {
        MutexLock lock(_job->mutex);
        if (!_job->done)
            return;
        login = _job->login;
        outbox = _job->outbox;
        guest = _job->guest;
        claimed = _job->claimed;
    }
    const bool isLogin = _job->isLogin;
    _job.reset();
    if (isLogin) {
        if (login.ok) {
            _outbox = outbox;
            _session->markLoggedIn(login.account);
        }
        apply(_registration.loginAnswered(login));
        return;
    }
    _guestNick = claimed;
    apply(_registration.guestNickAnswered(guest));
}

void IrcConnection::registered() {
    // A guest counts as logged in for the session's timers (idle, not login timeout); it is in
    // no presence list and cannot use commands that need an account.
    if (!_session->loggedIn())
        _session->markLoggedIn(_registration.nick());
    releasePrelogin();
    for (const IrcMessage& m : ircWelcome(addressing(), _irc.welcome))
        send(m);
    _session->openToPushes();
    _storedPending = !_registration.account().empty();
    deliverStoredSlice();
    _context.log.information("irc: %s registered from %s (%s)", _registration.nick(),
                             _session->address(),
                             std::string(_registration.account().empty() ? "guest" : "account"));
}

void IrcConnection::deliverStoredSlice() {
    if (!_storedPending || !_session->loggedIn() || !roomForReply())
        return;
    const auto slice = _context.services.privateMessages.deliverStored(
        _registration.account(), _context.services.settings.replyByteBudget());
    _storedPending = slice.more;
}

void IrcConnection::serveRegistered(const IrcMessage& message) {
    const std::string verb = message.verb();
    const IrcAddressing to = addressing();
    if (verb == "PRIVMSG" || verb == "NOTICE") {
        privateMessage(message, verb == "NOTICE");
    } else if (verb == "NICK") {
        if (message.params.empty())
            send(ircNumeric(to, irc::ERR_NONICKNAMEGIVEN, {"No nickname given"}));
        else if (!iequals(message.param(0), to.nick))
            send(ircNumeric(to, irc::ERR_ERRONEUSNICKNAME,
                            {message.param(0), "Nick changes are not supported: your nick is "
                                               "your Toom username"}));
    } else if (verb == "JOIN" || verb == "PART" || verb == "TOPIC" || verb == "NAMES") {
        channelRequest(message);
    } else if (verb == "MOTD") {
        for (const IrcMessage& m : ircMotd(to, _irc.welcome.motd))
            send(m);
    } else if (verb == "CAP" || verb == "USER" || verb == "PASS" || verb == "AUTHENTICATE" ||
               verb == "PING" || verb == "PONG" || verb == "QUIT") {
        apply(_registration.handle(message));
    } else {
        send(ircNumeric(to, irc::ERR_UNKNOWNCOMMAND, {message.command, "Unknown command"}));
    }
}

void IrcConnection::privateMessage(const IrcMessage& message, bool notice) {
    // NOTICE is never answered with an error (RFC 2812), so that two bots cannot loop.
    const IrcAddressing to = addressing();
    const std::string& verb = message.command;
    if (message.params.empty() || message.param(0).empty()) {
        if (!notice)
            send(ircNumeric(to, irc::ERR_NORECIPIENT, {"No recipient given (" + verb + ")"}));
        return;
    }
    const std::string& text = message.param(1);
    if (message.params.size() < 2 || trim(text).empty()) {
        if (!notice)
            send(ircNumeric(to, irc::ERR_NOTEXTTOSEND, {"No text to send"}));
        return;
    }
    if (_registration.account().empty()) {
        if (!notice)
            send(ircServerNotice(to, "Guests cannot send private messages yet: log in with SASL "
                                     "or PASS (your Toom account)"));
        return;
    }
    // One more than allowed, to say that there were too many.
    const std::vector<std::string> targets = ircListItems(message.param(0), kMaxTargets + 1);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const std::string& target = targets[i];
        if (i == kMaxTargets) {
            if (!notice)
                send(ircServerNotice(to, "Too many targets: at most 4 at once"));
            break;
        }
        if (target.front() == '#') {
            channelMessage(target, text, notice);
            continue;
        }
        if (!isValidIrcNick(target)) {
            if (!notice)
                send(ircNumeric(to, irc::ERR_NOSUCHNICK,
                                {target, target.front() == '#' ? "Channels are not supported yet"
                                                               : "No such nick"}));
            continue;
        }
        // The Toom request it means, through the one dispatcher: login, blocks, offline
        // delivery, use counts and audit are the Toom port's.
        const Reply reply = _context.registry.dispatch(toomPrivateMessage(target, text),
                                                       _context.services, *_session);
        if (reply.failed() && !notice)
            for (const IrcMessage& m : ircLinesForPrivateMessageFailure(reply, target, to))
                send(m);
    }
}

void IrcConnection::channelMessage(const std::string& channel, const std::string& text,
                                   bool notice) {
    const IrcAddressing to = addressing();
    const auto group = groupOfChannel(channel);
    if (!group) {
        if (!notice)
            send(ircNumeric(to, irc::ERR_NOSUCHCHANNEL, {channel, "No such channel"}));
        return;
    }
    const Reply reply =
        _context.registry.dispatch("GROUPMSG " + *group + " " + text, _context.services, *_session);
    if (notice || !reply.failed())
        return;
    const std::string code = reply.final().code();
    if (code == err::kNotMember || code == err::kNotJoined)
        send(ircNumeric(to, irc::ERR_CANNOTSENDTOCHAN, {channel, "Cannot send to channel"}));
    else
        for (const IrcMessage& m : ircLinesForChannelFailure(reply, channel, to))
            send(m);
}

void IrcConnection::channelRequest(const IrcMessage& message) {
    const IrcAddressing to = addressing();
    const std::string verb = message.verb();
    if (message.params.empty() || message.param(0).empty()) {
        if (verb == "NAMES") // Every channel's names: only the user's own are shown (366).
            send(ircNumeric(to, irc::RPL_ENDOFNAMES, {"*", "End of /NAMES list"}));
        else
            send(ircNumeric(to, irc::ERR_NEEDMOREPARAMS, {verb, "Not enough parameters"}));
        return;
    }
    if (_registration.account().empty()) {
        send(ircNumeric(to, irc::ERR_NEEDREGGEDNICK,
                        {message.param(0), "Guests cannot use channels yet: log in with SASL "
                                           "or PASS (your Toom account)"}));
        return;
    }
    const std::vector<std::string> channels = ircListItems(message.param(0), kMaxTargets);
    for (const std::string& channel : channels) {
        const auto group = groupOfChannel(channel);
        if (!group) {
            send(ircNumeric(to, verb == "NAMES" ? irc::RPL_ENDOFNAMES : irc::ERR_NOSUCHCHANNEL,
                            {channel, verb == "NAMES" ? "End of /NAMES list" : "No such channel"}));
            continue;
        }
        std::string request;
        if (verb == "JOIN")
            request = "JOIN " + *group;
        else if (verb == "PART")
            request = "LEAVE #" + *group;
        else if (verb == "TOPIC" && message.params.size() >= 2)
            request = "TOPIC " + *group + " " +
                      (trim(message.param(1)).empty() ? std::string("-") : message.param(1));
        else
            request = "TOPIC " + *group; // A TOPIC query, and NAMES: the group described.
        const Reply reply = _context.registry.dispatch(request, _context.services, *_session);
        if (reply.failed()) {
            if (verb == "NAMES")
                send(ircNumeric(to, irc::RPL_ENDOFNAMES, {channel, "End of /NAMES list"}));
            else
                for (const IrcMessage& m : ircLinesForChannelFailure(reply, channel, to))
                    send(m);
            continue;
        }
        const ServerLine& ok = reply.final();
        std::vector<IrcMessage> lines;
        if (verb == "JOIN") {
            if (ok.field("already") == "1")
                continue; // Joining a channel one is on: nothing, as IRC servers do.
            lines = ircLinesForJoined(ok, to);
        } else if (verb == "PART") {
            IrcMessage part("PART", {channel});
            if (message.params.size() >= 2)
                part.params.push_back(message.param(1));
            part.from(ircUserMask(to.nick, to.serverName));
            lines.push_back(std::move(part));
        } else if (verb == "NAMES") {
            lines = ircNamesLines(ok, to);
        } else if (message.params.size() >= 2) {
            IrcMessage topic("TOPIC", {channel, ok.field("topic").value_or("")});
            topic.from(ircUserMask(to.nick, to.serverName));
            lines.push_back(std::move(topic));
        } else {
            lines = ircTopicLines(ok, to);
        }
        for (const IrcMessage& m : lines)
            send(m);
    }
}

void IrcConnection::beginClose(CloseReason reason, SteadyTime now) {
    _closing = true;
    _closeReason = reason;
    _closeDeadline = now + kCloseGrace;
    _queued.clear();
    _heldUntil.reset();
    _session->seal(closingLine(reason));
    logOut(reason);
}

void IrcConnection::logOut(CloseReason reason) {
    if (_outbox) {
        _context.services.presence.leaveSession(_outbox->nick(), *_outbox, reason);
        _outbox.reset();
    }
    if (!_guestNick.empty()) {
        _irc.guests.release(_guestNick);
        _guestNick.clear();
    }
    if (_session->loggedIn())
        _session->markLoggedOut();
}

bool IrcConnection::flush() {
    for (;;) {
        if (_writeOffset == _writing.size()) {
            _writing.clear();
            _writeOffset = 0;
            if (!_session->takePending(_writing)) {
                if (_writing.capacity() > 4096)
                    std::string().swap(_writing);
                return true;
            }
        }
        const std::size_t length = std::min(kWriteChunk, _writing.size() - _writeOffset);
        const ssize_t n = ::send(_fd, _writing.data() + _writeOffset, length, MSG_NOSIGNAL);
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

LoopInterest IrcConnection::finished() {
    finish();
    LoopInterest interest;
    interest.finished = true;
    return interest;
}

void IrcConnection::finish() {
    if (_finished)
        return;
    _finished = true;
    CloseReason reason = _closeReason;
    if (reason == CloseReason::None)
        reason = _session->closeRequested();
    if (reason == CloseReason::None)
        reason = CloseReason::PeerClosed;
    if (_job) {
        // A job still running undoes its own work (startJob); one that is back is taken in.
        MutexLock lock(_job->mutex);
        _job->abandoned = true;
        if (_job->done) { // Back but not taken in yet: undone here, with the rest.
            if (_job->outbox)
                _outbox = _job->outbox;
            if (!_job->claimed.empty())
                _guestNick = _job->claimed;
        }
    }
    _job.reset();
    logOut(reason);
    releasePrelogin();
    _context.connections.remove(_session);
}

} // namespace toom
