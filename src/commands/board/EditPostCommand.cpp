#include "commands/board/EditPostCommand.h"

#include "commands/board/BoardBroadcast.h"
#include "commands/board/PostChange.h"
#include "common/SeedTime.h"

#include <Poco/Logger.h>

namespace toom {

CommandSpec EditPostCommand::spec() {
    CommandSpec s;
    s.canonical = "EDIT";
    s.names = {{"EDIT", Dialect::Toom}, {"EDT", Dialect::B}};
    s.syntax = "<n> <d Mmm yyyy hh:mm:ss> <message>";
    s.summary = "edit your board post number n, giving its timestamp";
    s.minArgs = 6;
    s.maxArgs = 6;
    s.lastArgIsText = true;
    return s;
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
    if (ctx.settings().consoleAudit)
        ctx.services.audit.information("%s edited MSG #%d \"%s\" at %s.", ctx.user(),
                                       change.post.number, change.post.text, when);
}

} // namespace toom
