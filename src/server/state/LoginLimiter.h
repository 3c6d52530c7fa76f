#pragma once
// Failed-login accounting: after `maxAttempts` consecutive failures a username is locked for
// `lockSeconds`. Failures are counted per username across all connections (a lock holds "even
// from another IP", as every seed says), unknown usernames included, so a caller can't tell
// from the lock which names exist. Time comes from the injected clock.

#include "common/Mutex.h"
#include "services/Clock.h"

#include <Poco/Timestamp.h>

#include <optional>
#include <string>
#include <unordered_map>

namespace toom {

class LoginLimiter {
public:
    /// `maxTracked` bounds memory: beyond it, unlocked entries are forgotten oldest first.
    LoginLimiter(Clock& clock, int maxAttempts, int lockSeconds, std::size_t maxTracked = 100000);

    /// When `username` is locked now, the moment the lock ends.
    std::optional<Poco::Timestamp> lockedUntil(const std::string& username) const;

    bool isLocked(const std::string& username) const { return lockedUntil(username).has_value(); }

    /// Counts a failed password. Returns true when this failure locked the username.
    bool recordFailure(const std::string& username);

    /// Failures left before the lock (maxAttempts when none recorded).
    int remainingAttempts(const std::string& username) const;

    /// A successful login clears the count.
    void recordSuccess(const std::string& username);

    /// Forgets expired locks and stale counts; called periodically.
    void prune();

    int maxAttempts() const { return _maxAttempts; }
    int lockSeconds() const { return _lockSeconds; }
    std::size_t trackedCount() const;

private:
    struct Entry {
        int failures = 0;
        Poco::Timestamp lastFailure;
        std::optional<Poco::Timestamp> lockedUntil;
    };
    /// Clears an entry whose lock has run out (the count starts again from zero).
    void expire(Entry& entry, Poco::Timestamp now) const TOOM_REQUIRES(_mutex);
    void evictIfFull(Poco::Timestamp now) TOOM_REQUIRES(_mutex);

    Clock& _clock;
    const int _maxAttempts;
    const int _lockSeconds;
    const std::size_t _maxTracked;
    mutable Mutex _mutex;
    mutable std::unordered_map<std::string, Entry> _entries TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
