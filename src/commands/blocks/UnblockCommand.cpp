#include "commands/blocks/UnblockCommand.h"

#include "common/Protocol.h"

namespace toom {

CommandSpec UnblockCommand::spec() {
    CommandSpec s;
    s.canonical = "UNBLOCK";
    s.names = {{"unblock", Dialect::A}};
    s.syntax = "<user>";
    s.summary = "lift a block";
    s.minArgs = 1;
    s.maxArgs = 1;
    return s;
}

void UnblockCommand::execute(CommandContext& ctx) {
    const std::string& target = ctx.arg(0);
    if (target == ctx.user()) {
        ctx.reply.fail(err::kSelf).say("Error. Cannot unblock self");
        return;
    }
    if (!ctx.services.accounts.exists(target)) {
        ctx.reply.fail(err::kUnknownUser).with("user", target).say("Error. Invalid user");
        return;
    }
    if (!ctx.services.blocks.unblock(ctx.user(), target)) {
        ctx.reply.fail(err::kNotBlocked)
            .with("user", target)
            .say("Error. " + target + " was not blocked");
        return;
    }
    ctx.reply.ok().with("user", target).say(target + " is unblocked");
}

} // namespace toom
