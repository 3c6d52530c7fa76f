#include "commands/board/DeletePostCommand.h"

#include "commands/board/BoardBroadcast.h"
#include "commands/board/PostChange.h"
#include "common/SeedTime.h"

namespace toom {

CommandSpec DeletePostCommand::spec() {
    return {
        .canonical = "DELETE",
        .names = {{"DELETE", Dialect::Toom}, {"DLT", Dialect::B}},
        .syntax = "<n> <d Mmm yyyy hh:mm:ss>",
        .summary = "delete your board post number n (the seeds' form gives its timestamp too); "
                   "later posts move up",
        .minArgs = 5,
        .maxArgs = 5,
        .shortForm = {.minArgs = 1, .syntax = "<n> [<d Mmm yyyy hh:mm:ss>]"},
    };
}

void DeletePostCommand::execute(CommandContext& ctx) {
    auto ref = postReference(ctx, 5, false);
    if (!ref)
        return;
    auto change = ctx.services.board.remove(ctx.user(), ref->number, ref->epochSeconds);
    if (refuse(ctx, change.refusal, *ref, "delete"))
        return;
    broadcastBoardChange(ctx, change.post, "deleted");
    const Poco::Timestamp now = ctx.now();
    const std::string when = formatSeedTime(now, ctx.settings().padDay);
    ctx.reply.ok()
        .with("n", change.post.number)
        .with("ts", isoTime(now))
        .say("Message #" + std::to_string(change.post.number) + " deleted at " + when + ".");
    ctx.auditMessage("%s deleted MSG #%d \"%s\" at %s.", ctx.user(), change.post.number,
                     change.post.text, when);
}

} // namespace toom
