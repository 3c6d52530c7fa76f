#include "commands/rooms/JoinCommand.h"

#include "commands/rooms/RoomSupport.h"
#include "common/Protocol.h"

namespace toom {

CommandSpec JoinCommand::spec() {
    return {
        .canonical = "JOIN",
        .names = {{"JOIN", Dialect::Toom}},
        .syntax = "<name>",
        .summary = "join a group you were invited to or an open one; a new name makes an open "
                   "group",
        .minArgs = 1,
        .maxArgs = 1,
    };
}

void JoinCommand::execute(CommandContext& ctx) {
    const std::string name = groupNameArgument(ctx.arg(0));
    const std::size_t longest = ctx.settings().maxGroupNameLength;
    if (!isValidGroupName(name, longest)) {
        ctx.reply.fail(err::kInvalidArgument)
            .with("argument", "name")
            .with("max", static_cast<std::int64_t>(longest))
            .say("Invalid group name '" + name + "': use 1 to " + std::to_string(longest) +
                 " letters and digits");
        return;
    }
    bool created = false;
    auto group = ctx.services.rooms.group(name);
    if (!group) {
        // Made here, or by someone else a moment ago (then it is joined as any open group).
        auto made = ctx.services.rooms.createOpenGroup(ctx.user(), name);
        created = made.outcome == RoomService::Created::Outcome::Created;
        group = made.room;
    }
    const RoomMember* member = group->member(ctx.user());
    const bool already = !created && member && member->joined;
    if (!member && !group->open) {
        ctx.reply.fail(err::kNotInvited)
            .with("group", name)
            .say("Groupchat " + name + " is invite-only: you were not invited");
        return;
    }
    if (!member && group->memberNames().size() >= ctx.settings().maxRoomMembers) {
        ctx.reply.fail(err::kLimitReached)
            .with("group", name)
            .with("max", static_cast<std::int64_t>(ctx.settings().maxRoomMembers))
            .say("Groupchat " + name + " is full: a group has at most " +
                 std::to_string(ctx.settings().maxRoomMembers) + " users");
        return;
    }
    Room joined = already || created ? *group : ctx.services.rooms.join(name, ctx.user());
    if (!already && !created)
        announceGroupChange(ctx, joined, GroupChange::Joined);
    ServerLine& ok = ctx.reply.ok();
    describeGroup(ok, joined);
    ok.with("created", created ? 1 : 0).with("already", already ? 1 : 0);
    ok.say(created   ? "Created the open group chat " + name + "; you are its operator"
           : already ? "You are already in the group chat " + name
                     : "Joined the group chat " + name);
    if (!already)
        ctx.audit("%s joined group chat %s%s", ctx.user(), name,
                  std::string(created ? " (created it, open)" : ""));
}

} // namespace toom
