#include "commands/blocks/UnblockCommand.h"

#include "commands/OtherUser.h"
#include "common/Protocol.h"

namespace toom {

CommandSpec UnblockCommand::spec() {
    return {
        .canonical = "UNBLOCK",
        .names = {{"unblock", Dialect::A}},
        .syntax = "<user>",
        .summary = "lift a block",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void UnblockCommand::execute(CommandContext& ctx) {
    const auto stored = otherUser(ctx, ctx.arg(0), {.self = "Error. Cannot unblock self"});
    if (!stored)
        return;
    const std::string& target = *stored;
    if (!ctx.services.blocks.unblock(ctx.user(), target)) {
        ctx.reply.fail(err::kNotBlocked)
            .with("user", target)
            .say("Error. " + target + " was not blocked");
        return;
    }
    ctx.reply.ok().with("user", target).say(target + " is unblocked");
}

} // namespace toom
