#pragma once
// Live push of board changes (posted, edited, deleted) to every online user except the author
// and users whom the author has blocked.

#include "commands/Command.h"
#include "models/BoardPost.h"

#include <string>

namespace toom {

/// The EVENT BOARD line for `post` with `action` ("posted", "edited", "deleted").
ServerLine boardEvent(const ServerSettings& settings, const BoardPost& post,
                      const std::string& action);

/// Pushes `post` with `action` ("posted", "edited", "deleted") to everyone online but the
/// author, skipping users who blocked the author or whom the author blocked. Returns how many
/// were skipped for a block.
std::size_t broadcastBoardChange(CommandContext& ctx, const BoardPost& post,
                                 const std::string& action);

/// The B-style line for a post: `#1; yoda: "Hello" posted at 23 Feb 2021 15:00:01.`
std::string describePost(const BoardPost& post, bool padDay);

} // namespace toom
