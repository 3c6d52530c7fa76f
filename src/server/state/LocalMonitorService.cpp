#include "server/state/LocalMonitorService.h"

namespace toom {

bool LocalMonitorService::add(const std::string& watcher, const std::vector<std::string>& targets) {
    WriterLock lock(_mutex);
    auto existing = _followed.find(watcher);
    const std::size_t already = existing == _followed.end() ? 0 : existing->second.size();
    std::unordered_set<std::string> fresh;
    for (const auto& target : targets) {
        if (existing == _followed.end() || existing->second.count(target) == 0)
            fresh.insert(target);
    }
    if (already + fresh.size() > _limit)
        return false;
    if (fresh.empty())
        return true;
    std::set<std::string>& followed = _followed[watcher];
    for (const auto& target : fresh) {
        followed.insert(target);
        _followers[target].insert(watcher);
    }
    return true;
}

void LocalMonitorService::remove(const std::string& watcher,
                                 const std::vector<std::string>& targets) {
    WriterLock lock(_mutex);
    auto it = _followed.find(watcher);
    if (it == _followed.end())
        return;
    for (const auto& target : targets) {
        if (it->second.erase(target) != 0)
            unlink(watcher, target);
    }
    if (it->second.empty())
        _followed.erase(it);
}

void LocalMonitorService::clear(const std::string& watcher) {
    WriterLock lock(_mutex);
    auto it = _followed.find(watcher);
    if (it == _followed.end())
        return;
    for (const auto& target : it->second)
        unlink(watcher, target);
    _followed.erase(it);
}

std::vector<std::string> LocalMonitorService::followedBy(const std::string& watcher) const {
    ReaderLock lock(_mutex);
    auto it = _followed.find(watcher);
    if (it == _followed.end())
        return {};
    return {it->second.begin(), it->second.end()};
}

std::vector<std::string> LocalMonitorService::followersOf(const std::string& target) const {
    ReaderLock lock(_mutex);
    auto it = _followers.find(target);
    if (it == _followers.end())
        return {};
    return {it->second.begin(), it->second.end()};
}

void LocalMonitorService::unlink(const std::string& watcher, const std::string& target) {
    auto it = _followers.find(target);
    if (it == _followers.end())
        return;
    it->second.erase(watcher);
    if (it->second.empty())
        _followers.erase(it);
}

} // namespace toom
