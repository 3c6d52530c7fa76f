#include "commands/rooms/LeaveRoomCommand.h"

#include "commands/rooms/RoomSupport.h"

namespace toom {

CommandSpec LeaveRoomCommand::spec() {
    CommandSpec s;
    s.canonical = "LEAVE";
    s.names = {{"LEAVE", Dialect::Toom}, {"/leavegroup", Dialect::Toom}};
    s.syntax = "<roomID | group name>";
    s.summary = "leave a separate room or a group chat";
    s.minArgs = 1;
    s.maxArgs = 1;
    return s;
}

void LeaveRoomCommand::execute(CommandContext& ctx) {
    auto room = roomOfCaller(ctx, ctx.arg(0), false);
    if (!room)
        return;
    ctx.services.rooms.leave(room->id, ctx.user());
    ctx.reply.ok().with("room", ctx.arg(0)).say("You left " + room->label());
}

} // namespace toom
