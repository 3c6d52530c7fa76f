#pragma once
// The login conversation of one connection, as the seeds have it: the client sends a
// username, then a password (or, for an unknown name with self-registration on, a new
// password). Each line gets one reply (verb USER or PASS). Wrong passwords re-prompt; after
// the configured number of consecutive failures the username (or, in LockScope::
// UsernameAndAddress, the username from this address) is locked for a while (LoginLimiter).
// Whether the user is online matters only after a correct password: then, with
// sessionTakeover, this connection takes the session over and the old one is closed; without
// it, the login is refused (ALREADY_ONLINE) and another name may be tried.
// Names are matched without regard to case: `YODA` logs in as the account `yoda`, and the
// session, the limiter and every reply carry the stored spelling. A new name that is also a
// command's (`HELP`) is registered only after the client confirms it (next=confirm_name).

#include "common/Reply.h"
#include "server/state/LoginLimiter.h"
#include "server/state/RegistrationThrottle.h"
#include "services/Outbox.h"
#include "services/Services.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace toom {

/// What a connection's login may consult beyond the services; each part may be left out.
struct LoginGuards {
    /// Whether a name is also a command's (CommandRegistry::find), so registering it as a
    /// username asks for confirmation first. Empty: no name needs confirming.
    std::function<bool(std::string_view)> isCommandName;
    /// How many accounts an address may create (REGISTRATION_THROTTLED beyond it). Null:
    /// no limit.
    RegistrationThrottle* registrations = nullptr;
};

class LoginFlow {
public:
    enum class Step {
        Username,    ///< Waiting for a username.
        Password,    ///< Waiting for the password of _username.
        ConfirmName, ///< Waiting for `y` to register _username, which is also a command name.
        NewPassword, ///< Waiting for the password of a new account called _username.
        Done         ///< Logged in.
    };

    using Guards = LoginGuards;

    /// `outbox` is how the session will be reached once online; `address` the client's IP.
    LoginFlow(Services& services, LoginLimiter& limiter, std::shared_ptr<Outbox> outbox,
              std::string address, Guards guards = {});

    /// Handles one line while not logged in. `udpPort` and `chatPort` are the P2P ports the
    /// client announced (UDPPORT), 0 when none.
    Reply handle(std::string_view line, int udpPort, int chatPort = 0);

    /// How long the answer to the next line should be held back: the username's slow-down
    /// (LoginLimiter::answerDelay) in the password step, zero otherwise. The caller waits
    /// before calling handle(), without holding a thread that others need.
    std::chrono::milliseconds answerDelay() const;

    Step step() const { return _step; }
    bool loggedIn() const { return _step == Step::Done; }
    /// The user being logged in (or logged in, once Done).
    const std::string& username() const { return _username; }

    /// Once Done: the lines of what the user missed while away (LoginBacklog), to push after
    /// the private messages that waited; empty when nothing did or the backlog is off
    /// (ServerSettings::loginBacklog). Gathered here because it reads the store, which this
    /// flow is run away from the event loop for. Leaves nothing behind.
    std::string takeBacklog() { return std::move(_backlog); }

private:
    Reply onUsername(std::string_view line);
    Reply onPassword(std::string_view password, int udpPort, int chatPort);
    Reply onConfirmName(std::string_view answer);
    Reply onNewPassword(std::string_view password, int udpPort, int chatPort);
    /// Enters presence; on success the step becomes Done and the reply carries the welcome.
    void enter(Reply& reply, int udpPort, int chatPort);
    void restart();
    /// Fills _backlog for the user who just logged in at `loginAt`.
    void gatherBacklog(Poco::Timestamp loginAt);
    /// ACCOUNT_LOCKED for _username, in the wording of the limiter's scope.
    Reply lockedReply(const char* verb, Poco::Timestamp until) const;
    /// Whole seconds from now until `until`, at least 1 (retry_after of a lock).
    int secondsUntil(Poco::Timestamp until) const;

    Services& _services;
    LoginLimiter& _limiter;
    std::shared_ptr<Outbox> _outbox;
    std::string _address;
    Guards _guards;
    Step _step = Step::Username;
    std::string _username;
    std::string _backlog;
};

} // namespace toom
