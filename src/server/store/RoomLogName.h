#pragma once
// The file name of a room's seed log in the log directory: SR_<number>_messageLog.txt for a
// separate room (variant C), <name>_messageLog.txt for a group (variant D). One definition,
// because two places need it: StoredRoomService writes the logs, and a fresh seed run
// (FreshRun.h) removes the previous run's.

#include "models/Room.h"

#include <string>

namespace toom {

inline std::string roomLogFileName(const Room& room) {
    return room.kind == RoomKind::Separate ? "SR_" + std::to_string(room.number) + "_messageLog.txt"
                                           : room.name + "_messageLog.txt";
}

} // namespace toom
