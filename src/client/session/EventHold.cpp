#include "client/session/EventHold.h"

namespace toom::client {
namespace {

/// What an event costs to keep, roughly: its text and fields (the bound is about memory, not
/// exact accounting).
std::size_t sizeOf(const ServerLine& event) {
    std::size_t bytes = sizeof(ServerLine) + event.verb().size() + event.text().size();
    for (const Field& field : event.fields())
        bytes += field.key.size() + field.value.size() + sizeof(Field);
    return bytes;
}

} // namespace

EventHold::EventHold(std::size_t maxEvents, std::size_t maxBytes)
    : _maxEvents(maxEvents)
    , _maxBytes(maxBytes) {}

void EventHold::hold() {
    MutexLock lock(_mutex);
    _holding = true;
}

void EventHold::offer(const ServerLine& event, const Show& show) {
    MutexLock lock(_mutex);
    if (_holding) {
        const std::size_t bytes = sizeOf(event);
        if (_kept.size() < _maxEvents && _keptBytes + bytes <= _maxBytes) {
            _kept.push_back(event);
            _keptBytes += bytes;
            return;
        }
        // Over the bound: a login that brings this much is better shown early than held
        // without limit.
        _holding = false;
        flushLocked(show);
    }
    show(event);
}

void EventHold::release(const Show& show) {
    MutexLock lock(_mutex);
    _holding = false;
    flushLocked(show);
}

bool EventHold::holding() const {
    MutexLock lock(_mutex);
    return _holding;
}

void EventHold::flushLocked(const Show& show) {
    while (!_kept.empty()) {
        show(_kept.front());
        _kept.pop_front();
    }
    _keptBytes = 0;
}

} // namespace toom::client
