#pragma once
// Time as a service: lockouts, idle timeouts and "since" queries read the clock through this
// interface, so tests drive time with a ManualClock instead of sleeping.

#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

#include <mutex>

namespace toom {

class Clock {
public:
    virtual ~Clock() = default;
    /// The current wall-clock time.
    virtual Poco::Timestamp now() const = 0;
};

/// The real clock.
class SystemClock final : public Clock {
public:
    Poco::Timestamp now() const override { return Poco::Timestamp(); }
};

/// A clock that moves only when told to; thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Poco::Timestamp start = Poco::Timestamp())
        : _now(start) {}

    Poco::Timestamp now() const override {
        std::lock_guard lock(_mutex);
        return _now;
    }

    void advance(Poco::Timespan by) {
        std::lock_guard lock(_mutex);
        _now += by;
    }

    void advanceSeconds(long seconds) { advance(Poco::Timespan(seconds, 0)); }

    void set(Poco::Timestamp to) {
        std::lock_guard lock(_mutex);
        _now = to;
    }

private:
    mutable std::mutex _mutex;
    Poco::Timestamp _now;
};

} // namespace toom
