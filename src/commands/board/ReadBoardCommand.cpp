#include "ReadBoardCommand.h"

#include "BoardBroadcast.h"
#include "commands/Arguments.h"
#include "common/SeedTime.h"
#include "common/Text.h"

namespace toom {

CommandSpec ReadBoardCommand::spec() {
    CommandSpec s;
    s.canonical = "READ";
    s.names = {{"READ", Dialect::Toom}, {"RDM", Dialect::B}};
    s.syntax = "[b | s [<room>]] <d Mmm yyyy hh:mm:ss>";
    s.summary = "read board posts (b) or room messages (s) later than a time";
    s.minArgs = 1;
    s.maxArgs = 6;
    return s;
}

void ReadBoardCommand::execute(CommandContext& ctx) {
    std::vector<std::string> words = ctx.args();
    bool rooms = false;
    if (iequals(words.front(), "b")) {
        words.erase(words.begin());
    } else if (iequals(words.front(), "s")) {
        rooms = true;
        words.erase(words.begin());
        if (words.size() == 5) // RDM s <room> <timestamp>
            words.erase(words.begin());
    }
    auto seconds = timestampArgument(words, ctx.reply);
    if (!seconds)
        return;

    std::int64_t count = 0;
    std::size_t more = 0;
    if (!rooms) {
        auto page = ctx.services.board.since(*seconds, ctx.settings().maxReadRows);
        for (const auto& post : page.posts) {
            ctx.reply.row()
                .with("n", post.number)
                .with("user", post.author)
                .with("ts", isoTime(post.time))
                .with("edited", post.edited ? 1 : 0)
                .with("text", post.text)
                .say(describePost(post, ctx.settings().padDay));
            ++count;
        }
        more = page.more;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count).with("more", static_cast<std::int64_t>(more));
    if (count == 0)
        ok.say("no new message");
    else if (more > 0)
        ok.say(std::to_string(more) + " more not shown (at most " +
               std::to_string(ctx.settings().maxReadRows) +
               " per read); read again from the time of the last one shown");
}

} // namespace toom
