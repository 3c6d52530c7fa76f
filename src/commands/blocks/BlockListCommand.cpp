#include "commands/blocks/BlockListCommand.h"

namespace toom {

CommandSpec BlockListCommand::spec() {
    return {
        .canonical = "BLOCKS",
        .names = {{"BLOCKS", Dialect::Toom}},
        .summary = "list the users you have blocked",
    };
}

void BlockListCommand::execute(CommandContext& ctx) {
    std::int64_t count = 0;
    for (const auto& name : ctx.services.blocks.blockedBy(ctx.user())) {
        ctx.reply.row().with("user", name).say(name);
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count);
    if (count == 0)
        ok.say("You have not blocked anyone");
}

} // namespace toom
