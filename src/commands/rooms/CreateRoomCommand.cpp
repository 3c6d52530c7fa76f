#include "commands/rooms/CreateRoomCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/Text.h"

namespace toom {

CommandSpec CreateRoomCommand::spec() {
    return {
        .canonical = "CREATEROOM",
        .names = {{"CREATEROOM", Dialect::Toom}, {"SRB", Dialect::C}},
        .syntax = "<user1> [<user2> ...]",
        .summary = "make a separate chat room with these online users",
        .minArgs = 1,
        .maxArgs = 1000, // Bounded by rooms.max_members below.
    };
}

void CreateRoomCommand::execute(CommandContext& ctx) {
    std::vector<std::string> others = ctx.args();
    if (others.size() + 1 > ctx.settings().maxRoomMembers) {
        ctx.reply.fail(err::kLimitReached)
            .with("max", static_cast<std::int64_t>(ctx.settings().maxRoomMembers))
            .say("Error. A room has at most " + std::to_string(ctx.settings().maxRoomMembers) +
                 " users");
        return;
    }
    if (!checkNewMembers(ctx, others))
        return;
    auto created = ctx.services.rooms.createSeparate(ctx.user(), others);
    const Room& room = created.room;
    const std::string members = join(room.memberNames(), ", ");
    ServerLine& ok = ctx.reply.ok();
    ok.with("room", room.number).with("members", join(room.memberNames(), ","));
    if (created.outcome == RoomService::Created::Outcome::AlreadyExists) {
        ok.with("created", 0)
            .say("a separate room (ID: " + std::to_string(room.number) +
                 ") already created for these users");
        return;
    }
    ok.with("created", 1)
        .say("Separate chat room has been created, room ID: " + std::to_string(room.number) +
             ", users in this room: " + members);
    ctx.audit("%s created separate room %d: %s", ctx.user(), room.number, members);
}

} // namespace toom
