#include "server/state/StoredBlockService.h"

namespace toom {

StoredBlockService::StoredBlockService(BlockStore& store, std::size_t maxPerUser)
    : _store(store)
    , _maxPerUser(maxPerUser) {
    for (const auto& [blocker, blocked] : _store.blocks())
        _blocked[blocker].insert(blocked);
}

bool StoredBlockService::isBlocking(const std::string& blocker, const std::string& target) const {
    ReaderLock lock(_mutex);
    auto it = _blocked.find(blocker);
    return it != _blocked.end() && it->second.count(target) > 0;
}

StoredBlockService::BlockResult StoredBlockService::block(const std::string& blocker,
                                                          const std::string& target) {
    WriterLock lock(_mutex);
    auto& targets = _blocked[blocker];
    if (targets.count(target))
        return BlockResult::AlreadyBlocked;
    if (targets.size() >= _maxPerUser)
        return BlockResult::LimitReached;
    // Written through before the cache changes: once the user is told, the block is durable.
    _store.insertBlock(blocker, target);
    targets.insert(target);
    return BlockResult::Blocked;
}

bool StoredBlockService::unblock(const std::string& blocker, const std::string& target) {
    WriterLock lock(_mutex);
    auto it = _blocked.find(blocker);
    if (it == _blocked.end() || !it->second.count(target))
        return false;
    _store.deleteBlock(blocker, target);
    it->second.erase(target);
    return true;
}

std::vector<std::string> StoredBlockService::blockedBy(const std::string& blocker) const {
    ReaderLock lock(_mutex);
    auto it = _blocked.find(blocker);
    if (it == _blocked.end())
        return {};
    return {it->second.begin(), it->second.end()};
}

} // namespace toom
