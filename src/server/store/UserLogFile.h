#pragma once
// userlog.txt in the seeds' format: one line per online user,
//   "seq; timestamp; username; IP; UDP port"
// numbered from 1 and renumbered whenever someone logs out. It mirrors who is online now, so
// it starts empty with every server run; the durable login history lives in the Store.

#include "models/Presence.h"

#include <mutex>
#include <string>
#include <vector>

namespace toom {

class UserLogFile {
public:
    /// Truncates (or creates) the file at `path`. An empty path disables the file.
    UserLogFile(std::string path, bool padDay);

    void add(const OnlineUser& user);
    void remove(const std::string& username);
    void updateUdpPort(const std::string& username, int udpPort);

    /// The current lines, as written.
    std::vector<std::string> lines() const;

    const std::string& path() const { return _path; }

private:
    void rewrite() const; ///< Called with _mutex held.
    std::string formatLine(std::size_t seq, const OnlineUser& user) const;

    std::string _path;
    bool _padDay;
    mutable std::mutex _mutex;
    std::vector<OnlineUser> _online;
};

} // namespace toom
