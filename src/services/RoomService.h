#pragma once
// Rooms and groups: creating them, joining, leaving, posting and reading their messages.
// Who may do what (online, blocks, membership) is checked by the commands; this service keeps
// the rooms consistent and durable.

#include "models/Room.h"

#include <Poco/Timestamp.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace toom {

class RoomService {
public:
    virtual ~RoomService() = default;

    struct Created {
        enum class Outcome {
            Created,
            AlreadyExists, ///< A separate room with exactly these members exists: `room` is it.
            NameTaken      ///< A group with this name exists.
        };
        Outcome outcome = Outcome::Created;
        Room room;
    };

    /// A separate room of `creator` and `others`, all joined, numbered from 1; not made twice
    /// for the same member set.
    virtual Created createSeparate(const std::string& creator,
                                   const std::vector<std::string>& others) = 0;

    /// A group named `name`: the creator joined, `invitees` invited.
    virtual Created createGroup(const std::string& creator, const std::string& name,
                                const std::vector<std::string>& invitees) = 0;

    /// An open group named `name` (anyone may join it), with its creator joined: what an IRC
    /// user's JOIN of a channel that does not exist makes.
    virtual Created createOpenGroup(const std::string& creator, const std::string& name) = 0;

    virtual std::optional<Room> separateRoom(int number) const = 0;
    virtual std::optional<Room> group(const std::string& name) const = 0;

    /// Marks an invited member of group `name` joined, or adds `username` to it joined (an
    /// open group). The caller checked the invitation or that the group is open.
    virtual Room join(const std::string& name, const std::string& username) = 0;

    /// Sets the topic of group `name`; nothing when there is no such group. The caller checked
    /// who may.
    virtual std::optional<Room> setTopic(const std::string& name, const RoomTopic& topic) = 0;

    /// Removes `username` from room `roomId`. False when not a member.
    virtual bool leave(std::int64_t roomId, const std::string& username) = 0;

    /// Every room and group `username` is a member of (invited or joined), in creation order.
    virtual std::vector<Room> roomsOf(const std::string& username) const = 0;

    /// Stores a message in `room`, numbered after the room's last one.
    virtual RoomMessage post(const Room& room, const std::string& sender,
                             const std::string& text) = 0;

    struct Page {
        std::vector<RoomMessage> messages; ///< In number order.
        bool more = false;                 ///< More matched than the limit.
    };

    /// Messages of `room` later than `epochSeconds` (strictly, to the second), at most `limit`.
    virtual Page messagesSince(const Room& room, std::int64_t epochSeconds,
                               std::size_t limit) const = 0;

    /// Whose messages a reader is shown: true for a sender whose messages count.
    using SenderFilter = std::function<bool(const std::string& sender)>;

    struct Latest {
        std::vector<RoomMessage> messages; ///< In number order.
        std::size_t more = 0;              ///< Earlier ones `shown` accepts, left out.
    };

    /// The latest `limit` messages of `room` later than `after` whose sender `shown` accepts,
    /// in number order, and how many earlier ones it accepts. Bounded work: when rejected
    /// messages are very many, fewer than `limit` may come back (and `more` counts the rest).
    virtual Latest latestMessages(const Room& room, Poco::Timestamp after, std::size_t limit,
                                  const SenderFilter& shown) const = 0;
    /// The last `limit` messages of `room`, in number order; `more` when earlier ones exist.
    virtual Page latestMessages(const Room& room, std::size_t limit) const = 0;
};

} // namespace toom
