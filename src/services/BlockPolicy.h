#pragma once
// The one place that decides who may reach whom. Every path that shows a user to another or
// carries something between them asks here (presence notices, whoelse, messages, invites,
// private sessions), so the block rule is written once.

#include <string>

namespace toom {

class BlockPolicy {
public:
    virtual ~BlockPolicy() = default;

    /// True when `blocker` has blocked `target`.
    virtual bool isBlocking(const std::string& blocker, const std::string& target) const = 0;

    /// True when `viewer` may see `subject` (presence lists and notices, board pushes):
    /// everyone may, except users whom the subject has blocked.
    bool maySee(const std::string& viewer, const std::string& subject) const {
        return !isBlocking(subject, viewer);
    }

    /// True when `recipient` takes what `sender` says to an audience (board pushes, room and
    /// group messages): everyone does, except users who have blocked the sender. The rule is
    /// one-way (variant A's broadcast): a blocker's own posts still reach the user they
    /// blocked, who is not told of the block that way.
    bool receivesFrom(const std::string& recipient, const std::string& sender) const {
        return !isBlocking(recipient, sender);
    }
};

/// Until blocking exists (or when it is switched off): nobody blocks anybody.
class NoBlocks final : public BlockPolicy {
public:
    bool isBlocking(const std::string&, const std::string&) const override { return false; }
};

} // namespace toom
