#include "commands/rooms/RoomsCommand.h"

#include "common/Text.h"

namespace toom {

CommandSpec RoomsCommand::spec() {
    return {
        .canonical = "ROOMS",
        .names = {{"ROOMS", Dialect::Toom}, {"/groups", Dialect::Toom}},
        .summary = "list your separate rooms and group chats with their members",
    };
}

void RoomsCommand::execute(CommandContext& ctx) {
    std::int64_t count = 0;
    for (const Room& room : ctx.services.rooms.roomsOf(ctx.user())) {
        std::vector<std::string> invited;
        for (const auto& m : room.members) {
            if (!m.joined)
                invited.push_back(m.username);
        }
        const bool separate = room.kind == RoomKind::Separate;
        std::string text =
            (separate ? "room " + std::to_string(room.number) : "group " + room.name) + ": " +
            join(room.memberNames(true), ", ");
        if (!invited.empty())
            text += " (invited: " + join(invited, ", ") + ")";
        ServerLine row = ctx.reply.newRow();
        row.with("kind", separate ? "separate" : "group")
            .with("room", separate ? std::to_string(room.number) : room.name)
            .with("members", join(room.memberNames(true), ","))
            .with("invited", join(invited, ","))
            .with("joined", room.hasJoined(ctx.user()) ? 1 : 0)
            .with("open", room.open ? 1 : 0)
            .say(text);
        if (!ctx.reply.add(std::move(row)))
            continue; // Counted in leftOut(), reported as more=.
        ++count;
    }
    ServerLine& ok = ctx.reply.ok();
    ok.with("count", count).with("more", static_cast<std::int64_t>(ctx.reply.leftOut()));
    if (count == 0)
        ok.say("You are in no room or group chat");
}

} // namespace toom
