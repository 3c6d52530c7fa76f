#include "commands/blocks/BlockCommand.h"

#include "commands/OtherUser.h"
#include "common/Protocol.h"

namespace toom {

CommandSpec BlockCommand::spec() {
    return {
        .canonical = "BLOCK",
        .names = {{"block", Dialect::A}},
        .syntax = "<user>",
        .summary = "block a user (they cannot message you or see you online; they are not told)",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void BlockCommand::execute(CommandContext& ctx) {
    const auto stored = otherUser(ctx, ctx.arg(0), {.self = "Error. Cannot block self"});
    if (!stored)
        return;
    const std::string& target = *stored;
    switch (ctx.services.blocks.block(ctx.user(), target)) {
    case BlockService::BlockResult::Blocked:
        ctx.reply.ok().with("user", target).say(target + " is blocked");
        break;
    case BlockService::BlockResult::AlreadyBlocked:
        ctx.reply.ok().with("user", target).say(target + " is already blocked");
        break;
    case BlockService::BlockResult::LimitReached:
        ctx.reply.fail(err::kLimitReached)
            .with("max", static_cast<std::int64_t>(ctx.settings().maxBlocksPerUser))
            .say("Error. You have blocked too many users; unblock someone first");
        break;
    }
}

} // namespace toom
