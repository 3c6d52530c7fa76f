#pragma once
// Rooms: the separate rooms of variant C (numbered, made from a member list, everyone joined
// at once) and the named groups of variant D (the creator joined, the others invited until
// they join) are one model: a room with members who are invited or joined.

#include <Poco/Timestamp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace toom {

enum class RoomKind {
    Separate, ///< SRB: identified by its number.
    Group     ///< /creategroup: identified by its name.
};

struct RoomMember {
    std::string username;
    bool joined = false; ///< False while only invited.
    bool operator==(const RoomMember&) const = default;
};

/// A group's topic, who set it and when (IRC's TOPIC; Toom's TOPIC command).
struct RoomTopic {
    std::string text;
    std::string setBy;
    Poco::Timestamp setAt{0};
    bool operator==(const RoomTopic&) const = default;
};

struct Room {
    std::int64_t id = 0; ///< Stable identity in the store.
    RoomKind kind = RoomKind::Separate;
    int number = 0;   ///< Separate rooms: the room ID users type (from 1).
    std::string name; ///< Groups: the name users type.
    std::string creator;
    std::vector<RoomMember> members; ///< In the order they were added; the creator first.
    Poco::Timestamp createdAt;
    /// Groups: anyone may join, invited or not (a channel an IRC user made with JOIN). The
    /// groups of variant D are invite-only.
    bool open = false;
    RoomTopic topic; ///< Groups: what the group is about; empty until its creator sets one.

    /// The member entry of `username`, if invited or joined.
    const RoomMember* member(const std::string& username) const;
    bool isMember(const std::string& username) const { return member(username) != nullptr; }
    bool hasJoined(const std::string& username) const;
    /// Member names in order; `joinedOnly` leaves out those only invited.
    std::vector<std::string> memberNames(bool joinedOnly = false) const;
    /// "room 1" or "learning3331", for messages.
    std::string label() const;
};

/// A message in a room, numbered from 1 within its room.
struct RoomMessage {
    std::int64_t id = 0;
    std::int64_t roomId = 0;
    int number = 0;
    std::string sender;
    std::string text;
    Poco::Timestamp time;
};

/// The default longest group name (config key rooms.max_group_name_length).
inline constexpr std::size_t kDefaultMaxGroupName = 64;

/// Group names as variant D allows them: 1 to `maxLength` ASCII letters and digits, all digits
/// included ("3331"). Where a separate room's number could be meant instead (LEAVE, HISTORY,
/// RDM s), a group is written "#3331"; see groupNameArgument in commands/rooms/RoomSupport.h.
bool isValidGroupName(const std::string& name, std::size_t maxLength = kDefaultMaxGroupName);

} // namespace toom
