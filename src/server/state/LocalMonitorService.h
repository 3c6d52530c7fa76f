#pragma once
// MonitorService in memory: both directions indexed (watcher -> targets for MONITOR L, target
// -> watchers for each presence notice), under one shared lock. Bounded: limit() names per
// watcher, and only logged-in users have lists (the server clears a list when its owner
// leaves).

#include "common/Mutex.h"
#include "services/MonitorService.h"

#include <set>
#include <unordered_map>
#include <unordered_set>

namespace toom {

class LocalMonitorService final : public MonitorService {
public:
    /// IRC servers advertise MONITOR=100 (Ergo, InspIRCd's default); so does Toom.
    static constexpr std::size_t kDefaultLimit = 100;

    explicit LocalMonitorService(std::size_t limit = kDefaultLimit)
        : _limit(limit) {}

    std::size_t limit() const override { return _limit; }
    bool add(const std::string& watcher, const std::vector<std::string>& targets) override;
    void remove(const std::string& watcher, const std::vector<std::string>& targets) override;
    void clear(const std::string& watcher) override;
    std::vector<std::string> followedBy(const std::string& watcher) const override;
    std::vector<std::string> followersOf(const std::string& target) const override;

private:
    void unlink(const std::string& watcher, const std::string& target) TOOM_REQUIRES(_mutex);

    const std::size_t _limit;
    mutable SharedMutex _mutex;
    std::unordered_map<std::string, std::set<std::string>> _followed TOOM_GUARDED_BY(_mutex);
    std::unordered_map<std::string, std::unordered_set<std::string>>
        _followers TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
