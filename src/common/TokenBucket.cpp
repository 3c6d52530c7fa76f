#include "common/TokenBucket.h"

#include <algorithm>

namespace toom {

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : _rate(ratePerSecond)
    , _burst(std::max(burst, 1.0))
    , _tokens(_burst) {}

double TokenBucket::level(Clock::time_point now) const {
    if (!_started)
        return _tokens;
    const double elapsed = std::chrono::duration<double>(now - _updated).count();
    return std::min(_burst, _tokens + std::max(0.0, elapsed) * _rate);
}

std::chrono::microseconds TokenBucket::charge(double cost, Clock::time_point now) {
    if (!enabled())
        return std::chrono::microseconds{0};
    _tokens = level(now) - cost;
    _updated = now;
    _started = true;
    if (_tokens >= 0)
        return std::chrono::microseconds{0};
    // Round up: a wait that ends a microsecond early would find the bucket still short.
    const double seconds = -_tokens / _rate;
    return std::chrono::microseconds{static_cast<long long>(seconds * 1e6) + 1};
}

} // namespace toom
