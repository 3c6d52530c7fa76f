#pragma once
// Who follows whose presence (IRC's MONITOR): a user asks to hear when given users log in or
// out, whether or not they share a room. In the default profile presence notices go only to
// those who share a room or group with the subject and to their followers (see
// PresenceScope); the list lives as long as the follower's session.

#include <cstddef>
#include <string>
#include <vector>

namespace toom {

class MonitorService {
public:
    virtual ~MonitorService() = default;

    /// The most names one user may follow.
    virtual std::size_t limit() const = 0;

    /// Adds `targets` to what `watcher` follows. All or nothing: false (nothing added) when
    /// the list would grow beyond limit(). Names already followed count once.
    virtual bool add(const std::string& watcher, const std::vector<std::string>& targets) = 0;

    /// Removes `targets` from what `watcher` follows (names not followed are ignored).
    virtual void remove(const std::string& watcher, const std::vector<std::string>& targets) = 0;

    /// Forgets everything `watcher` follows.
    virtual void clear(const std::string& watcher) = 0;

    /// What `watcher` follows, sorted.
    virtual std::vector<std::string> followedBy(const std::string& watcher) const = 0;

    /// Who follows `target`.
    virtual std::vector<std::string> followersOf(const std::string& target) const = 0;
};

} // namespace toom
