#include "commands/board/EditPostCommand.h"

#include "commands/board/BoardBroadcast.h"
#include "commands/board/PostChange.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec EditPostCommand::spec() {
    return {
        .canonical = "EDIT",
        .names = {{"EDIT", Dialect::Toom}, {"EDT", Dialect::B}},
        .syntax = "<n> <d Mmm yyyy hh:mm:ss> <message>",
        .summary = "edit your board post number n, giving its timestamp",
        .minArgs = 6,
        .maxArgs = 6,
        .lastArgIsText = true,
    };
}

void EditPostCommand::execute(CommandContext& ctx) {
    auto ref = postReference(ctx);
    if (!ref)
        return;
    auto change = ctx.services.board.edit(ctx.user(), ref->number, ref->epochSeconds, ctx.arg(5));
    if (refuse(ctx, change.refusal, *ref, "edit"))
        return;
    broadcastBoardChange(ctx, change.post, "edited");
    const std::string when = formatSeedTime(change.post.time, ctx.settings().padDay);
    ctx.reply.ok()
        .with("n", change.post.number)
        .with("ts", isoTime(change.post.time))
        .say("Message #" + std::to_string(change.post.number) + " edited at " + when + ".");
    ctx.auditMessage("%s edited MSG #%d \"%s\" at %s.", ctx.user(), change.post.number,
                     change.post.text, when);
}

} // namespace toom
