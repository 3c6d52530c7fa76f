#pragma once
// What EDT and DLT share: reading "<n> [<timestamp>]" from the arguments and turning a board
// refusal into its error reply (B's wording).

#include "commands/Command.h"
#include "services/BoardService.h"

#include <optional>
#include <string>

namespace toom {

struct PostReference {
    int number = 0;
    /// The post's time as given; nothing in the short form (the number alone).
    std::optional<std::int64_t> epochSeconds;
    /// The argument the message text starts at (EDIT): 5 after a timestamp, else 1.
    std::size_t textArg = 5;
};

/// Reads the number from args[0] and the timestamp from args[1..4]. Where short forms are
/// allowed (ServerSettings::shortForms) the timestamp may be left out: with fewer than
/// `timedArgs` arguments, or (EDIT, `textFollows`) when args[1..4] do not read as a time, so
/// that they are the start of the text. On a bad form fails the reply and returns nothing.
std::optional<PostReference> postReference(CommandContext& ctx, std::size_t timedArgs,
                                           bool textFollows);

/// Fails the reply for `refusal`; `verb` is "edit" or "delete". Returns false when there was
/// no refusal.
bool refuse(CommandContext& ctx, BoardService::Refusal refusal, const PostReference& ref,
            const std::string& verb);

} // namespace toom
