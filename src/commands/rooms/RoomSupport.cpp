#include "commands/rooms/RoomSupport.h"

#include "commands/Arguments.h"
#include "commands/OtherUser.h"
#include "common/MessageText.h"
#include "common/Protocol.h"
#include "common/SeedTime.h"
#include "common/Text.h"

namespace toom {

bool checkNewMembers(CommandContext& ctx, std::vector<std::string>& names) {
    for (auto& name : names) {
        auto stored = otherUser(ctx, name,
                                {.self = "Error. You are in the room already; list the others only",
                                 .unknown = "Error. Invalid user: " + name});
        if (!stored)
            return false;
        name = *stored;
        if (!ctx.services.presence.find(name)) {
            ctx.reply.fail(err::kUserOffline).with("user", name).say(name + " is offline");
            return false;
        }
        if (ctx.services.blocks.isBlocking(name, ctx.user())) {
            ctx.reply.fail(err::kBlocked)
                .with("user", name)
                .say(name + " cannot be invited by you");
            return false;
        }
    }
    return true;
}

std::string groupNameArgument(const std::string& typed) {
    return !typed.empty() && typed.front() == '#' ? typed.substr(1) : typed;
}

std::optional<Room> findRoom(CommandContext& ctx, const std::string& text) {
    if (!text.empty() && text.front() == '#')
        return ctx.services.rooms.group(text.substr(1));
    if (auto number = parseNumber(text))
        return ctx.services.rooms.separateRoom(*number);
    return ctx.services.rooms.group(text);
}

std::optional<Room> separateRoomOfCaller(CommandContext& ctx, const std::string& text) {
    auto number = parseNumber(text);
    auto room = number ? ctx.services.rooms.separateRoom(*number) : std::nullopt;
    if (!room) {
        ctx.reply.fail(err::kUnknownRoom)
            .with("room", text)
            .say("The separate room does not exist");
        return std::nullopt;
    }
    if (!room->isMember(ctx.user())) {
        ctx.reply.fail(err::kNotMember)
            .with("room", text)
            .say("You are not in this separate room chat");
        return std::nullopt;
    }
    return room;
}

std::optional<Room> roomOfCaller(CommandContext& ctx, const std::string& text, bool requireJoined) {
    auto room = findRoom(ctx, text);
    if (!room) {
        ctx.reply.fail(err::kUnknownRoom)
            .with("room", text)
            .say("No room or group chat called " + text);
        return std::nullopt;
    }
    if (!room->isMember(ctx.user())) {
        ctx.reply.fail(err::kNotMember).with("room", text).say("You are not in " + room->label());
        return std::nullopt;
    }
    if (requireJoined && !room->hasJoined(ctx.user())) {
        ctx.reply.fail(err::kNotJoined)
            .with("room", text)
            .say("Please join " + room->label() + " first");
        return std::nullopt;
    }
    return room;
}

ServerLine roomEvent(const ServerSettings& settings, const Room& room, const RoomMessage& message) {
    ServerLine event = ServerLine::event(std::string(ev::kRoom));
    event.with("kind", room.kind == RoomKind::Separate ? "separate" : "group")
        .with("room", room.kind == RoomKind::Separate ? std::to_string(room.number) : room.name)
        .with("n", message.number)
        .with("from", message.sender)
        .with("ts", isoTime(message.time))
        .with("text", message.text);
    // D's form "01 Jun 2023 16:05:00, learning3331, Yoda: hello there"; plain "room 1, yoda: hi".
    if (settings.messageStyle == MessageStyle::Plain)
        event.say(room.label() + ", " + message.sender + ": " + message.text);
    else
        event.say(formatSeedTime(message.time, settings.padDay) + ", " + room.label() + ", " +
                  message.sender + ": " + message.text);
    return event;
}

std::size_t deliverRoomMessage(CommandContext& ctx, const Room& room, const RoomMessage& message) {
    const ServerLine event = roomEvent(ctx.settings(), room, message);
    std::vector<std::string> audience;
    audience.reserve(room.members.size());
    for (const auto& member : room.members) {
        if (!member.joined || member.username == message.sender ||
            !ctx.services.blocks.receivesFrom(member.username, message.sender))
            continue;
        audience.push_back(member.username);
    }
    return ctx.services.messenger.sendToEach(audience, event);
}

std::string describeRoomMessage(const RoomMessage& message, bool padDay) {
    return std::to_string(message.number) + "; " + formatSeedTime(message.time, padDay) + "; " +
           message.sender + "; " + message.text;
}

} // namespace toom

namespace toom {

bool checkGroupName(CommandContext& ctx, const std::string& name) {
    const std::size_t longest = ctx.settings().maxGroupNameLength;
    if (isValidGroupName(name, longest))
        return true;
    ctx.reply.fail(err::kInvalidArgument)
        .with("argument", "name")
        .with("max", static_cast<std::int64_t>(longest))
        .say("Invalid group name '" + name + "': use 1 to " + std::to_string(longest) +
             " letters and digits");
    return false;
}

std::optional<Room> groupOrFail(CommandContext& ctx, const std::string& name) {
    auto group = ctx.services.rooms.group(name);
    if (!group)
        ctx.reply.fail(err::kUnknownRoom).with("group", name).say("The group chat does not exist.");
    return group;
}

bool checkRoomForOneMore(CommandContext& ctx, const Room& room) {
    const std::size_t most = ctx.settings().maxRoomMembers;
    if (room.memberNames().size() < most)
        return true;
    ctx.reply.fail(err::kLimitReached)
        .with("group", room.name)
        .with("max", static_cast<std::int64_t>(most))
        .say("Error. A group has at most " + std::to_string(most) + " users");
    return false;
}

void announceGroupChange(CommandContext& ctx, const Room& room, GroupChange change) {
    ServerLine event = ServerLine::event(std::string(ev::kGroup));
    event.with("group", room.name).with("user", ctx.user());
    switch (change) {
    case GroupChange::Joined:
        event.with("action", "joined").say(ctx.user() + " joined the group chat " + room.name);
        break;
    case GroupChange::Left:
        event.with("action", "left").say(ctx.user() + " left the group chat " + room.name);
        break;
    case GroupChange::Topic:
        event.with("action", "topic").with("topic", room.topic.text);
        event.say(room.topic.text.empty()
                      ? ctx.user() + " cleared the topic of " + room.name
                      : ctx.user() + " set the topic of " + room.name + ": " + room.topic.text);
        break;
    }
    std::vector<std::string> audience;
    audience.reserve(room.members.size());
    for (const auto& member : room.members) {
        if (member.joined && member.username != ctx.user() &&
            ctx.services.blocks.receivesFrom(member.username, ctx.user()))
            audience.push_back(member.username);
    }
    ctx.services.messenger.sendToEach(audience, event);
}

void describeGroup(ServerLine& line, const Room& room) {
    line.with("group", room.name)
        .with("open", room.open ? 1 : 0)
        .with("creator", room.creator)
        .with("members", join(room.memberNames(true), ","))
        .with("topic", room.topic.text);
    if (!room.topic.text.empty())
        line.with("topic_by", room.topic.setBy).with("topic_at", isoTime(room.topic.setAt));
}

} // namespace toom
