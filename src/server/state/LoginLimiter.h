#pragma once
// Failed-login accounting, in one of two scopes (common/Profile.h, LockScope):
//
// - LockScope::Username (the seeds): after `maxAttempts` consecutive failures a username is
//   locked for `lockSeconds`, for every connection from anywhere (a lock holds "even from
//   another IP", as every seed says). Anyone who guesses can keep an account locked.
// - LockScope::UsernameAndAddress (toom-default): the same rule, but for one username from one
//   source address, so a stranger's guesses lock only the stranger. On top of that, failures
//   for a username from every address together fill a leaky bucket (one failure leaks out
//   every `slowForgetSeconds`); once it holds `slowAfterFailures`, password answers for that
//   username are delayed (answerDelay()), never refused: guessing from many addresses gets
//   slow, and the owner still gets in, a few seconds later at worst.
//
// Unknown usernames are counted like known ones, so a caller can't tell from the answers which
// names exist. Memory is bounded: at most `maxTracked` counters of each kind, the oldest
// forgotten first, and prune() forgets stale ones. Time comes from the injected clock.

#include "common/Mutex.h"
#include "common/Profile.h"
#include "services/Clock.h"

#include <Poco/Timestamp.h>

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

namespace toom {

/// The limits a LoginLimiter applies (ServerSettings holds them as configured).
struct LoginLimits {
    int maxAttempts = 3;  ///< Consecutive failures (per key) before the lock.
    int lockSeconds = 10; ///< How long the lock lasts.
    LockScope scope = LockScope::Username;
    int slowAfterFailures = 5;       ///< Failures in the bucket before answers are delayed.
    int slowDelayMs = 250;           ///< The first delay; it doubles with each further failure...
    int slowMaxDelayMs = 4000;       ///< ...up to this.
    int slowForgetSeconds = 10;      ///< One failure leaks out of the bucket this often.
    std::size_t maxTracked = 100000; ///< Counters kept at most, of each kind.
};

class LoginLimiter {
public:
    explicit LoginLimiter(Clock& clock, LoginLimits limits = {});

    /// A LockScope::Username limiter (the seeds' rule).
    LoginLimiter(Clock& clock, int maxAttempts, int lockSeconds, std::size_t maxTracked = 100000);

    /// When `username` (from `address`, in the per-address scope) is locked now, the moment the
    /// lock ends. In LockScope::Username the address is ignored.
    std::optional<Poco::Timestamp> lockedUntil(const std::string& username,
                                               const std::string& address = {}) const;

    bool isLocked(const std::string& username, const std::string& address = {}) const {
        return lockedUntil(username, address).has_value();
    }

    /// Counts a failed password. Returns true when this failure locked the key.
    bool recordFailure(const std::string& username, const std::string& address = {});

    /// Failures left before the lock (maxAttempts when none recorded).
    int remainingAttempts(const std::string& username, const std::string& address = {}) const;

    /// A successful login clears the count of its key. The username's slow-down bucket is left
    /// as it is: the failures in it were someone else's.
    void recordSuccess(const std::string& username, const std::string& address = {});

    /// How long the next password answer for `username` should wait (zero unless the scope is
    /// UsernameAndAddress and recent failures from everywhere reached slowAfterFailures).
    std::chrono::milliseconds answerDelay(const std::string& username) const;

    /// Forgets expired locks, stale counts and empty buckets; called periodically.
    void prune();

    int maxAttempts() const { return _limits.maxAttempts; }
    int lockSeconds() const { return _limits.lockSeconds; }
    LockScope scope() const { return _limits.scope; }
    /// Lock counters held (one per username, or per username and address).
    std::size_t trackedCount() const;
    /// Slow-down buckets held (one per username with recent failures).
    std::size_t slowdownCount() const;

private:
    struct Entry {
        int failures = 0;
        Poco::Timestamp lastFailure;
        std::optional<Poco::Timestamp> lockedUntil;
    };
    struct Bucket {
        double level = 0; ///< Failures still in the bucket.
        Poco::Timestamp updated;
    };
    std::string keyOf(const std::string& username, const std::string& address) const;
    /// Clears an entry whose lock has run out (the count starts again from zero).
    void expire(Entry& entry, Poco::Timestamp now) const TOOM_REQUIRES(_mutex);
    /// Lets what has leaked since the last update out of `bucket`.
    void leak(Bucket& bucket, Poco::Timestamp now) const TOOM_REQUIRES(_mutex);
    void evictEntriesIfFull(Poco::Timestamp now) TOOM_REQUIRES(_mutex);
    void evictBucketsIfFull() TOOM_REQUIRES(_mutex);

    Clock& _clock;
    const LoginLimits _limits;
    mutable Mutex _mutex;
    mutable std::unordered_map<std::string, Entry> _entries TOOM_GUARDED_BY(_mutex);
    mutable std::unordered_map<std::string, Bucket> _buckets TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
