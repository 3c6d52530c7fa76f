#include "server/state/LoginLimiter.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace toom {

namespace {
// Counts that never reached a lock are forgotten after this long without a new failure.
const Poco::Timespan kStaleCount(3600, 0);

LoginLimits sanitised(LoginLimits limits) {
    limits.maxAttempts = std::max(1, limits.maxAttempts);
    limits.lockSeconds = std::max(0, limits.lockSeconds);
    limits.slowAfterFailures = std::max(1, limits.slowAfterFailures);
    limits.slowMaxDelayMs = std::max(0, limits.slowMaxDelayMs);
    limits.slowDelayMs = std::clamp(limits.slowDelayMs, 0, limits.slowMaxDelayMs);
    limits.slowForgetSeconds = std::max(1, limits.slowForgetSeconds);
    limits.maxTracked = std::max<std::size_t>(16, limits.maxTracked);
    return limits;
}

LoginLimits usernameScope(int maxAttempts, int lockSeconds, std::size_t maxTracked) {
    LoginLimits limits;
    limits.maxAttempts = maxAttempts;
    limits.lockSeconds = lockSeconds;
    limits.scope = LockScope::Username;
    limits.maxTracked = maxTracked;
    return limits;
}

/// Drops the `toDrop` oldest of `candidates` (time, key) from `map`.
template <typename Map>
void dropOldest(Map& map, std::vector<std::pair<Poco::Timestamp, std::string>>& candidates,
                std::size_t toDrop) {
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t i = 0; i < candidates.size() && i < toDrop; ++i)
        map.erase(candidates[i].second);
}
} // namespace

LoginLimiter::LoginLimiter(Clock& clock, LoginLimits limits)
    : _clock(clock)
    , _limits(sanitised(limits)) {}

LoginLimiter::LoginLimiter(Clock& clock, int maxAttempts, int lockSeconds, std::size_t maxTracked)
    : LoginLimiter(clock, usernameScope(maxAttempts, lockSeconds, maxTracked)) {}

std::string LoginLimiter::keyOf(const std::string& username, const std::string& address) const {
    if (_limits.scope == LockScope::Username)
        return username;
    // A username holds no control characters (isValidUsername), so NUL cannot be forged.
    std::string key = username;
    key += '\0';
    key += address;
    return key;
}

void LoginLimiter::expire(Entry& entry, Poco::Timestamp now) const {
    if (entry.lockedUntil && now >= *entry.lockedUntil) {
        entry.lockedUntil.reset();
        entry.failures = 0;
    }
}

void LoginLimiter::leak(Bucket& bucket, Poco::Timestamp now) const {
    if (now <= bucket.updated)
        return;
    const double seconds = static_cast<double>(now - bucket.updated) / 1e6;
    bucket.level = std::max(0.0, bucket.level - seconds / _limits.slowForgetSeconds);
    bucket.updated = now;
}

std::optional<Poco::Timestamp> LoginLimiter::lockedUntil(const std::string& username,
                                                         const std::string& address) const {
    MutexLock lock(_mutex);
    auto it = _entries.find(keyOf(username, address));
    if (it == _entries.end())
        return std::nullopt;
    expire(it->second, _clock.now());
    return it->second.lockedUntil;
}

bool LoginLimiter::recordFailure(const std::string& username, const std::string& address) {
    const Poco::Timestamp now = _clock.now();
    const std::string key = keyOf(username, address);
    MutexLock lock(_mutex);
    if (_limits.scope == LockScope::UsernameAndAddress) {
        if (!_buckets.count(username))
            evictBucketsIfFull();
        Bucket& bucket = _buckets[username];
        leak(bucket, now);
        bucket.updated = now;
        bucket.level += 1;
    }
    if (!_entries.count(key))
        evictEntriesIfFull(now);
    Entry& entry = _entries[key];
    expire(entry, now);
    if (entry.lockedUntil)
        return false; // Already locked: the lock is not extended by further tries.
    entry.failures += 1;
    entry.lastFailure = now;
    if (entry.failures >= _limits.maxAttempts) {
        entry.lockedUntil = now + Poco::Timespan(_limits.lockSeconds, 0);
        return true;
    }
    return false;
}

