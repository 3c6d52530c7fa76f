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
        .summary = "edit your board post number n (the seeds' form gives its timestamp too)",
        .minArgs = 6,
        .maxArgs = 6,
        .lastArgIsText = true,
        .shortForm = {.minArgs = 2, .syntax = "<n> [<d Mmm yyyy hh:mm:ss>] <message>"},
    };
}

void EditPostCommand::execute(CommandContext& ctx) {
    auto ref = postReference(ctx, 6, true);
    if (!ref)
        return;
    // After a timestamp the dispatcher has gathered the text; after the number alone it is
    // the rest of the line.
    const std::string text = ref->epochSeconds ? ctx.arg(5) : ctx.textFrom(ref->textArg);
    auto change = ctx.services.board.edit(ctx.user(), ref->number, ref->epochSeconds, text);
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
