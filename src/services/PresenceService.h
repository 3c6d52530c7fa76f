#pragma once
// Presence: the online users and the login history.

#include "models/Presence.h"
#include "services/Outbox.h"

#include <Poco/Timestamp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace toom {

class PresenceService {
public:
    virtual ~PresenceService() = default;

    /// Marks `user` online with the outbox that reaches them. False (and nothing changes) when
    /// the user already has a live session: there is one session per user.
    virtual bool enter(const OnlineUser& user, std::shared_ptr<Outbox> outbox) = 0;

    /// Marks `user` online through `outbox` whether or not they have a live session: an
    /// existing one is taken over (profile setting sessionTakeover). Returns the outbox of the
    /// session replaced, or null when the user was not online (then this is enter()). The
    /// caller tells that session and closes it. A takeover sends no presence notices (the user
    /// never went offline for anyone); the login history closes the old login and opens a new
    /// one, userlog.txt shows the new connection, and the old session's peer-to-peer chats and
    /// requests end as if it had left (CloseReason::TakenOver).
    virtual std::shared_ptr<Outbox> takeOver(const OnlineUser& user,
                                             std::shared_ptr<Outbox> outbox) = 0;

    /// Marks `username` offline (no-op when not online). Notices go out unless the reason is
    /// a server shutdown.
    virtual void leave(const std::string& username, CloseReason reason) = 0;

    /// As leave(), but only if `username` is online through `session`: a connection that closes
    /// after its session was taken over leaves the new one alone.
    virtual void leaveSession(const std::string& username, const Outbox& session,
                              CloseReason reason) = 0;

    /// Records the P2P UDP port a logged-in user announced.
    virtual void setUdpPort(const std::string& username, int udpPort) = 0;

    /// Records the TCP port for direct private chat a logged-in user announced.
    virtual void setChatPort(const std::string& username, int chatPort) = 0;

    /// Everyone online now, in login order.
    virtual std::vector<OnlineUser> online() const = 0;

    /// The online entry of `username`, if online.
    virtual std::optional<OnlineUser> find(const std::string& username) const = 0;

    /// Every user who was logged in at any moment from `since` until now, online ones included,
    /// each name once, in order of their first login in that window.
    virtual std::vector<std::string> seenSince(Poco::Timestamp since) const = 0;

    /// When `username` last logged out (the end of their latest closed login), if the login
    /// history still holds it (it keeps toom.history_retention_days); a session open now does
    /// not count, and a takeover closes the session it replaces at that moment.
    virtual std::optional<Poco::Timestamp> lastLogout(const std::string& username) const = 0;
};

} // namespace toom
