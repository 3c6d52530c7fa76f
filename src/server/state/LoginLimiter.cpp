#include "server/state/LoginLimiter.h"

#include <algorithm>
#include <vector>

namespace toom {

namespace {
// Counts that never reached a lock are forgotten after this long without a new failure.
const Poco::Timespan kStaleCount(3600, 0);
} // namespace

LoginLimiter::LoginLimiter(Clock& clock, int maxAttempts, int lockSeconds, std::size_t maxTracked)
    : _clock(clock)
    , _maxAttempts(std::max(1, maxAttempts))
    , _lockSeconds(std::max(0, lockSeconds))
    , _maxTracked(std::max<std::size_t>(16, maxTracked)) {}

void LoginLimiter::expire(Entry& entry, Poco::Timestamp now) const {
    if (entry.lockedUntil && now >= *entry.lockedUntil) {
        entry.lockedUntil.reset();
        entry.failures = 0;
    }
}

std::optional<Poco::Timestamp> LoginLimiter::lockedUntil(const std::string& username) const {
    MutexLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end())
        return std::nullopt;
    expire(it->second, _clock.now());
    return it->second.lockedUntil;
}

bool LoginLimiter::recordFailure(const std::string& username) {
    const Poco::Timestamp now = _clock.now();
    MutexLock lock(_mutex);
    if (!_entries.count(username))
        evictIfFull(now);
    Entry& entry = _entries[username];
    expire(entry, now);
    if (entry.lockedUntil)
        return false; // Already locked: the lock is not extended by further tries.
    entry.failures += 1;
    entry.lastFailure = now;
    if (entry.failures >= _maxAttempts) {
        entry.lockedUntil = now + Poco::Timespan(_lockSeconds, 0);
        return true;
    }
    return false;
}

int LoginLimiter::remainingAttempts(const std::string& username) const {
    MutexLock lock(_mutex);
    auto it = _entries.find(username);
    if (it == _entries.end())
        return _maxAttempts;
    expire(it->second, _clock.now());
    return std::max(0, _maxAttempts - it->second.failures);
}

void LoginLimiter::recordSuccess(const std::string& username) {
    MutexLock lock(_mutex);
    _entries.erase(username);
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
}

void LoginLimiter::evictIfFull(Poco::Timestamp now) {
    if (_entries.size() < _maxTracked)
        return;
    // Forget the oldest unlocked counts first; locks are kept, since dropping them would let a
    // flood of made-up names unlock a real one.
    std::vector<std::pair<Poco::Timestamp, std::string>> candidates;
    for (auto& [name, entry] : _entries) {
        expire(entry, now);
        if (!entry.lockedUntil)
            candidates.emplace_back(entry.lastFailure, name);
    }
    std::sort(candidates.begin(), candidates.end());
    const std::size_t toDrop = std::max<std::size_t>(1, _maxTracked / 10);
    for (std::size_t i = 0; i < candidates.size() && i < toDrop; ++i)
        _entries.erase(candidates[i].second);
}

std::size_t LoginLimiter::trackedCount() const {
    MutexLock lock(_mutex);
    return _entries.size();
}

} // namespace toom
