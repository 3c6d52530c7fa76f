#pragma once
// A token bucket for flood control ("fake lag", the InspIRCd and Ergo model): every request
// costs tokens, the bucket refills at a steady rate up to its burst size, and a request that
// finds the bucket short is not refused but delayed until the tokens it owes have refilled.
//
// Pure arithmetic over times the caller passes in, so tests drive it without waiting; not
// thread-safe (each connection owns one).

#include <chrono>

namespace toom {

class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;

    /// `ratePerSecond` tokens refill each second, up to `burst` (also the starting level).
    /// A rate of 0 (or less) turns the bucket off: every charge is free.
    TokenBucket(double ratePerSecond, double burst);

    /// Takes `cost` tokens at `now` and returns how long the request must wait before it is
    /// paid for: zero while the bucket holds enough. The debt is kept, so a client that goes on
    /// sending waits longer for each request, by exactly its excess over the rate.
    std::chrono::microseconds charge(double cost, Clock::time_point now);

    /// Tokens available at `now` (negative while in debt).
    double level(Clock::time_point now) const;

    bool enabled() const { return _rate > 0; }

private:
    double _rate;
    double _burst;
    double _tokens;
    Clock::time_point _updated{};
    bool _started = false;
};

} // namespace toom
