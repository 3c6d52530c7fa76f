#include "commands/blocks/BlockCommand.h"

#include "common/Protocol.h"

namespace toom {

CommandSpec BlockCommand::spec() {
    CommandSpec s;
    s.canonical = "BLOCK";
    s.names = {{"block", Dialect::A}};
    s.syntax = "<user>";
    s.summary = "block a user (they cannot message you or see you online; they are not told)";
    s.minArgs = 1;
    s.maxArgs = 1;
    return s;
}

void BlockCommand::execute(CommandContext& ctx) {
    const std::string& target = ctx.arg(0);
    if (target == ctx.user()) {
        ctx.reply.fail(err::kSelf).say("Error. Cannot block self");
        return;
    }
    if (!ctx.services.accounts.exists(target)) {
        ctx.reply.fail(err::kUnknownUser).with("user", target).say("Error. Invalid user");
        return;
    }
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
