#pragma once
// Test helpers for model values (posts, messages, rooms): instants given in epoch seconds, the
// one column of a list that a test compares, and rooms as a service would return them.
// Header-only, on the model headers only, so that every suite can use them.

#include "models/BoardPost.h"
#include "models/Room.h"

#include <Poco/Timestamp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace toom::test {

/// The instant `seconds` (plus `micros`) after the Unix epoch.
inline Poco::Timestamp at(std::int64_t seconds, std::int64_t micros = 0) {
    return Poco::Timestamp::fromEpochTime(seconds) + micros;
}

/// The `text` of each item (board posts, private or room messages), in order.
template <typename Item>
std::vector<std::string> texts(const std::vector<Item>& items) {
    std::vector<std::string> out;
    for (const auto& item : items)
        out.push_back(item.text);
    return out;
}

/// The `number` of each item (board posts, room messages), in order.
template <typename Item>
std::vector<int> numbers(const std::vector<Item>& items) {
    std::vector<int> out;
    for (const auto& item : items)
        out.push_back(item.number);
    return out;
}

/// A separate room (variant C) with the given store id and room number; its creator is the
/// first member.
inline Room separate(std::int64_t id, int number, std::vector<RoomMember> members) {
    Room room;
    room.id = id;
    room.kind = RoomKind::Separate;
    room.number = number;
    room.creator = members.front().username;
    room.members = std::move(members);
    return room;
}

/// A named group (variant D) with the given store id; its creator is the first member.
inline Room group(std::int64_t id, const std::string& name, std::vector<RoomMember> members) {
    Room room;
    room.id = id;
    room.kind = RoomKind::Group;
    room.name = name;
    room.creator = members.front().username;
    room.members = std::move(members);
    return room;
}

/// A board post by `author` at `time`, not yet stored (id and number 0).
inline BoardPost post(const std::string& author, const std::string& text,
                      Poco::Timestamp time = at(1000)) {
    BoardPost made;
    made.author = author;
    made.text = text;
    made.time = time;
    return made;
}

} // namespace toom::test
