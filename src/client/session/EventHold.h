#pragma once
// Keeps the events that arrive while a login is being answered, so that they show after the
// welcome they follow on the wire.
//
// The reader thread shows events the moment they arrive, while replies wait for the main
// thread: without a hold, the private messages that waited and the login backlog (sent
// right behind the welcome) would be printed above "Welcome to Toom!". ClientSession holds
// from the start of a login until it has printed the login's reply, then releases.

#include "common/Mutex.h"
#include "common/ServerLine.h"

#include <cstddef>
#include <deque>
#include <functional>

namespace toom::client {

class EventHold {
public:
    using Show = std::function<void(const ServerLine&)>;

    /// Bounded in events and bytes: past either bound the hold ends, showing what it kept
    /// and then everything at once, so that a flood cannot grow it (and nothing is lost).
    explicit EventHold(std::size_t maxEvents = 1000, std::size_t maxBytes = 512 * 1024);

    /// From now on, `offer` keeps events instead of showing them.
    void hold();

    /// Shows `event` at once with `show`, or keeps it while holding. Any thread.
    void offer(const ServerLine& event, const Show& show);

    /// Shows the kept events in their order with `show`, and stops holding. Any thread.
    void release(const Show& show);

    bool holding() const;

private:
    /// Shows and drops the kept events.
    void flushLocked(const Show& show) TOOM_REQUIRES(_mutex);

    const std::size_t _maxEvents;
    const std::size_t _maxBytes;
    // `show` runs under the lock too, so that an event offered while the kept ones are being
    // shown waits and comes after them.
    mutable Mutex _mutex;
    bool _holding TOOM_GUARDED_BY(_mutex) = false;
    std::deque<ServerLine> _kept TOOM_GUARDED_BY(_mutex);
    std::size_t _keptBytes TOOM_GUARDED_BY(_mutex) = 0;
};

} // namespace toom::client
