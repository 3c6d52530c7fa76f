#include "p2p/chat/GreetingSlots.h"

#include <algorithm>

namespace toom::p2p::chat {

GreetingSlots::Admission GreetingSlots::admit(std::string_view address) {
    Admission admission;
    if (_limits.total == 0 || _limits.perAddress == 0)
        return admission;
    if (from(address) >= _limits.perAddress) {
        // At its limit: the newcomer replaces the address's oldest silent connection, if any.
        auto oldest = std::find_if(_entries.begin(), _entries.end(), [&](const Entry& e) {
            return e.address == address && !e.greeted;
        });
        if (oldest == _entries.end())
            return admission;
        admission.evicted = oldest->id;
        _entries.erase(oldest);
    } else if (_entries.size() >= _limits.total) {
        return admission; // Every place taken, by other addresses: nothing of theirs to take.
    }
    admission.admitted = true;
    admission.id = _nextId++;
    _entries.push_back(Entry{admission.id, std::string(address), false});
    return admission;
}

void GreetingSlots::greeted(Id id) {
    for (auto& entry : _entries) {
        if (entry.id == id)
            entry.greeted = true;
    }
}

void GreetingSlots::release(Id id) {
    std::erase_if(_entries, [id](const Entry& e) { return e.id == id; });
}

std::size_t GreetingSlots::from(std::string_view address) const {
    return static_cast<std::size_t>(std::count_if(
        _entries.begin(), _entries.end(), [&](const Entry& e) { return e.address == address; }));
}

} // namespace toom::p2p::chat