int LoginLimiter::remainingAttempts(const std::string& username, const std::string& address) const {
    MutexLock lock(_mutex);
    auto it = _entries.find(keyOf(username, address));
    if (it == _entries.end())
        return _limits.maxAttempts;
    expire(it->second, _clock.now());
    return std::max(0, _limits.maxAttempts - it->second.failures);
}

void LoginLimiter::recordSuccess(const std::string& username, const std::string& address) {
    MutexLock lock(_mutex);
    _entries.erase(keyOf(username, address));
}

std::chrono::milliseconds LoginLimiter::answerDelay(const std::string& username) const {
    if (_limits.scope != LockScope::UsernameAndAddress || _limits.slowMaxDelayMs == 0)
        return std::chrono::milliseconds(0);
    MutexLock lock(_mutex);
    auto it = _buckets.find(username);
    if (it == _buckets.end())
        return std::chrono::milliseconds(0);
    leak(it->second, _clock.now());
    // A failure counts until it has leaked out entirely: the fifth failure a moment after the
    // fourth finds the bucket at 4.9999, which is five failures not yet forgotten.
    const double failures = std::ceil(it->second.level - 1e-9);
    if (failures < _limits.slowAfterFailures)
        return std::chrono::milliseconds(0);
    // slowDelayMs at the threshold, doubled for each failure beyond it, capped. The exponent is
    // bounded first so that the shift cannot overflow.
    const int doublings = std::min(30, static_cast<int>(failures) - _limits.slowAfterFailures);
    const long long delay = static_cast<long long>(_limits.slowDelayMs) << doublings;
    return std::chrono::milliseconds(std::min<long long>(delay, _limits.slowMaxDelayMs));
}

void LoginLimiter::prune() {
    const Poco::Timestamp now = _clock.now();
    MutexLock lock(_mutex);
    for (auto it = _entries.begin(); it != _entries.end();) {
        expire(it->second, now);
        const bool stale = !it->second.lockedUntil &&
                           (it->second.failures == 0 ||
                            now - it->second.lastFailure > kStaleCount.totalMicroseconds());
        it = stale ? _entries.erase(it) : std::next(it);
    }
    for (auto it = _buckets.begin(); it != _buckets.end();) {
        leak(it->second, now);
        it = it->second.level <= 0 ? _buckets.erase(it) : std::next(it);
    }
}

void LoginLimiter::evictEntriesIfFull(Poco::Timestamp now) {
    if (_entries.size() < _limits.maxTracked)
        return;
    const std::size_t toDrop = std::max<std::size_t>(1, _limits.maxTracked / 10);
    // Forget the oldest unlocked counts first.
    std::vector<std::pair<Poco::Timestamp, std::string>> candidates;
    for (auto& [key, entry] : _entries) {
        expire(entry, now);
        if (!entry.lockedUntil)
            candidates.emplace_back(entry.lastFailure, key);
    }
    if (!candidates.empty() || _limits.scope == LockScope::Username) {
        // Per username, locks are kept: dropping them would let a flood of made-up names unlock
        // a real one. They end after lockSeconds anyway, which bounds how many can pile up.
        dropOldest(_entries, candidates, toDrop);
        return;
    }
    // Per username and address, every counter is a lock: drop the oldest. That gives back
    // guesses only to the address that was locked, and the username's bucket, which a flood
    // does not reset, still slows them down.
    for (auto& [key, entry] : _entries)
        candidates.emplace_back(entry.lastFailure, key);
    dropOldest(_entries, candidates, toDrop);
}

void LoginLimiter::evictBucketsIfFull() {
    if (_buckets.size() < _limits.maxTracked)
        return;
    // The least recently failed first: a name under attack right now is the last to go.
    std::vector<std::pair<Poco::Timestamp, std::string>> candidates;
    candidates.reserve(_buckets.size());
    for (const auto& [name, bucket] : _buckets)
        candidates.emplace_back(bucket.updated, name);
    dropOldest(_buckets, candidates, std::max<std::size_t>(1, _limits.maxTracked / 10));
}

std::size_t LoginLimiter::trackedCount() const {
    MutexLock lock(_mutex);
    return _entries.size();
}

std::size_t LoginLimiter::slowdownCount() const {
    MutexLock lock(_mutex);
    return _buckets.size();
}

} // namespace toom
