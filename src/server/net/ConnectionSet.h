#pragma once
// Every open connection, logged in or not: what the housekeeper sweeps for timeouts and what
// the shutdown notice goes to.

#include "common/Mutex.h"
#include "server/net/Session.h"

#include <memory>
#include <unordered_set>
#include <vector>

namespace toom {

class ConnectionSet {
public:
    void add(const std::shared_ptr<Session>& session);
    void remove(const std::shared_ptr<Session>& session);
    std::vector<std::shared_ptr<Session>> snapshot() const;
    std::size_t size() const;

private:
    mutable Mutex _mutex;
    std::unordered_set<std::shared_ptr<Session>> _sessions TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
