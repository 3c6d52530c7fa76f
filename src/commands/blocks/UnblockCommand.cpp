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
    const std::string& target = ctx.arg(0);
    if (!isOtherUser(ctx, target, {.self = "Error. Cannot unblock self"}))
        return;
    if (!ctx.services.blocks.unblock(ctx.user(), target)) {
        ctx.reply.fail(err::kNotBlocked)
            .with("user", target)
            .say("Error. " + target + " was not blocked");
        return;
    }
    ctx.reply.ok().with("user", target).say(target + " is unblocked");
}

} // namespace toom
