#pragma once
// What a user missed while away, shown once at login after the private messages that waited
// for them: the latest few board posts, and the latest few messages of each room and group
// they have joined, that came after their last logout. Each is the BOARD or ROOM event a live
// push would have carried, with `backlog=1`, so a client that knows nothing of backlogs still
// reads them as posts and messages. Where older ones were left out, an EVENT BACKLOG line
// before that source's events counts them and names the command that reads them
// (`12 more board posts while you were away: READ 4 Dec 2026 09:59:59`).
//
// Only what a live push would have brought: not the user's own posts, nor posts and messages
// from users they block (BlockPolicy::receivesFrom). Bounded in items (per source, and in the
// rooms looked at) and in bytes; past the byte bound the backlog stops with one EVENT BACKLOG
// source=all cut=1.

#include "services/Services.h"

#include <Poco/Timestamp.h>

#include <cstddef>
#include <string>

namespace toom {

struct LoginBacklogLimits {
    std::size_t perSource = 10;      ///< Items per source (the board, each room); 0 = none.
    std::size_t maxBytes = 64 << 10; ///< All the lines together, the last one included.
    std::size_t maxRooms = 100;      ///< Joined rooms and groups looked at, oldest first.
};

/// The backlog of `user`: what came after `since` (their last logout) and no later than
/// `until` (this login; later things were pushed live), as lines each ending in '\n', ready
/// to push. Empty when nothing came, or when `limits.perSource` is 0.
std::string loginBacklog(const Services& services, const std::string& user, Poco::Timestamp since,
                         Poco::Timestamp until, const LoginBacklogLimits& limits);

} // namespace toom
