#include "commands/board/ReadBoardCommand.h"

#include "commands/Arguments.h"
#include "commands/board/BoardBroadcast.h"
#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "common/Text.h"

#include <algorithm>

namespace toom {

namespace {
// RDM s: messages later than the time (without one: the latest recentRows of each room) in
// every separate room the caller is in (or in one), grouped by room, at most maxReadRows in
// all and no more than the reply's byte budget.
void readRooms(CommandContext& ctx, std::optional<std::int64_t> seconds,
               const std::optional<std::string>& oneRoom) {
    std::vector<Room> rooms;
    if (oneRoom) {
        auto room = separateRoomOfCaller(ctx, *oneRoom);
        if (!room)
            return;
        rooms.push_back(std::move(*room));
    } else {
        for (auto& room : ctx.services.rooms.roomsOf(ctx.user())) {
            if (room.kind == RoomKind::Separate)
                rooms.push_back(std::move(room));
        }
    }
    const std::size_t limit = ctx.settings().maxReadRows;
    const std::size_t recent = ctx.settings().latestRows();
    auto read = [&](const Room& room, std::size_t n) {
        return seconds ? ctx.services.rooms.messagesSince(room, *seconds, n)
                       : ctx.services.rooms.latestMessages(room, std::min(n, recent));
    };
    std::size_t count = 0;
    bool more = false;
    for (std::size_t i = 0; i < rooms.size(); ++i) {
        const Room& room = rooms[i];
        if (count >= limit || ctx.reply.full()) {
            // The rows are full: say "more" only if a later room really has something.
            if (more || !read(room, 1).messages.empty()) {
                more = true;
                break;
            }
            continue;
        }
        auto page = read(room, limit - count);
        for (const auto& message : page.messages) {
            ServerLine row = ctx.reply.newRow();
            row.with("kind", "separate")
                .with("room", room.number)
                .with("n", message.number)
                .with("user", message.sender)
                .with("ts", isoTime(message.time))
                .with("text", message.text)
                .say(room.label() + ": " + describeRoomMessage(message, ctx.settings().padDay));
            if (!ctx.reply.add(std::move(row)))
                break;
            ++count;
        }
        more = more || page.more || ctx.reply.full();
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", static_cast<std::int64_t>(count)).with("more", more ? 1 : 0);
    if (count == 0)
        ok.say("no new message");
}
} // namespace

CommandSpec ReadBoardCommand::spec() {
    return {
        .canonical = "READ",
        .names = {{"READ", Dialect::Toom}, {"RDM", Dialect::B}},
        .syntax = "[b | s [<room>]] <d Mmm yyyy hh:mm:ss>",
        .summary = "read board posts (b) or room messages (s) later than a time, or (without "
                   "one) the latest",
        .minArgs = 1,
        .maxArgs = 6,
        .shortForm = {.minArgs = 0, .syntax = "[b | s [<room>]] [<d Mmm yyyy hh:mm:ss>]"},
    };
}

void ReadBoardCommand::execute(CommandContext& ctx) {
    std::vector<std::string> words = ctx.args();
    bool rooms = false;
    std::optional<std::string> oneRoom;
    const bool shortForms = ctx.settings().shortForms;
    if (!words.empty() && iequals(words.front(), "b")) {
        words.erase(words.begin());
    } else if (!words.empty() && iequals(words.front(), "s")) {
        rooms = true;
        words.erase(words.begin());
        // RDM s <room> <timestamp>, or (short form) RDM s <room>.
        if (words.size() == 5 || (shortForms && words.size() == 1)) {
            oneRoom = words.front();
            words.erase(words.begin());
        }
    }
    // No time (a short form): the latest. Otherwise the words must be one.
    std::optional<std::int64_t> seconds;
    if (!words.empty() || !shortForms) {
        seconds = timestampArgument(words, ctx.reply);
        if (!seconds)
            return;
    }
    if (rooms) {
        readRooms(ctx, seconds, oneRoom);
        return;
    }

    std::int64_t count = 0;
    auto page = seconds ? ctx.services.board.since(*seconds, ctx.settings().maxReadRows)
                        : ctx.services.board.latest(ctx.settings().latestRows());
    for (const auto& post : page.posts) {
        ServerLine row = ctx.reply.newRow();
        row.with("n", post.number)
            .with("user", post.author)
            .with("ts", isoTime(post.time))
            .with("edited", post.edited ? 1 : 0)
            .with("text", post.text)
            .say(describePost(post, ctx.settings().padDay));
        if (!ctx.reply.add(std::move(row)))
            break;
        ++count;
    }
    // Left out: what the row limit cut, and what the byte budget cut from the page.
    const std::size_t more = page.more + (page.posts.size() - static_cast<std::size_t>(count));
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count).with("more", static_cast<std::int64_t>(more));
    if (count == 0)
        ok.say(seconds ? "no new message" : "no message on the board");
    else if (!seconds && page.more > 0)
        // The latest were asked for: what is left out is older.
        ok.say("the latest " + std::to_string(count) + " of " +
               std::to_string(static_cast<std::size_t>(count) + more) +
               " posts; READ <d Mmm yyyy hh:mm:ss> reads from a time");
    else if (more > 0)
        ok.say(std::to_string(more) + " more not shown (at most " +
               std::to_string(ctx.settings().maxReadRows) + " per read, " +
               std::to_string(ctx.settings().replyByteBudget() / 1024) +
               " KiB); read again from the time of the last one shown");
}

} // namespace toom
