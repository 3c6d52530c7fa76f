#pragma once
// BlockService kept in the store and cached in memory: isBlocking is asked for every recipient
// of every delivery, so it must not touch SQLite.

#include "common/Mutex.h"
#include "server/store/BlockStore.h"
#include "services/BlockService.h"

#include <set>
#include <unordered_map>

namespace toom {

class StoredBlockService final : public BlockService {
public:
    /// Loads every block from `store`. `maxPerUser` bounds each user's list.
    StoredBlockService(BlockStore& store, std::size_t maxPerUser);

    bool isBlocking(const std::string& blocker, const std::string& target) const override;
    BlockResult block(const std::string& blocker, const std::string& target) override;
    bool unblock(const std::string& blocker, const std::string& target) override;
    std::vector<std::string> blockedBy(const std::string& blocker) const override;

private:
    BlockStore& _store;
    const std::size_t _maxPerUser;
    mutable SharedMutex _mutex;
    /// blocker -> targets
    std::unordered_map<std::string, std::set<std::string>> _blocked TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
