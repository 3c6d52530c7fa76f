#include "commands/rooms/CreateGroupCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"
#include "common/Text.h"

namespace toom {

CommandSpec CreateGroupCommand::spec() {
    return {
        .canonical = "CREATEGROUP",
        .names = {{"CREATEGROUP", Dialect::Toom}, {"/creategroup", Dialect::D}},
        .syntax = "<name> <user1> [<user2> ...]",
        .summary = "make a named group chat and invite these online users",
        .minArgs = 1, // A name alone gets D's own error below.
        .maxArgs = 1000,
    };
}

void CreateGroupCommand::execute(CommandContext& ctx) {
    const std::string name = groupNameArgument(ctx.arg(0));
    std::vector<std::string> invitees(ctx.args().begin() + 1, ctx.args().end());
    if (invitees.empty()) {
        ctx.reply.fail(err::kBadArguments)
            .with("syntax", spec().syntax)
            .say("Please enter at least one more active users.");
        return;
    }
    if (!checkGroupName(ctx, name))
        return;
    if (invitees.size() + 1 > ctx.settings().maxRoomMembers) {
        ctx.reply.fail(err::kLimitReached)
            .with("max", static_cast<std::int64_t>(ctx.settings().maxRoomMembers))
            .say("Error. A group has at most " + std::to_string(ctx.settings().maxRoomMembers) +
                 " users");
        return;
    }
    if (!checkNewMembers(ctx, invitees))
        return;
    auto created = ctx.services.rooms.createGroup(ctx.user(), name, invitees);
    if (created.outcome == RoomService::Created::Outcome::NameTaken) {
        ctx.reply.fail(err::kNameTaken)
            .with("group", name)
            .say("Failed to create the group chat " + name + ": group name exists!");
        return;
    }
    const Room& room = created.room;
    ServerLine invite = ServerLine::event(std::string(ev::kInvite));
    invite.with("group", name)
        .with("from", ctx.user())
        .with("members", join(room.memberNames(), ","))
        .say(ctx.user() + " invited you to the group chat " + name + "; join it with /joingroup " +
             name);
    for (const auto& member : room.members) {
        if (!member.joined)
            ctx.services.messenger.sendTo(member.username, invite);
    }
    ctx.reply.ok()
        .with("group", name)
        .with("members", join(room.memberNames(), ","))
        .say("Group chat created " + name);
    ctx.audit("Group chat room has been created, room name: %s, users in this room: %s", name,
              join(room.memberNames(), ", "));
}

} // namespace toom
