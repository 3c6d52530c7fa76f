#pragma once
// The check every command that names another user starts with: that user exists and is not
// the caller. One place, so every command refuses alike; each feature words the refusal to
// itself ("Error. Cannot block self") since the seeds' wordings differ.

#include "commands/Command.h"

#include <optional>
#include <string>

namespace toom {

/// What the refusals say; only SELF differs between the features as a rule.
struct OtherUserRefusals {
    std::string self;                            ///< e.g. "Error. Cannot block self"
    std::string unknown = "Error. Invalid user"; ///< UNKNOWN_USER
};

/// The stored spelling of `name` (AccountService::storedName: `YODA` names `yoda`) when it is an
/// existing user other than the caller. Otherwise fails ctx.reply with SELF or UNKNOWN_USER
/// (both with `user=<name>`) and returns nothing.
std::optional<std::string> otherUser(CommandContext& ctx, const std::string& name,
                                     const OtherUserRefusals& refusals);

} // namespace toom
