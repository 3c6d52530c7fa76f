#include "commands/board/BoardBroadcast.h"

#include "common/MessageText.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"

namespace toom {

ServerLine boardEvent(const ServerSettings& settings, const BoardPost& post,
                      const std::string& action) {
    ServerLine event = ServerLine::event(std::string(ev::kBoard));
    event.with("action", action)
        .with("n", post.number)
        .with("user", post.author)
        .with("ts", isoTime(post.time))
        .with("edited", post.edited ? 1 : 0)
        .with("text", action == "deleted" ? std::string() : post.text);
    const std::string number = "#" + std::to_string(post.number);
    if (action == "posted") {
        std::string text =
            messageText(settings.messageStyle, settings.padDay, post.time, post.author, post.text);
        event.say(settings.messageStyle == MessageStyle::Plain ? text : number + " " + text);
    } else if (action == "edited") {
        event.say(post.author + " edited message " + number + ": " + post.text);
    } else {
        event.say(post.author + " deleted message " + number);
    }
    return event;
}

std::size_t broadcastBoardChange(CommandContext& ctx, const BoardPost& post,
                                 const std::string& action) {
    const ServerLine event = boardEvent(ctx.settings(), post, action);
    std::size_t blocked = 0;
    ctx.services.messenger.broadcast(event, post.author, [&](const std::string& viewer) {
        if (ctx.services.blocks.receivesFrom(viewer, post.author))
            return true;
        ++blocked;
        return false;
    });
    return blocked;
}

std::string describePost(const BoardPost& post, bool padDay) {
    return "#" + std::to_string(post.number) + "; " + post.author + ": \"" + post.text + "\" " +
           (post.edited ? "edited" : "posted") + " at " + formatSeedTime(post.time, padDay) + ".";
}

} // namespace toom
