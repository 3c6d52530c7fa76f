#include "server/net/LoginFlow.h"

#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "common/Text.h"
#include "models/User.h"
#include "server/net/LoginBacklog.h"

#include <Poco/Logger.h>

#include <algorithm>

namespace toom {

namespace {
const char* const kInvalidPassword = "Invalid Password. Please try again";
const char* const kNewUserPrompt = "This is a new user. Enter a password:"; // variant A's words
const char* const kNowBlocked =
    "Invalid Password. Your account has been blocked. Please try again later";
const char* const kStillBlocked =
    "Your account is blocked due to multiple login failures. Please try again later";
// The same for LockScope::UsernameAndAddress, where the lock holds only the address it came
// from: the seeds' wording would tell a stranger they had locked the account.
const char* const kNowBlockedHere = "Invalid Password. Logins to this account from your address "
                                    "are blocked. Please try again later";
const char* const kStillBlockedHere = "Logins to this account from your address are blocked due "
                                      "to multiple login failures. Please try again later";
} // namespace

LoginFlow::LoginFlow(Services& services, LoginLimiter& limiter, std::shared_ptr<Outbox> outbox,
                     std::string address, Guards guards)
    : _services(services)
    , _limiter(limiter)
    , _outbox(std::move(outbox))
    , _address(std::move(address))
    , _guards(std::move(guards)) {}

Reply LoginFlow::handle(std::string_view line, int udpPort, int chatPort) {
    switch (_step) {
    case Step::Username:
        return onUsername(line);
    case Step::Password:
        return onPassword(line, udpPort, chatPort);
    case Step::ConfirmName:
        return onConfirmName(line);
    case Step::NewPassword:
        return onNewPassword(line, udpPort, chatPort);
    case Step::Done:
        break;
    }
    Reply reply("LOGIN");
    reply.fail(err::kAlreadyLoggedIn).say("Already logged in");
    return reply;
}

std::chrono::milliseconds LoginFlow::answerDelay() const {
    if (_step != Step::Password)
        return std::chrono::milliseconds(0);
    return _limiter.answerDelay(_username);
}

int LoginFlow::secondsUntil(Poco::Timestamp until) const {
    const Poco::Timestamp::TimeDiff left = until - _services.clock.now();
    return std::max(1, static_cast<int>((left + 999'999) / 1'000'000)); // rounded up
}

Reply LoginFlow::lockedReply(const char* verb, Poco::Timestamp until) const {
    Reply reply(verb);
    reply.fail(err::kAccountLocked)
        .with("user", _username)
        .with("until", isoTime(until))
        .with("retry_after", secondsUntil(until))
        .say(_limiter.scope() == LockScope::Username ? kStillBlocked : kStillBlockedHere);
    return reply;
}

void LoginFlow::restart() {
    _step = Step::Username;
    _username.clear();
}

Reply LoginFlow::onUsername(std::string_view line) {
    Reply reply("USER");
    std::string name(line);
    if (!isValidUsername(name)) {
        reply.fail(err::kInvalidUsername)
            .say("Invalid username: use up to 32 letters, digits or ASCII symbols, without spaces. "
                 "Please try again");
        return reply;
    }
    // Whether the user is online is not looked at here: before a correct password nothing
    // tells a caller who is online (ALREADY_ONLINE, or a takeover, come after it).
    // An existing account is always named, counted and locked by its stored spelling, so
    // `YODA` and `yoda` are one user to the limiter as well.
    const std::optional<std::string> stored = _services.accounts.storedName(name);
    _username = stored.value_or(name);
    if (auto until = _limiter.lockedUntil(_username, _address)) {
        reply = lockedReply("USER", *until);
        _username.clear();
        return reply;
    }
    if (!stored && _services.settings.selfRegistration) {
        // Asked before the password, so nobody types one for nothing. Known names are not
        // affected: the address may still log in to every account it has.
        const auto wait =
            _guards.registrations ? _guards.registrations->retryAfter(_address) : std::nullopt;
        if (wait) {
            _username.clear();
            reply.fail(err::kRegistrationThrottled)
                .with("retry_after", *wait)
                .say("Too many new accounts from your address. Try again in " +
                     std::to_string(*wait) + " seconds, or log in to an existing account");
            return reply;
        }
        if (_guards.isCommandName && _guards.isCommandName(name)) {
            // A user called HELP would make "HELP" in every conversation ambiguous to a reader
            // and to scripts; a typo of a command at the username prompt must not become an
            // account without a second look.
            _step = Step::ConfirmName;
            reply.ok()
                .with("user", name)
                .with("next", "confirm_name")
                .say(name + " is also the name of a command. Register it as your username? "
                            "(y/n)");
            return reply;
        }
        _step = Step::NewPassword;
        reply.ok().with("user", name).with("next", "new_password").say(kNewUserPrompt);
        return reply;
    }
    // Unknown names without registration go on to the password step and fail there, counted like
    // a wrong password: nothing tells a caller which names exist.
    _step = Step::Password;
    reply.ok().with("user", _username).with("next", "password").say("Password:");
    return reply;
}

Reply LoginFlow::onConfirmName(std::string_view answer) {
    Reply reply("CONFIRM");
    if (iequals(answer, "y") || iequals(answer, "yes")) {
        _step = Step::NewPassword;
        reply.ok().with("user", _username).with("next", "new_password").say(kNewUserPrompt);
        return reply;
    }
    reply.fail(err::kNotConfirmed)
        .with("user", _username)
        .say(_username + " was not registered. Enter a username:");
    restart();
    return reply;
}

Reply LoginFlow::onPassword(std::string_view password, int udpPort, int chatPort) {
    Reply reply("PASS");
    if (auto until = _limiter.lockedUntil(_username, _address)) {
        reply = lockedReply("PASS", *until);
        restart();
        return reply;
    }
    if (!_services.accounts.verify(_username, std::string(password))) {
        if (_limiter.recordFailure(_username, _address)) {
            const bool perUsername = _limiter.scope() == LockScope::Username;
            if (perUsername)
                _services.audit.information("%s has been locked after %d failed logins", _username,
                                            _limiter.maxAttempts());
            else
                _services.audit.information("%s has been locked for %s after %d failed logins",
                                            _username, _address, _limiter.maxAttempts());
            reply.fail(err::kTooManyAttempts)
                .with("user", _username)
                .with("lock_seconds", _limiter.lockSeconds())
                .say(perUsername ? kNowBlocked : kNowBlockedHere);
            restart();
            return reply;
        }
        reply.fail(err::kInvalidPassword)
            .with("attempts_left", _limiter.remainingAttempts(_username, _address))
            .say(kInvalidPassword);
        return reply;
    }
    _limiter.recordSuccess(_username, _address);
    enter(reply, udpPort, chatPort);
    return reply;
}

Reply LoginFlow::onNewPassword(std::string_view password, int udpPort, int chatPort) {
    Reply reply("PASS");
    std::string pw(password);
    if (!isUsablePassword(pw)) {
        reply.fail(err::kUnusablePassword)
            .say("Passwords are 1 to 128 characters without spaces. Enter a password:");
        return reply;
    }
    if (!_services.accounts.registerAccount(_username, pw)) {
        // Someone registered the name in the meantime: treat this line as their password.
        return onPassword(password, udpPort, chatPort);
    }
    if (_guards.registrations)
        _guards.registrations->recorded(_address);
    _services.audit.information("New account created: %s", _username);
    enter(reply, udpPort, chatPort);
    return reply;
}

void LoginFlow::enter(Reply& reply, int udpPort, int chatPort) {
    OnlineUser user{_username, _address, udpPort, _services.clock.now(), chatPort};
    if (_services.settings.sessionTakeover) {
        // The password was right, so this is the user: a session they left behind (a dead
        // connection, another device) gives way to this one. The old connection gets
        // EVENT CLOSING reason=takeover from its own thread (ClientHandler) and closes.
        if (auto previous = _services.presence.takeOver(user, _outbox)) {
            previous->requestClose(CloseReason::TakenOver);
            _services.audit.information("%s logged in from %s; the earlier session was closed",
                                        _username, _address);
        }
    } else if (!_services.presence.enter(user, _outbox)) {
        reply.fail(err::kAlreadyOnline)
            .with("user", _username)
            .say(_username + " is already logged in. Please enter a different username");
        restart();
        return;
    }
    _step = Step::Done;
    gatherBacklog(user.since);
    reply.ok()
        .with("user", _username)
        .with("since", isoTime(user.since))
        .with("profile", _services.settings.profile.name)
        .say(_services.settings.profile.welcome);
    if (_services.settings.consoleAudit)
        _services.audit.information("%s is online", _username);
}

void LoginFlow::gatherBacklog(Poco::Timestamp loginAt) {
    const ServerSettings& settings = _services.settings;
    if (settings.loginBacklog == 0)
        return;
    // After entering presence: a takeover has just closed the session it replaced, so a user
    // who was never away gets nothing. Without a logout on record (a new account, a history
    // pruned after toom.history_retention_days) there is no "since" and no backlog.
    const auto since = _services.presence.lastLogout(_username);
    if (!since)
        return;
    LoginBacklogLimits limits;
    limits.perSource = settings.loginBacklog;
    // Half a reply's budget: it is pushed once the queue is under half full, so with it the
    // queue stays under its bound whatever else is waiting.
    limits.maxBytes = settings.replyByteBudget() / 2;
    _backlog = loginBacklog(_services, _username, *since, loginAt, limits);
}

} // namespace toom
