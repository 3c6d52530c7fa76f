#include "server/irc/GuestNicks.h"

#include "models/User.h"

namespace toom {

bool GuestNicks::claim(const std::string& nick) {
    const std::string key = usernameKey(nick);
    MutexLock lock(_mutex);
    return _nicks.insert(key).second;
}

void GuestNicks::release(const std::string& nick) {
    const std::string key = usernameKey(nick);
    MutexLock lock(_mutex);
    _nicks.erase(key);
}

bool GuestNicks::contains(const std::string& nick) const {
    const std::string key = usernameKey(nick);
    MutexLock lock(_mutex);
    return _nicks.count(key) > 0;
}

} // namespace toom
