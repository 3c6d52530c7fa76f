#pragma once
// The login conversation of one connection, as the seeds have it: the client sends a
// username, then a password (or, for an unknown name with self-registration on, a new
// password). Each line gets one reply (verb USER or PASS). Wrong passwords re-prompt; after
// the configured number of consecutive failures the username is locked for a while; a user
// who is already online is refused and may try another name.

#include "common/Reply.h"
#include "server/state/LoginLimiter.h"
#include "services/Outbox.h"
#include "services/Services.h"

#include <memory>
#include <string>
#include <string_view>

namespace toom {

class LoginFlow {
public:
    enum class Step {
        Username,    ///< Waiting for a username.
        Password,    ///< Waiting for the password of _username.
        NewPassword, ///< Waiting for the password of a new account called _username.
        Done         ///< Logged in.
    };

    /// `outbox` is how the session will be reached once online; `address` the client's IP.
    LoginFlow(Services& services, LoginLimiter& limiter, std::shared_ptr<Outbox> outbox,
              std::string address);

    /// Handles one line while not logged in. `udpPort` and `chatPort` are the P2P ports the
    /// client announced (UDPPORT), 0 when none.
    Reply handle(std::string_view line, int udpPort, int chatPort = 0);

    Step step() const { return _step; }
    bool loggedIn() const { return _step == Step::Done; }
    /// The user being logged in (or logged in, once Done).
    const std::string& username() const { return _username; }

private:
    Reply onUsername(std::string_view line);
    Reply onPassword(std::string_view password, int udpPort, int chatPort);
    Reply onNewPassword(std::string_view password, int udpPort, int chatPort);
    /// Enters presence; on success the step becomes Done and the reply carries the welcome.
    void enter(Reply& reply, int udpPort, int chatPort);
    void restart();

    Services& _services;
    LoginLimiter& _limiter;
    std::shared_ptr<Outbox> _outbox;
    std::string _address;
    Step _step = Step::Username;
    std::string _username;
};

} // namespace toom
