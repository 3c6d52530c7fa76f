#pragma once
// RoomService on the store, with the rooms (not their messages) cached in memory, and every
// room's seed log (RoomLogFile): SR_<id>_messageLog.txt for separate rooms, <name>_messageLog.txt
// for groups, "n; timestamp; user; text". At start each log is repaired to match the store.

#include "common/Mutex.h"
#include "server/store/RoomLogFile.h"
#include "server/store/RoomStore.h"
#include "services/Clock.h"
#include "services/RoomService.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace toom {

class StoredRoomService final : public RoomService {
public:
    /// How many room logs the start-up repair rewrote, and how many it could not.
    struct LogRepairs {
        std::size_t rewritten = 0;
        std::size_t failed = 0;
    };

    /// Loads the rooms from `store` and makes every room's log hold what the store holds (as
    /// the board log is rewritten from the store): a kill -9 can land between storing a message
    /// and writing its line. `logDir` empty disables the room logs.
    /// The room logs' writes go through `appender` (the StoreWriter in the server).
    StoredRoomService(RoomStore& store, Clock& clock, std::string logDir, bool padDay,
                      LineAppender& appender = LineAppender::direct());

    Created createSeparate(const std::string& creator,
                           const std::vector<std::string>& others) override;
    Created createGroup(const std::string& creator, const std::string& name,
                        const std::vector<std::string>& invitees) override;
    Created createOpenGroup(const std::string& creator, const std::string& name) override;
    std::optional<Room> separateRoom(int number) const override;
    std::optional<Room> group(const std::string& name) const override;
    Room join(const std::string& name, const std::string& username) override;
    std::optional<Room> setTopic(const std::string& name, const RoomTopic& topic) override;
    bool leave(std::int64_t roomId, const std::string& username) override;
    std::vector<Room> roomsOf(const std::string& username) const override;
    RoomMessage post(const Room& room, const std::string& sender, const std::string& text) override;
    Page messagesSince(const Room& room, std::int64_t epochSeconds,
                       std::size_t limit) const override;
    Latest latestMessages(const Room& room, Poco::Timestamp after, std::size_t limit,
                          const SenderFilter& shown) const override;
    Page latestMessages(const Room& room, std::size_t limit) const override;

    /// The seed log file of `room` (empty when logs are off).
    std::string logPath(const Room& room) const;

    /// What the repair at construction did.
    const LogRepairs& logRepairs() const { return _logRepairs; }

private:
    Room* findLocked(std::int64_t id) TOOM_REQUIRES(_mutex);
    /// The existing room of exactly `wanted`, or nothing after adding a new one (last in _rooms).
    std::optional<Room> createSeparateLocked(const std::string& creator,
                                             const std::vector<std::string>& others,
                                             const std::set<std::string>& wanted)
        TOOM_REQUIRES(_mutex);
    /// Adds the group (its name is free) and returns it.
    Room newGroupLocked(const std::string& creator, const std::string& name,
                        const std::vector<std::string>& invitees, bool open) TOOM_REQUIRES(_mutex);
    /// createGroup and createOpenGroup: the group, unless the name is taken.
    Created createGroupOf(const std::string& creator, const std::string& name,
                          const std::vector<std::string>& invitees, bool open);
    Room* findGroupLocked(const std::string& name) TOOM_REQUIRES(_mutex);
    /// Rewrites every room's log that differs from the store; run by the constructor.
    void repairLogs() TOOM_REQUIRES(_mutex);

    RoomStore& _store;
    Clock& _clock;
    const RoomLogFile _log;
    LogRepairs _logRepairs;
    mutable Mutex _mutex;
    std::vector<Room> _rooms TOOM_GUARDED_BY(_mutex); ///< Creation order.
    /// Highest separate-room number handed out.
    int _lastNumber TOOM_GUARDED_BY(_mutex) = 0;
    /// Highest message number of each room (absent: none yet).
    std::map<std::int64_t, int> _lastMessageNumber TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
