#pragma once
// What EDT and DLT share: reading "<n> <timestamp>" from the arguments and turning a board
// refusal into its error reply (B's wording).

#include "commands/Command.h"
#include "services/BoardService.h"

#include <optional>
#include <string>

namespace toom {

struct PostReference {
    int number = 0;
    std::int64_t epochSeconds = 0;
};

/// Reads the number from args[0] and the timestamp from args[1..4]; on a bad form fails the
/// reply and returns nothing.
std::optional<PostReference> postReference(CommandContext& ctx);

/// Fails the reply for `refusal`; `verb` is "edit" or "delete". Returns false when there was
/// no refusal.
bool refuse(CommandContext& ctx, BoardService::Refusal refusal, const PostReference& ref,
            const std::string& verb);

} // namespace toom
