#pragma once
// The seeds' room logs: one file per separate room or group in the log directory (its name from
// RoomLogName.h), one line per message, "n; timestamp; user; text". Created empty with the room,
// appended to on every message, and repaired from the store at start: the store is the truth,
// and a crash (kill -9) between storing a message and writing its line leaves the log behind.

#include "models/Room.h"
#include "server/store/LineAppender.h"

#include <string>
#include <vector>

namespace toom {

class RoomLogFile {
public:
    /// What repair() did to one room's log.
    enum class Repair {
        Matched,   ///< The file already held exactly the messages: left alone.
        Rewritten, ///< It differed (or was missing) and now holds them.
        Failed,    ///< It differed and could not be rewritten; the old file is left as it was.
        Disabled,  ///< Room logs are off.
    };

    /// `logDir` empty disables the room logs; `padDay` is the profile's timestamp day format.
    /// Writes of create() and append() go through `appender` (see LineAppender).
    RoomLogFile(std::string logDir, bool padDay, LineAppender& appender = LineAppender::direct());

    /// The log file of `room` (empty when the logs are off).
    std::string path(const Room& room) const;

    /// The line of `message`, without the line end.
    std::string formatLine(const RoomMessage& message) const;

    /// Creates the room's empty log if it does not exist (the seeds create it with the room).
    void create(const Room& room) const;

    /// Appends the line of `message` to the log of `room`. The caller serialises the appends of
    /// one room (StoredRoomService holds its lock), so the lines follow the message numbers.
    void append(const Room& room, const RoomMessage& message) const;

    /// Makes the log of `room` hold exactly `messages` (all of the room's, in number order).
    /// Cheap when it already does: the file's size is compared first, its content only when the
    /// sizes agree, and it is written only when they differ, through a temporary file renamed
    /// over it, so a reader (or another crash) sees the old log or the new one, never half.
    /// Not for use while the room is being posted to: it runs at start, before any connection.
    Repair repair(const Room& room, const std::vector<RoomMessage>& messages) const;

private:
    std::string _logDir;
    bool _padDay;
    LineAppender& _appender;
};

} // namespace toom
