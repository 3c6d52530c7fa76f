#pragma once
// A test double of Clock: time moves only when a test says so.

#include "services/Clock.h"

#include <mutex>

namespace toom {

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
