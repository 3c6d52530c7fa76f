#include "server/net/ConnectionSet.h"

namespace toom {

void ConnectionSet::add(const std::shared_ptr<Session>& session) {
    MutexLock lock(_mutex);
    _sessions.insert(session);
}

void ConnectionSet::remove(const std::shared_ptr<Session>& session) {
    MutexLock lock(_mutex);
    _sessions.erase(session);
}

std::vector<std::shared_ptr<Session>> ConnectionSet::snapshot() const {
    MutexLock lock(_mutex);
    return {_sessions.begin(), _sessions.end()};
}

std::size_t ConnectionSet::size() const {
    MutexLock lock(_mutex);
    return _sessions.size();
}

} // namespace toom
