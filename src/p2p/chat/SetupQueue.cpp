#include "p2p/chat/SetupQueue.h"

namespace toom::p2p::chat {

SetupQueue::SetupQueue(Limits limits)
    : _limits(limits) {}

SetupQueue::Typed SetupQueue::typed(std::string_view line) {
    switch (_phase) {
    case Phase::Open:
        return Typed::SendNow;
    case Phase::Over:
        return Typed::Over;
    case Phase::SettingUp:
    case Phase::Delivering:
        break;
    }
    // Both bounds are checked before anything is kept: a refused message leaves the queue as
    // it was, so what waits is always a prefix of what was typed, in order.
    if (_lines.size() >= _limits.maxMessages || line.size() > _limits.maxBytes - _bytes)
        return Typed::Full;
    _lines.emplace_back(line);
    _bytes += line.size();
    return _phase == Phase::SettingUp ? Typed::Queued : Typed::QueuedBehind;
}

void SetupQueue::connected() {
    if (_phase == Phase::SettingUp)
        _phase = _lines.empty() ? Phase::Open : Phase::Delivering;
}

std::optional<std::string> SetupQueue::takeNext() {
    if (_phase != Phase::Delivering)
        return std::nullopt;
    if (_lines.empty()) {
        // Decided in the same step as "nothing left": a message typed after this goes out at
        // once, and one typed before it was taken above, so none can overtake another.
        _phase = Phase::Open;
        return std::nullopt;
    }
    std::string line = std::move(_lines.front());
    _lines.pop_front();
    _bytes -= line.size();
    return line;
}

std::size_t SetupQueue::abandon() {
    const std::size_t dropped = _lines.size();
    _lines.clear();
    _bytes = 0;
    _phase = Phase::Over;
    return dropped;
}

} // namespace toom::p2p::chat
