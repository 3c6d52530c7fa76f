#include "models/Room.h"

#include <algorithm>
#include <cctype>

namespace toom {

const RoomMember* Room::member(const std::string& username) const {
    auto it = std::find_if(members.begin(), members.end(),
                           [&](const RoomMember& m) { return m.username == username; });
    return it == members.end() ? nullptr : &*it;
}

bool Room::hasJoined(const std::string& username) const {
    const RoomMember* m = member(username);
    return m && m->joined;
}

std::vector<std::string> Room::memberNames(bool joinedOnly) const {
    std::vector<std::string> names;
    for (const auto& m : members) {
        if (!joinedOnly || m.joined)
            names.push_back(m.username);
    }
    return names;
}

std::string Room::label() const {
    return kind == RoomKind::Separate ? "room " + std::to_string(number) : name;
}

bool isValidGroupName(const std::string& name, std::size_t maxLength) {
    if (name.empty() || name.size() > maxLength)
        return false;
    // Plain ASCII (std::isalnum in the "C" locale): a name every client can type and show.
    return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c); });
}

} // namespace toom
