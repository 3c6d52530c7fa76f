#pragma once
// Block lists: who blocks whom (block / unblock). The service is also the BlockPolicy every
// delivery path consults.

#include "services/BlockPolicy.h"

#include <string>
#include <vector>

namespace toom {

class BlockService : public BlockPolicy {
public:
    enum class BlockResult {
        Blocked,        ///< Newly blocked.
        AlreadyBlocked, ///< Nothing changed.
        LimitReached    ///< The blocker's list is full.
    };

    /// `blocker` blocks `target` (both existing users; the command checks that).
    virtual BlockResult block(const std::string& blocker, const std::string& target) = 0;

    /// Lifts the block. False when `blocker` had not blocked `target`.
    virtual bool unblock(const std::string& blocker, const std::string& target) = 0;

    /// Everyone `blocker` blocks, sorted.
    virtual std::vector<std::string> blockedBy(const std::string& blocker) const = 0;
};

} // namespace toom
