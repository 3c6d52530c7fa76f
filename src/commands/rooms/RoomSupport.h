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
/// the reply with an error naming that user and returns false. Duplicates are allowed.
bool checkNewMembers(CommandContext& ctx, const std::vector<std::string>& names);

/// The room named by `text`: a number is a separate room, anything else a group. Nothing when
/// there is none (the reply is not touched).
std::optional<Room> findRoom(CommandContext& ctx, const std::string& text);

/// The room named by `text` that the caller is a member of (and has joined, if
/// `requireJoined`). Otherwise fails the reply with UNKNOWN_ROOM, NOT_MEMBER or NOT_JOINED and
/// returns nothing.
std::optional<Room> roomOfCaller(CommandContext& ctx, const std::string& text, bool requireJoined);

/// Pushes `message` as an EVENT ROOM to the room's other joined members who are online,
/// except where either side has blocked the other. Returns how many got it.
std::size_t deliverRoomMessage(CommandContext& ctx, const Room& room, const RoomMessage& message);

/// "1; 01 Jun 2023 16:05:00; yoda; hello" (the room log's form), for history rows.
std::string describeRoomMessage(const RoomMessage& message, bool padDay);

} // namespace toom
