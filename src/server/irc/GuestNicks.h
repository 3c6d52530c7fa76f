#pragma once
// The nicks IRC guests are online with (guests have no account, so presence does not know
// them): one guest per nick, compared as usernames are (usernameKey). Thread-safe: a claim is
// made on a login worker, the release on the connection's loop.

#include "common/Mutex.h"

#include <string>
#include <unordered_set>

namespace toom {

class GuestNicks {
public:
    /// Takes `nick` for a guest; false when another guest has it.
    bool claim(const std::string& nick) TOOM_EXCLUDES(_mutex);
    /// Gives `nick` back (no-op when not claimed).
    void release(const std::string& nick) TOOM_EXCLUDES(_mutex);
    bool contains(const std::string& nick) const TOOM_EXCLUDES(_mutex);

private:
    mutable Mutex _mutex;
    std::unordered_set<std::string> _nicks TOOM_GUARDED_BY(_mutex); ///< By usernameKey.
};

} // namespace toom
