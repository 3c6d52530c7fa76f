#include "server/state/RegistrationThrottle.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace toom {

RegistrationThrottle::RegistrationThrottle(Clock& clock, RegistrationLimits limits)
    : _clock(clock)
    , _limits(limits) {}

double RegistrationThrottle::levelAt(const Bucket& bucket, Poco::Timestamp now) const {
    const double seconds = static_cast<double>(now - bucket.update) / 1e6;
    const double leaked = std::max(0.0, seconds) * _limits.perHour / 3600.0;
    return std::max(0.0, bucket.level - leaked);
}

std::optional<int> RegistrationThrottle::retryAfter(const std::string& address) const {
    if (_limits.burst <= 0)
        return std::nullopt;
    MutexLock lock(_mutex);
    auto it = _buckets.find(address);
    if (it == _buckets.end())
        return std::nullopt;
    const double level = levelAt(it->second, _clock.now());
    if (level + 1 <= _limits.burst)
        return std::nullopt;
    if (_limits.perHour <= 0)
        return 3600; // Nothing ever leaks: say an hour, and the operator's config is the answer.
    const double seconds = (level + 1 - _limits.burst) * 3600.0 / _limits.perHour;
    return std::max(1, static_cast<int>(std::ceil(seconds)));
}

void RegistrationThrottle::recorded(const std::string& address) {
    if (_limits.burst <= 0)
        return;
    const Poco::Timestamp now = _clock.now();
    MutexLock lock(_mutex);
    auto it = _buckets.find(address);
    if (it == _buckets.end()) {
        makeRoom();
        it = _buckets.emplace(address, Bucket{0, now}).first;
    }
    it->second.level = levelAt(it->second, now) + 1;
    it->second.update = now;
}

// Dropping a bucket forgives its address, so the emptiest (nearly forgotten anyway) go first;
// half the table at once keeps this rare.
void RegistrationThrottle::makeRoom() {
    if (_buckets.size() < std::max<std::size_t>(1, _limits.maxTracked))
        return;
    const Poco::Timestamp now = _clock.now();
    std::vector<std::pair<double, std::string>> byLevel;
    byLevel.reserve(_buckets.size());
    for (const auto& [address, bucket] : _buckets)
        byLevel.emplace_back(levelAt(bucket, now), address);
    const std::size_t drop = std::max<std::size_t>(1, byLevel.size() / 2);
    std::nth_element(byLevel.begin(), byLevel.begin() + static_cast<std::ptrdiff_t>(drop - 1),
                     byLevel.end());
    for (std::size_t i = 0; i < drop; ++i)
        _buckets.erase(byLevel[i].second);
}

void RegistrationThrottle::prune() {
    const Poco::Timestamp now = _clock.now();
    MutexLock lock(_mutex);
    for (auto it = _buckets.begin(); it != _buckets.end();) {
        if (levelAt(it->second, now) <= 0)
            it = _buckets.erase(it);
        else
            ++it;
    }
}

std::size_t RegistrationThrottle::trackedCount() const {
    MutexLock lock(_mutex);
    return _buckets.size();
}

} // namespace toom
