#pragma once
// One slice of the durable store. Rooms and groups, their members and their messages.
// SqliteStore implements every slice over one SQLite connection; a service depends only on the
// slices it uses, and each slice has its own small mock (tests/support/mocks/MockStores.h).

#include "models/Room.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace toom {

class RoomStore {
public:
    virtual ~RoomStore() = default;

    /// Adds a room with its members; returns its id (a nonzero `room.id` is used as the id).
    virtual std::int64_t insertRoom(const Room& room) = 0;

    /// Adds or updates one member of room `roomId`.
    virtual void upsertRoomMember(std::int64_t roomId, const RoomMember& member) = 0;

    /// Removes one member of room `roomId`. False when not a member.
    virtual bool deleteRoomMember(std::int64_t roomId, const std::string& username) = 0;

    /// Replaces the topic of room `roomId`.
    virtual void updateRoomTopic(std::int64_t roomId, const RoomTopic& topic) = 0;

    /// Every room with its members, in creation order.
    virtual std::vector<Room> rooms() = 0;

    /// Adds a message (its number set by the caller); returns its id (a nonzero `message.id`
    /// is used as the id).
    virtual std::int64_t insertRoomMessage(const RoomMessage& message) = 0;

    /// Messages of room `roomId` whose time is at or after `fromMicros` (microseconds since
    /// the epoch), in number order, at most `limit`.
    virtual std::vector<RoomMessage> roomMessages(std::int64_t roomId, std::int64_t fromMicros,
                                                  std::size_t limit) = 0;

    /// Messages of room `roomId` at or after `fromMicros` and numbered below `beforeNumber`,
    /// newest first, at most `limit`.
    virtual std::vector<RoomMessage> latestRoomMessages(std::int64_t roomId,
                                                        std::int64_t fromMicros, int beforeNumber,
                                                        std::size_t limit) = 0;

    /// How many messages of room `roomId` at or after `fromMicros` each sender wrote (one
    /// entry per sender, so as many as the room has had writers).
    virtual std::vector<std::pair<std::string, std::size_t>>
    roomMessageCounts(std::int64_t roomId, std::int64_t fromMicros) = 0;
    /// The last `limit` messages of room `roomId`, in number order.
    virtual std::vector<RoomMessage> latestRoomMessages(std::int64_t roomId, std::size_t limit) = 0;
};

} // namespace toom
