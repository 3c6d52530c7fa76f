#pragma once
// What the room and group commands share: checking the users a room is made with, finding a
// room from what the user typed, and pushing a room message to its members.

#include "commands/Command.h"
#include "models/Room.h"

#include <optional>
#include <string>
#include <vector>

namespace toom {

/// Checks each of `names` for a new room or group made by the caller: an existing user, not
/// the caller, online, and not someone who has blocked the caller. On the first failure, fails
/// the reply with an error naming that user and returns false. Duplicates are allowed. Each
/// name is replaced by the account's stored spelling (`HANS` becomes `hans`).
bool checkNewMembers(CommandContext& ctx, std::vector<std::string>& names);

/// The group name in what the user typed: "#jedi" and "jedi" both name the group jedi. The
/// '#' form is how a group whose name is all digits is told from a separate room's number.
std::string groupNameArgument(const std::string& typed);

/// The room named by `text`: "#name" is always a group, a bare number a separate room, and
/// anything else a group. Nothing when there is none (the reply is not touched).
std::optional<Room> findRoom(CommandContext& ctx, const std::string& text);

/// The separate room numbered `text` (variant C's SRM and RDM s) that the caller is in.
/// Otherwise fails the reply with UNKNOWN_ROOM or NOT_MEMBER in C's wording and returns nothing.
std::optional<Room> separateRoomOfCaller(CommandContext& ctx, const std::string& text);

/// The room named by `text` that the caller is a member of (and has joined, if
/// `requireJoined`). Otherwise fails the reply with UNKNOWN_ROOM, NOT_MEMBER or NOT_JOINED and
/// returns nothing.
std::optional<Room> roomOfCaller(CommandContext& ctx, const std::string& text, bool requireJoined);

/// The EVENT ROOM line for `message` in `room`.
ServerLine roomEvent(const ServerSettings& settings, const Room& room, const RoomMessage& message);

/// Pushes `message` as an EVENT ROOM to the room's other joined members who are online,
/// except those who have blocked the sender (BlockPolicy::receivesFrom). Returns how many got
/// it.
std::size_t deliverRoomMessage(CommandContext& ctx, const Room& room, const RoomMessage& message);

/// Whether `name` may name a group (letters and digits, up to rooms.max_group_name_length);
/// otherwise fails the reply with INVALID_ARGUMENT argument=name max= and returns false.
bool checkGroupName(CommandContext& ctx, const std::string& name);

/// The group `name`, or nothing after failing the reply with UNKNOWN_ROOM ("The group chat does
/// not exist.").
std::optional<Room> groupOrFail(CommandContext& ctx, const std::string& name);

/// Whether group `room` has room for one more member (rooms.max_room_members); otherwise fails
/// the reply with LIMIT_REACHED max= and returns false.
bool checkRoomForOneMore(CommandContext& ctx, const Room& room);

/// What happened to group `room` that its members are told of (EVENT GROUP).
enum class GroupChange { Joined, Left, Topic };

/// Tells the group's other joined members who are online that the caller joined it, left it or
/// set its topic (EVENT GROUP), except those who have blocked the caller. `room` is the group
/// as it is after the change (for Left: with or without the caller).
void announceGroupChange(CommandContext& ctx, const Room& room, GroupChange change);

/// The group's state as JOIN, JOINGROUP and TOPIC reply with it: group=, open=, creator=,
/// members= (joined, comma-separated), topic=, topic_by=, topic_at= (when one is set).
void describeGroup(ServerLine& line, const Room& room);

/// "1; 01 Jun 2023 16:05:00; yoda; hello" (the room log's form), for history rows.
std::string describeRoomMessage(const RoomMessage& message, bool padDay);

} // namespace toom
