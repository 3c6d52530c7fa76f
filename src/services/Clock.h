#pragma once
// Time as a service: lockouts, idle timeouts and "since" queries read the clock through this
// interface, so tests drive time with a ManualClock (tests/support) instead of sleeping.

#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

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

} // namespace toom
