#pragma once
// userlog.txt in the seeds' format: one line per online user,
//   "seq; timestamp; username; IP; UDP port"
// numbered from 1 and renumbered whenever someone logs out. It mirrors who is online now, so
// it starts empty with every server run; the durable login history lives in the Store.

#include "common/Mutex.h"
#include "models/Presence.h"

#include <string>
#include <vector>

namespace toom {

class UserLogFile {
public:
    /// Truncates (or creates) the file at `path`. An empty path disables the file.
    UserLogFile(std::string path, bool padDay);

    void add(const OnlineUser& user);
    void remove(const std::string& username);
    /// The user's line is replaced by `user`'s, as a new login (last, renumbered); added if
    /// missing. One rewrite, so the file never shows the user twice or not at all.
    void replace(const OnlineUser& user);
    void updateUdpPort(const std::string& username, int udpPort);

    /// The current lines, as written.
    std::vector<std::string> lines() const;

    const std::string& path() const { return _path; }

private:
    /// Writes the file from _online; the mutex orders the rewrites (the last one wins).
    void rewrite() const TOOM_REQUIRES(_mutex);
    std::string formatLine(std::size_t seq, const OnlineUser& user) const;

    std::string _path;
    bool _padDay;
    mutable Mutex _mutex;
    std::vector<OnlineUser> _online TOOM_GUARDED_BY(_mutex);
};

} // namespace toom
