#include "commands/rooms/LeaveRoomCommand.h"

#include "commands/rooms/RoomSupport.h"

namespace toom {

CommandSpec LeaveRoomCommand::spec() {
    return {
        .canonical = "LEAVE",
        .names = {{"LEAVE", Dialect::Toom}, {"/leavegroup", Dialect::Toom}},
        .syntax = "<roomID | group name>",
        .summary = "leave a separate room or a group chat",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void LeaveRoomCommand::execute(CommandContext& ctx) {
    auto room = roomOfCaller(ctx, ctx.arg(0), false);
    if (!room)
        return;
    ctx.services.rooms.leave(room->id, ctx.user());
    if (room->kind == RoomKind::Group)
        announceGroupChange(ctx, *room, GroupChange::Left);
    ctx.reply.ok().with("room", ctx.arg(0)).say("You left " + room->label());
}

} // namespace toom
