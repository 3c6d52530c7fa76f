#pragma once
// Who is online and how to reach them: username -> (presence entry, outbox). Thread-safe.
// Readers take a snapshot under the lock and act on it after releasing it, so no lock is ever
// held while bytes are queued or sent (muduo's copy-then-broadcast).

#include "common/Mutex.h"
#include "models/Presence.h"
#include "services/Outbox.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace toom {

class SessionDirectory {
public:
    struct Entry {
        OnlineUser user;
        std::shared_ptr<Outbox> outbox;
        std::uint64_t order = 0; ///< Login order, for stable listings.
    };

    /// Adds `user`; false when the name is already online.
    bool add(const OnlineUser& user, std::shared_ptr<Outbox> outbox);

    /// Removes `username`; returns the entry that was removed, if any.
    std::optional<Entry> remove(const std::string& username);

    /// Removes `username` only if it is online through `outbox` (not when another session has
    /// taken it over meanwhile); returns the entry that was removed, if any.
    std::optional<Entry> removeSession(const std::string& username, const Outbox& outbox);

    /// Puts `user` online through `outbox`, in place of the session it had, if any (which is
    /// returned). The entry counts as a new login: it moves to the end of the login order.
    std::optional<Entry> replace(const OnlineUser& user, std::shared_ptr<Outbox> outbox);

    std::optional<Entry> find(const std::string& username) const;
    /// The outbox of `username`, or null when not online. Cheaper than find(): nothing but
    /// the pointer is copied.
    std::shared_ptr<Outbox> outboxOf(const std::string& username) const;
    /// The outboxes of those of `usernames` who are online, in that order, under one lock
    /// (a room message to 1,000 members is one lookup pass, not 1,000 lock round trips).
    std::vector<std::shared_ptr<Outbox>>
    outboxesOf(const std::vector<std::string>& usernames) const;

    /// Sets the UDP port of an online user; false when not online.
    bool setUdpPort(const std::string& username, int udpPort);

    /// Sets the online user's chat port; false if not online.
    bool setChatPort(const std::string& username, int chatPort);

    /// A copy of every entry, in login order.
    std::vector<Entry> snapshot() const;

    std::size_t size() const;

private:
    /// Shared: deliveries (readers) far outnumber logins and logouts (writers).
    mutable SharedMutex _mutex;
    std::unordered_map<std::string, Entry> _entries TOOM_GUARDED_BY(_mutex);
    std::uint64_t _nextOrder TOOM_GUARDED_BY(_mutex) = 0;
};

} // namespace toom
