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
        ServerLine row = ctx.reply.newRow();
        row.with("user", name).say(name);
        if (!ctx.reply.add(std::move(row)))
            continue; // Counted in leftOut(), reported as more=.
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count).with("more", static_cast<std::int64_t>(ctx.reply.leftOut()));
    if (count == 0)
        ok.say("You have not blocked anyone");
}

} // namespace toom
