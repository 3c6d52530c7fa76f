#include "p2p/chat/RefusalNotes.h"

namespace toom::p2p::chat {

std::optional<std::string> RefusalNotes::note(std::string line, Clock::time_point now) {
    if (_burst == 0) {
        ++_suppressed;
        return std::nullopt;
    }
    if (_printed.size() >= _burst) {
        if (now - _printed.front() < _interval) {
            ++_suppressed;
            return std::nullopt;
        }
        _printed.pop_front();
    }
    _printed.push_back(now);
    if (_suppressed > 0) {
        line += " (" + std::to_string(_suppressed) + " more refused since the last notice)";
        _suppressed = 0;
    }
    return line;
}

} // namespace toom::p2p::chat
