#pragma once
// One slice of the durable store. Who blocks whom.
// SqliteStore implements every slice over one SQLite connection; a service depends only on the
// slices it uses, and each slice has its own small mock (tests/support/mocks/MockStores.h).

#include <string>
#include <utility>
#include <vector>

namespace toom {

class BlockStore {
public:
    virtual ~BlockStore() = default;

    /// Records that `blocker` blocks `blocked`. False when it already did.
    virtual bool insertBlock(const std::string& blocker, const std::string& blocked) = 0;

    /// Removes that block. False when there was none.
    virtual bool deleteBlock(const std::string& blocker, const std::string& blocked) = 0;

    /// Every block as (blocker, blocked) pairs.
    virtual std::vector<std::pair<std::string, std::string>> blocks() = 0;
};

} // namespace toom
