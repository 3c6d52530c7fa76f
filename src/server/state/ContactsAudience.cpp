#include "server/state/ContactsAudience.h"

#include <unordered_set>

namespace toom {

std::vector<std::string> ContactsAudience::audienceOf(const std::string& subject) const {
    std::vector<std::string> audience;
    std::unordered_set<std::string> seen{subject};
    for (const auto& room : _rooms.roomsOf(subject)) {
        for (const auto& member : room.members) {
            if (seen.insert(member.username).second)
                audience.push_back(member.username);
        }
    }
    for (auto& follower : _monitors.followersOf(subject)) {
        if (seen.insert(follower).second)
            audience.push_back(std::move(follower));
    }
    return audience;
}

} // namespace toom
